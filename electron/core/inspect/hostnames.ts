import type { CheckContext } from './types.ts';

/** The stack's DNS name: the site's override, else the profile's default. */
export const domainOf = (ctx: CheckContext) => (ctx.options.domains?.[ctx.inst.profile.name] ?? ctx.inst.profile.hostnames?.domain ?? '').toLowerCase();

/** The names users and agents call the stack by: the domain, its subdomains, and `*.<domain>` when a wildcard is needed. */
export function expectedHosts(ctx: CheckContext): { domain: string; hosts: string[]; wildcard?: string } | undefined {
  const h = ctx.inst.profile.hostnames;
  const domain = domainOf(ctx);
  if (!h || !domain) return undefined;
  return { domain, hosts: [domain, ...h.subdomains.map((s) => `${s}.${domain}`)], ...(h.wildcard ? { wildcard: `*.${domain}` } : {}) };
}

/** Where the ingress Service for the stack's hostnames is. */
export function ingressServiceOf(ctx: CheckContext): { namespace: string; name: string } | undefined {
  const h = ctx.inst.profile.hostnames;
  if (!h) return undefined;
  const name = ctx.inst.name(h.ingressService.name);
  if (h.ingressService.namespace) return { namespace: h.ingressService.namespace, name };
  const owner = ctx.inst.components.find((c) => ctx.inst.name(c.spec.service ?? c.spec.find.name) === name);
  return { namespace: owner?.namespace ?? ctx.inst.namespace, name };
}
