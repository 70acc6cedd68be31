import { escapeRegex, isHostname } from './names.ts';
import { CorefileError } from './errors.ts';

/** What the DNS repair wants: make `hostname` (and optionally `*.hostname`) answer as `target`. */
export interface HostnameRewriteOptions {
  hostname: string;
  /** Also rewrite every name below `hostname` (`x.hostname`, `a.b.hostname`). */
  wildcard: boolean;
  /** The in-cluster name to answer with, e.g. `ttdeps-traefik.default.svc.cluster.local`. */
  target: string;
  /** Tags our lines (`# groundcrew:<marker>`); `tracetest` and `groundcrew:tracetest` are the same marker. */
  marker: string;
  /**
   * How the wildcard rule treats the answer section. `none` (default) writes the plain regex
   * rule every CoreDNS release accepts; its answer then carries the target's name (rewrite docs,
   * "Response Rewrites"), which strict resolvers may drop. `auto` appends `answer auto`, which
   * puts the asked name back but only newer CoreDNS releases understand.
   */
  wildcardAnswer?: 'none' | 'auto';
}

/** `groundcrew:<marker>` — the comment text that identifies our lines. */
export function markerTag(marker: string): string {
  const bareMarker = marker.startsWith('groundcrew:') ? marker.slice('groundcrew:'.length) : marker;
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(bareMarker)) {
    throw new CorefileError('options', 1, 1, `marker ${JSON.stringify(marker)} must be letters, digits, '.', '_', ':' or '-'`);
  }
  return `groundcrew:${bareMarker}`;
}

/**
 * The rewrite rules, without indentation or marker. Choice, against the rewrite plugin docs:
 * - `rewrite name exact HOST TARGET` for the host itself: exact rules rewrite the answer back
 *   to HOST by themselves, so clients see the name they asked for.
 * - `rewrite name regex (.*)\.HOST\.$ TARGET` for the wildcard: anchored on the fully
 *   qualified name CoreDNS matches against, so `x.HOST.default.svc.cluster.local` (a search-path
 *   try) and `x.HOSTfoo` are left alone. `answer name` cannot help here — it maps the target's
 *   name, which no longer holds the asked label — so it is not used; see `wildcardAnswer`.
 */
export function rewriteRuleTexts(options: HostnameRewriteOptions): string[] {
  let host = options.hostname.trim().toLowerCase().replace(/\.$/, '');
  let wildcard = options.wildcard;
  if (host.startsWith('*.')) {
    host = host.slice(2);
    wildcard = true;
  }
  const target = options.target.trim().toLowerCase().replace(/\.$/, '');
  if (!isHostname(host)) throw new CorefileError('options', 1, 1, `hostname ${JSON.stringify(options.hostname)} is not a valid DNS name`);
  if (!isHostname(target)) throw new CorefileError('options', 1, 1, `target ${JSON.stringify(options.target)} is not a valid DNS name`);
  if (host === target) throw new CorefileError('options', 1, 1, `hostname and target are both ${host}: the rewrite would loop`);
  const rules = [`rewrite name exact ${host} ${target}`];
  if (wildcard) {
    const auto = options.wildcardAnswer === 'auto' ? ' answer auto' : '';
    rules.push(`rewrite name regex (.*)\\.${escapeRegex(host)}\\.$ ${target}${auto}`);
  }
  return rules;
}
