import { fqdn, inZone } from '../names.ts';
import { bare, type PluginHandler } from '../resolve-types.ts';

/**
 * Suffixes that no public resolver knows. There is no upstream in the sandbox (and Groundcrew
 * never sends traffic off the machine), so the simulated `forward` answers these NXDOMAIN —
 * what a real upstream says for them — and answers every other name SERVFAIL, "upstream not
 * reachable", which is what an air-gapped CoreDNS returns. It never answers REFUSED.
 */
export const PRIVATE_SUFFIXES = ['local.', 'localdev.', 'internal.', 'test.', 'localhost.', 'invalid.', 'example.'];

/** `forward FROM TO… { except NAME… }`: names under FROM (and not excepted) go upstream. */
export const forwardPlugin: PluginHandler = (lines, state) => {
  const d = lines[0]!;
  const from = fqdn(d.args[0] ?? '.');
  if (!inZone(state.qname, from)) return { kind: 'next' };
  const except = (d.block ?? []).filter((l) => l.name === 'except').flatMap((l) => l.args.map(fqdn));
  if (except.some((zone) => inZone(state.qname, zone))) return { kind: 'next' };
  const to = d.args.slice(1).join(' ') || '(no upstream)';
  if (PRIVATE_SUFFIXES.some((suffix) => inZone(state.qname, suffix))) {
    state.via.push(`forward ${bare(from)} → ${to}: upstream has no record for a private name (simulated NXDOMAIN)`);
    return { kind: 'rcode', rcode: 'NXDOMAIN' };
  }
  state.via.push(`forward ${bare(from)} → ${to}: no upstream reachable in the sandbox (simulated SERVFAIL)`);
  return { kind: 'rcode', rcode: 'SERVFAIL' };
};
