import { patchChange } from '../changes.ts';
import { installationFor, PlanError, profileOf, type Fix } from '../fix.ts';
import { targetOf } from './targets.ts';

/**
 * A Certificate whose spec lacks names the stack is called by gets them added (existing names
 * kept); cert-manager re-issues because the request changed.
 */
export const certFixDnsNames: Fix = {
  id: 'cert.fix-dns-names',
  title: 'Add the missing DNS names to the certificate',
  checks: ['cert.san-mismatch'],
  plan(view, finding, ctx) {
    const cert = targetOf(view, finding, ['cert-manager.io/Certificate']);
    const what = `Certificate ${cert.metadata.namespace}/${cert.metadata.name}`;
    const current = ((cert.spec as { dnsNames?: string[] } | undefined)?.dnsNames ?? []).map(String);
    const wanted = new Set<string>();
    // The check names what is not covered in its title ("does not cover a, b").
    for (const n of /does not cover (.+)$/.exec(finding.title)?.[1]?.split(', ') ?? []) wanted.add(n.trim().toLowerCase());
    const profile = profileOf(finding, ctx.profiles);
    const inst = installationFor(view, finding, ctx.profiles, cert.metadata.namespace);
    const expected = profile?.certificates.find((c) => (inst ? inst.name(c.name) : c.name) === cert.metadata.name);
    for (const n of expected?.dnsNames ?? []) wanted.add(n.toLowerCase());
    const h = profile?.hostnames;
    if (expected?.dnsNamesFromHostnames && h) {
      wanted.add(h.domain);
      for (const s of h.subdomains) wanted.add(`${s}.${h.domain}`);
      if (h.wildcard) wanted.add(`*.${h.domain}`);
    }
    const missing = [...wanted].filter((n) => !current.map((c) => c.toLowerCase()).includes(n));
    if (missing.length === 0) throw new PlanError(`${what} already lists every expected name`);
    const change = patchChange(cert, (d) => void ((d.spec as { dnsNames: string[] }).dnsNames = [...current, ...missing]), `add ${missing.join(', ')} to ${what}`);
    return {
      changes: [change],
      explanation: `${what} lacks ${missing.join(', ')}; with them in spec.dnsNames cert-manager issues a new certificate covering every name (existing names are kept).`,
    };
  },
};
