import { parseCorefile } from './parse.ts';
import { markerTag, rewriteRuleTexts, type HostnameRewriteOptions } from './rewrite-rules.ts';
import type { Corefile, Directive } from './types.ts';

/** A ConfigMap as far as setup detection cares. */
export interface ConfigMapLike {
  name: string;
  namespace?: string;
  data?: Record<string, string>;
}

export type DnsSetup = 'k3s-custom' | 'corefile';

/**
 * `import` patterns that paste the `coredns-custom` ConfigMap's `*.override` keys into the main
 * block: k3s/k3d mount it at /etc/coredns/custom; AKS uses the same ConfigMap name and key
 * suffix, imported relative to /etc/coredns. Both distributions rewrite the `coredns`
 * ConfigMap itself (k3s on restart, AKS's addon manager), so edits there do not last.
 */
const OVERRIDE_IMPORTS = new Set(['/etc/coredns/custom/*.override', 'custom/*.override']);

/**
 * 'k3s-custom' when the Corefile imports `coredns-custom` `*.override` snippets (our rules then
 * belong in that ConfigMap, see planCustomOverride), else 'corefile' (patch the Corefile in
 * place, see planHostnameRewrite). Without a parsed Corefile, it is read from the
 * `kube-system/coredns` ConfigMap among `configMaps`.
 */
export function detectSetup(corefile: Corefile | string | null, configMaps: ConfigMapLike[] = []): DnsSetup {
  let parsed: Corefile | undefined;
  if (corefile === null) {
    const cm = configMaps.find((c) => c.name === 'coredns' && (c.namespace ?? 'kube-system') === 'kube-system');
    const text = cm?.data?.Corefile;
    if (text === undefined) return 'corefile';
    parsed = parseCorefile(text, 'kube-system/coredns Corefile');
  } else parsed = typeof corefile === 'string' ? parseCorefile(corefile) : corefile;
  const imports = (plugins: Directive[]) => plugins.some((p) => p.name === 'import' && p.args.some((a) => OVERRIDE_IMPORTS.has(a)));
  return parsed.serverBlocks.some((b) => imports(b.plugins)) ? 'k3s-custom' : 'corefile';
}

/**
 * The `coredns-custom` ConfigMap entry holding our rules for k3s-style setups: key
 * `groundcrew-<marker>.override`, content the same marked rewrite lines as the in-place patch.
 * Removing the key undoes it.
 */
export function planCustomOverride(options: HostnameRewriteOptions): { key: string; content: string } {
  const tag = markerTag(options.marker);
  const name = tag.slice('groundcrew:'.length).replace(/[^A-Za-z0-9._-]/g, '-');
  const content = rewriteRuleTexts(options).map((rule) => `${rule} # ${tag}\n`).join('');
  return { key: `groundcrew-${name}.override`, content };
}
