import type { Finding } from '../../../../shared/model/finding.ts';
import type { ClusterView, KubeObject } from '../../cluster/view.ts';
import { CorefileError, detectSetup, findBlock, parseCorefile, planCustomOverride, planHostnameRewrite } from '../../dns/index.ts';
import { createChange, patchChange } from '../changes.ts';
import { parseFindingId, PlanError, profileOf, type Fix, type PlanContext } from '../fix.ts';
import type { Change } from '../../../../shared/model/repair.ts';
import { runDnsLookup } from './dns-lookup-job.ts';
import { RESTARTED_AT } from './workload-rollout-restart.ts';

const DNS_NS = 'kube-system';

interface Names {
  domain: string;
  wildcard: boolean;
  /** Exact names besides the domain (subdomains, when no wildcard rule covers them). */
  extra: string[];
  /** A name to look up from inside the cluster once fixed. */
  probe: string;
}

/** The stack's DNS names, from the finding's detail (the name that failed) and the profile. */
function namesOf(finding: Finding, ctx: PlanContext): Names {
  const h = profileOf(finding, ctx.profiles)?.hostnames;
  const detail = (parseFindingId(finding.id).detail ?? h?.domain ?? '').toLowerCase();
  if (!detail) throw new PlanError(`finding ${finding.id} names no hostname`);
  let domain = detail.startsWith('*.') ? detail.slice(2) : detail;
  const sub = h?.subdomains.find((s) => detail.startsWith(`${s}.`) && detail !== h.domain);
  if (sub && !detail.startsWith('*.')) domain = detail.slice(sub.length + 1);
  const wildcard = (h?.wildcard ?? false) || detail.startsWith('*.');
  const extra = wildcard ? [] : (h?.subdomains ?? []).map((s) => `${s}.${domain}`);
  const probe = detail.startsWith('*.') ? `groundcrew-probe.${domain}` : detail;
  return { domain, wildcard, extra, probe };
}

function ingressService(view: ClusterView, finding: Finding): KubeObject {
  const ref = finding.evidence.map((e) => e.ref).find((r) => r.kind === 'Service');
  const svc = ref && view.get('Service', ref.namespace, ref.name);
  if (!svc) throw new PlanError(`the ingress Service the names should resolve to is not in the finding's evidence (${finding.id})`);
  return svc;
}

/** Marker tags our lines `# groundcrew:<profile>[.<n>]` so re-planning replaces them and undo can find them. */
const markerFor = (finding: Finding, i: number) => (i === 0 ? finding.profile : `${finding.profile}.${i}`);

/**
 * Makes the stack's hostname (and its wildcard) resolve to the ingress Service inside the cluster,
 * by adding marked `rewrite` lines to the Corefile in place (every other byte unchanged), or on
 * k3s-style setups a `groundcrew-<marker>.override` key in `coredns-custom`, which k3s does not
 * overwrite. Without the `reload` plugin, CoreDNS is restarted so it reads the new configuration.
 */
export const dnsAddRewrite: Fix = {
  id: 'dns.add-rewrite',
  title: 'Resolve the stack hostname to its ingress inside the cluster',
  checks: ['dns.hostname-unresolved', 'dns.wildcard-unresolved'],
  plan(view, finding, ctx) {
    const names = namesOf(finding, ctx);
    const svc = ingressService(view, finding);
    const target = `${svc.metadata.name}.${svc.metadata.namespace}.svc.${ctx.options.clusterDomain}`;
    const cm = view.get('ConfigMap', DNS_NS, 'coredns');
    const text = (cm?.data as Record<string, string> | undefined)?.Corefile;
    if (!cm || text === undefined) throw new PlanError(`ConfigMap ${DNS_NS}/coredns has no Corefile`);
    const custom = view.get('ConfigMap', DNS_NS, 'coredns-custom');
    const rules = [
      { hostname: names.domain, wildcard: names.wildcard, target, marker: markerFor(finding, 0) },
      ...names.extra.map((hostname, i) => ({ hostname, wildcard: false, target, marker: markerFor(finding, i + 1) })),
    ];
    const changes: Change[] = [];
    let where: string;
    let corefile;
    try {
      corefile = parseCorefile(text, `${DNS_NS}/coredns Corefile`);
      if (detectSetup(corefile) === 'k3s-custom') {
        const entries = Object.fromEntries(rules.map((r) => Object.values(planCustomOverride(r)) as [string, string]));
        const summary = `add ${Object.keys(entries).join(', ')} to ConfigMap ${DNS_NS}/coredns-custom`;
        if (custom) {
          changes.push(patchChange(custom, (d) => void (d.data = { ...(d.data as Record<string, string> | undefined), ...entries }), summary));
        } else {
          changes.push(createChange({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns-custom', namespace: DNS_NS, labels: { 'app.kubernetes.io/managed-by': 'groundcrew' } }, data: entries }, summary));
        }
        where = `ConfigMap ${DNS_NS}/coredns-custom (this CoreDNS imports its *.override keys; k3s rewrites the coredns ConfigMap itself on restart)`;
      } else {
        let next = text;
        for (const r of rules) next = planHostnameRewrite(next, r).text;
        if (next === text) throw new PlanError('the Corefile already holds these rewrite lines');
        changes.push(patchChange(cm, (d) => void ((d.data as Record<string, string>).Corefile = next), `add rewrite lines for ${names.domain} to the Corefile in ConfigMap ${DNS_NS}/coredns`));
        where = `the Corefile in ConfigMap ${DNS_NS}/coredns, in place (lines marked # groundcrew:${finding.profile}; nothing else changes)`;
      }
    } catch (err) {
      if (err instanceof CorefileError) throw new PlanError(err.message);
      throw err;
    }
    const reloads = findBlock(corefile.serverBlocks)?.plugins.some((p) => p.name === 'reload') ?? false;
    const deployment = view.get('apps/Deployment', DNS_NS, 'coredns');
    if (!reloads && deployment) {
      const at = ctx.now().toISOString().replace(/\.\d+Z$/, 'Z');
      changes.push(
        patchChange(
          deployment,
          (d) => {
            const t = (d.spec as { template: { metadata?: { annotations?: Record<string, string> } } }).template;
            t.metadata ??= {};
            t.metadata.annotations = { ...t.metadata.annotations, [RESTARTED_AT]: at };
          },
          `restart Deployment ${DNS_NS}/coredns (no reload plugin)`,
        ),
      );
    }
    return {
      changes,
      explanation:
        `Inside the cluster ${names.domain}${names.wildcard ? ` and *.${names.domain}` : ''} will answer as ${target} (Service ${svc.metadata.namespace}/${svc.metadata.name}). ` +
        `The rewrite goes into ${where}.` +
        (reloads ? ' CoreDNS reloads it by itself (reload plugin).' : ' This CoreDNS has no reload plugin, so it is restarted (rollout restart).'),
    };
  },
  async verify(ctx) {
    const names = namesOf(ctx.finding, ctx);
    return runDnsLookup(ctx, names.probe);
  },
};
