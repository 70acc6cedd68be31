/**
 * The DNS lookup Job: a Job annotated `sandbox.groundcrew.dev/dns-lookup: <name>` runs
 * `nslookup <name>` against the cluster's CoreDNS. The answer comes from the live
 * kube-system/coredns Corefile (plus k3s-style coredns-custom overrides) and the cluster's
 * Services, through the offline resolver in electron/core/dns.
 */
import { parseCorefile, resolveName, type ClusterService } from '../../dns/index.ts';
import { GR, type ControllerApi } from './api.ts';
import { isPodReady } from './pod-template.ts';
import { matchesMap, type Json } from './util.ts';

export interface LookupResult {
  ok: boolean;
  lines: string[];
}

const DNS_IP = '10.96.0.10';

function header(server: string): string[] {
  return [`Server:\t\t${server}`, `Address:\t${server}#53`, ''];
}

function clusterServices(api: ControllerApi): ClusterService[] {
  const endpoints = api.list(GR.endpoints);
  return api.list(GR.services).map((svc) => {
    const clusterIP = String((svc.spec as Json | undefined)?.clusterIP ?? '');
    const headless = clusterIP === 'None';
    const ep = headless ? endpoints.find((e) => e.metadata.namespace === svc.metadata.namespace && e.metadata.name === svc.metadata.name) : undefined;
    const podIPs = ((ep?.subsets as Array<{ addresses?: Array<{ ip: string }> }> | undefined) ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
    return { name: svc.metadata.name, namespace: svc.metadata.namespace!, clusterIP: clusterIP || 'None', ...(headless ? { headless: true, podIPs } : {}) };
  });
}

export function dnsLookup(name: string, api: ControllerApi): LookupResult {
  const kubeDns = api.get(GR.services, 'kube-system', 'kube-dns');
  const server = String((kubeDns?.spec as Json | undefined)?.clusterIP ?? DNS_IP);
  const selector = (kubeDns?.spec as { selector?: Record<string, string> } | undefined)?.selector;
  const serving = api.list(GR.pods, 'kube-system').some((p) => matchesMap(p.metadata.labels, selector) && isPodReady(p));
  if (!kubeDns || !serving) return { ok: false, lines: [';; connection timed out; no servers could be reached', ''] };

  const cm = api.get(GR.configmaps, 'kube-system', 'coredns');
  const text = String((cm?.data as Record<string, string> | undefined)?.Corefile ?? '');
  const custom = (api.get(GR.configmaps, 'kube-system', 'coredns-custom')?.data ?? {}) as Record<string, string>;
  let corefile;
  try {
    corefile = parseCorefile(text, 'kube-system/coredns Corefile');
  } catch {
    return { ok: false, lines: [...header(server), `** server can't find ${name}: SERVFAIL`, ''] };
  }
  const result = resolveName(corefile, name, {
    zone: 'cluster.local',
    services: clusterServices(api),
    overrides: Object.entries(custom)
      .filter(([k]) => k.endsWith('.override'))
      .map(([, v]) => v),
    importFiles: Object.fromEntries(Object.entries(custom).map(([k, v]) => [`/etc/coredns/custom/${k}`, v])),
  });
  if (result.rcode === 'NOERROR' && result.answer) {
    const asked = name.replace(/\.$/, '');
    const answerName = result.answerName ?? asked;
    return {
      ok: true,
      lines: [
        ...header(server),
        ...(result.cname ? [`${asked}\tcanonical name = ${result.cname}.`] : []),
        `Name:\t${answerName}`,
        `Address: ${result.answer}`,
        '',
      ],
    };
  }
  const rcode = result.rcode === 'NOERROR' ? 'NXDOMAIN' : result.rcode;
  return { ok: false, lines: [...header(server), `** server can't find ${name}: ${rcode}`, ''] };
}

