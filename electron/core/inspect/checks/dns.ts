import type { KubeObject } from '../../cluster/view.ts';
import type { Finding } from '../../../../shared/model/finding.ts';
import { CorefileError, parseCorefile, resolveName, type ClusterService, type Corefile } from '../../dns/index.ts';
import { evidence, finding, forbiddenFinding, missingEvidence } from '../finding.ts';
import { field, num, record, str } from '../kube.ts';
import { domainOf, ingressServiceOf } from '../hostnames.ts';
import type { Check, CheckContext } from '../types.ts';

/**
 * In-cluster name resolution of the stack's hostnames: resolve them through the CoreDNS
 * Corefile offline (electron/core/dns) and expect the ingress Service's clusterIP, the way
 * pods inside the cluster (managed agents, workers calling back) will see it.
 */

const DNS_NS = 'kube-system';
const DNS_CM = 'coredns';
/** A name under the wildcard that no real record would ever use. */
export const WILDCARD_PROBE = 'groundcrew-wildcard-probe';

function clusterServices(services: readonly KubeObject[]): ClusterService[] {
  return services.flatMap((s) => {
    const clusterIP = str(field(s, 'spec', 'clusterIP'));
    return clusterIP ? [{ name: s.metadata.name, namespace: s.metadata.namespace ?? 'default', clusterIP }] : [];
  });
}

/** k3s/AKS `coredns-custom`: `*.override` keys are pasted into the main block, `*.server` keys are extra server blocks. */
function customImports(custom: KubeObject | undefined): { overrides: string[]; importFiles: Record<string, string> } {
  const data = record(field(custom, 'data'));
  const keys = Object.keys(data).sort();
  return {
    overrides: keys.filter((k) => k.endsWith('.override')).map((k) => data[k]!),
    importFiles: Object.fromEntries(keys.map((k) => [`/etc/coredns/custom/${k}`, data[k]!])),
  };
}

function corednsReady(ctx: CheckContext): Finding[] {
  const d = ctx.view.get('apps/Deployment', DNS_NS, 'coredns');
  if (!d) return [];
  const want = num(field(d, 'spec', 'replicas')) ?? 1;
  const ready = num(field(d, 'status', 'readyReplicas')) ?? 0;
  if (ready >= want && want > 0) return [];
  return [
    finding(ctx, {
      checkId: 'dns.coredns-not-ready',
      severity: 'error',
      component: 'dns',
      namespace: DNS_NS,
      name: 'coredns',
      title: `CoreDNS is not ready (${ready}/${want})`,
      explanation: 'Pods resolve every Service and hostname through CoreDNS; with no ready replica, in-cluster name resolution fails for the whole cluster.',
      evidence: [evidence(d, 'status', { replicas: want, readyReplicas: ready })],
      fixId: want === 0 ? 'workload.scale' : 'workload.rollout-restart',
    }),
  ];
}

function hostnames(ctx: CheckContext): Finding[] {
  const h = ctx.inst.profile.hostnames;
  const domain = domainOf(ctx);
  const target = ingressServiceOf(ctx);
  if (!h || !domain || !target) return [];
  const forbidden = forbiddenFinding(ctx, 'ConfigMap', 'the CoreDNS Corefile');
  if (forbidden) return [forbidden];
  const cm = ctx.view.get('ConfigMap', DNS_NS, DNS_CM);
  const text = str(field(cm, 'data', 'Corefile'));
  const svc = ctx.view.get('Service', target.namespace, target.name);
  const clusterIP = str(field(svc, 'spec', 'clusterIP'));
  // Without the ingress Service there is nothing to resolve to; the ingress check reports it.
  if (!svc || !clusterIP || clusterIP === 'None') return [];
  const base = { component: 'dns', namespace: DNS_NS };
  if (!cm || text === undefined) {
    return [
      finding(ctx, {
        ...base,
        checkId: 'dns.corefile-missing',
        severity: 'info',
        name: DNS_CM,
        title: 'CoreDNS configuration not found; in-cluster resolution not checked',
        explanation: `No ConfigMap ${DNS_NS}/${DNS_CM} with a Corefile key: the cluster may use another DNS server, so ${domain} was not checked.`,
        evidence: [missingEvidence('ConfigMap', DNS_NS, DNS_CM)],
      }),
    ];
  }
  let corefile: Corefile;
  try {
    corefile = parseCorefile(text, `${DNS_NS}/${DNS_CM} Corefile`);
  } catch (err) {
    if (!(err instanceof CorefileError)) throw err;
    return [
      finding(ctx, {
        ...base,
        checkId: 'dns.corefile-invalid',
        severity: 'error',
        name: DNS_CM,
        title: 'The CoreDNS Corefile does not parse',
        explanation: `${err.message}. CoreDNS keeps serving its previous configuration and logs this error; edits since then have no effect.`,
        evidence: [evidence(cm, 'data.Corefile', text)],
      }),
    ];
  }
  const custom = ctx.view.get('ConfigMap', DNS_NS, 'coredns-custom');
  const { overrides, importFiles } = customImports(custom);
  const nodeHosts = str(field(cm, 'data', 'NodeHosts'));
  const cluster = {
    zone: ctx.options.clusterDomain ?? 'cluster.local',
    services: clusterServices(ctx.view.list('Service')),
    overrides,
    importFiles,
    ...(nodeHosts ? { extraHosts: { '/etc/coredns/NodeHosts': nodeHosts } } : {}),
  };
  const names: Array<{ name: string; shown: string; wildcard: boolean }> = [
    { name: domain, shown: domain, wildcard: false },
    ...h.subdomains.map((s) => ({ name: `${s}.${domain}`, shown: `${s}.${domain}`, wildcard: false })),
    ...(h.wildcard ? [{ name: `${WILDCARD_PROBE}.${domain}`, shown: `*.${domain}`, wildcard: true }] : []),
  ];
  const out: Finding[] = [];
  for (const n of names) {
    const res = resolveName(corefile, n.name, cluster);
    if (res.rcode === 'NOERROR' && res.answer === clusterIP) continue;
    const got = res.rcode !== 'NOERROR' ? res.rcode : res.answer ? `address ${res.answer}` : 'no address';
    out.push(
      finding(ctx, {
        ...base,
        checkId: n.wildcard ? 'dns.wildcard-unresolved' : 'dns.hostname-unresolved',
        severity: 'error',
        name: DNS_CM,
        detail: n.shown,
        title: `${n.shown} does not resolve to ${target.name} inside the cluster`,
        explanation:
          `Inside the cluster ${n.wildcard ? `a name under *.${domain} (tried ${n.name})` : n.name} gives ${got}, not ${clusterIP} (Service ${target.namespace}/${target.name}). ` +
          `Pods calling the stack by its public name will fail. CoreDNS path: ${res.via.join('; ')}. ` +
          `A rewrite to ${target.name}.${target.namespace}.svc.${cluster.zone}, patched into the Corefile${overrides.length || custom ? ' (or coredns-custom)' : ''}, fixes it.`,
        evidence: [evidence(cm, 'data.Corefile', text), ...(custom ? [evidence(custom, 'data', record(field(custom, 'data')))] : []), evidence(svc, 'spec.clusterIP', clusterIP)],
        fixId: 'dns.add-rewrite',
      }),
    );
  }
  return out;
}

export const dnsCheck: Check = {
  area: 'dns',
  checkIds: ['dns.hostname-unresolved', 'dns.wildcard-unresolved', 'dns.coredns-not-ready', 'dns.corefile-missing', 'dns.corefile-invalid'],
  run(ctx) {
    if (!ctx.inst.profile.hostnames) return [];
    return [...corednsReady(ctx), ...hostnames(ctx)];
  },
};
