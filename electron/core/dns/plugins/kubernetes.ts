import { fqdn, longestZone } from '../names.ts';
import { bare, type ClusterService, type PluginHandler } from '../resolve-types.ts';
import { fallsThrough } from './fallthrough.ts';

const isHeadless = (s: ClusterService) => s.headless === true || s.clusterIP === 'None' || s.clusterIP === '';
const dashed = (ip: string) => ip.replace(/[.:]/g, '-');

/**
 * `kubernetes [ZONE…] { pods disabled|insecure|verified; namespaces NS…; fallthrough [ZONE…] }`
 * answering from the simulated Services: `<svc>.<ns>.svc.<zone>` → ClusterIP (headless → first
 * pod IP), `<endpoint>.<svc>.<ns>.svc.<zone>` for headless pods, `<a-b-c-d>.<ns>.pod.<zone>`
 * when pods are `insecure` (or `verified` and the IP belongs to a pod). Unknown names in its
 * zones are NXDOMAIN unless `fallthrough` covers them (kubernetes plugin docs).
 */
export const kubernetesPlugin: PluginHandler = (lines, state) => {
  const d = lines[0]!;
  const zones = d.args.length ? d.args.map(fqdn) : state.block.zones;
  const zone = longestZone(state.qname, zones);
  if (zone === undefined) return { kind: 'next' };
  const block = d.block ?? [];
  const pods = block.find((l) => l.name === 'pods')?.args[0] ?? 'disabled';
  const namespaces = block.find((l) => l.name === 'namespaces')?.args;
  const services = state.cluster.services.filter((s) => !namespaces || namespaces.includes(s.namespace));
  const labels = zone === '.' ? state.qname.slice(0, -1).split('.') : state.qname.slice(0, -(zone.length + 1)).split('.').filter(Boolean);
  const where = `kubernetes ${bare(zone)}`;

  const answer = (address: string, what: string) => {
    state.via.push(`${where}: ${what} → ${address}`);
    return { kind: 'answer' as const, owner: state.qname, address };
  };
  const miss = (why: string) => {
    if (fallsThrough(block, state.qname)) return { kind: 'next' as const };
    state.via.push(`${where}: ${why}`);
    return { kind: 'rcode' as const, rcode: 'NXDOMAIN' as const };
  };

  const n = labels.length;
  if (n >= 3 && labels[n - 1] === 'svc') {
    const ns = labels[n - 2]!;
    const name = labels[n - 3]!;
    const svc = services.find((s) => s.namespace === ns && s.name === name);
    if (!svc) return miss(`no service ${name}.${ns}`);
    if (n === 3) {
      if (!isHeadless(svc)) return answer(svc.clusterIP, `service ${name}.${ns}`);
      const first = svc.podIPs?.[0];
      return first ? answer(first, `headless service ${name}.${ns} (first endpoint)`) : miss(`headless service ${name}.${ns} has no ready endpoints`);
    }
    if (n === 4 && isHeadless(svc)) {
      const ip = svc.podIPs?.find((p) => dashed(p) === labels[0]);
      if (ip) return answer(ip, `endpoint ${labels[0]} of ${name}.${ns}`);
    }
    return miss(`no record ${bare(state.qname)}`);
  }
  if (n === 3 && labels[2] === 'pod') {
    const ns = labels[1]!;
    const m = /^(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})$/.exec(labels[0]!);
    if (pods === 'disabled' || !m) return miss(`pod records are ${pods === 'disabled' ? 'disabled (no "pods" option)' : 'only for dashed IPv4 names'}`);
    const ip = m.slice(1).join('.');
    if (pods === 'verified' && !services.some((s) => s.namespace === ns && (s.podIPs ?? []).includes(ip))) return miss(`pods verified: no pod ${ip} in ${ns}`);
    return answer(ip, `pod ${labels[0]}.${ns} (pods ${pods})`);
  }
  // The zone itself, `svc.<zone>` and `<ns>.svc.<zone>` exist but hold no A record.
  const exists = n === 0 || (n === 1 && (labels[0] === 'svc' || labels[0] === 'pod')) || (n === 2 && labels[1] === 'svc' && services.some((s) => s.namespace === labels[0]));
  if (exists) {
    state.via.push(`${where}: ${bare(state.qname)} exists but has no A record`);
    return { kind: 'rcode', rcode: 'NOERROR' };
  }
  return miss(`no record ${bare(state.qname)}`);
};
