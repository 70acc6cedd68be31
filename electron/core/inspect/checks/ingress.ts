import type { KubeObject } from '../../cluster/view.ts';
import type { Finding } from '../../../../shared/model/finding.ts';
import { evidence, finding, forbiddenFinding, isForbidden, missingEvidence } from '../finding.ts';
import { expectedHosts, ingressServiceOf } from '../hostnames.ts';
import { arr, field, num, str } from '../kube.ts';
import type { Check, CheckContext } from '../types.ts';
import { covers } from '../x509.ts';

/**
 * Ingress: every hostname of the stack is routed (Traefik IngressRoute `Host(...)` rules or
 * Ingress rules) with TLS, and the ingress Service can be reached from outside (a LoadBalancer
 * address or node ports).
 */

const ROUTE_KINDS = ['traefik.io/IngressRoute', 'traefik.containo.us/IngressRoute'];
const INGRESS = 'networking.k8s.io/Ingress';

interface Route {
  obj: KubeObject;
  hosts: string[];
  tls: boolean;
  /** Where the hosts are declared, for evidence. */
  path: string;
  excerpt: unknown;
}

/** Hosts named in a Traefik rule: Host(`a`, `b`) and HostSNI(`c`), any quoting. */
export function hostsInRule(rule: string): string[] {
  const out: string[] = [];
  for (const m of rule.matchAll(/Host(?:SNI)?\(([^)]*)\)/g)) {
    for (const q of m[1]!.matchAll(/[`"']([^`"']+)[`"']/g)) out.push(q[1]!.toLowerCase());
  }
  return out;
}

function routesOf(ctx: CheckContext): Route[] {
  const out: Route[] = [];
  for (const kind of ROUTE_KINDS) {
    for (const r of ctx.view.list(kind)) {
      const entryPoints = arr(field(r, 'spec', 'entryPoints')).map(String);
      // The Traefik chart enables TLS on the websecure entry point, so routers there serve TLS.
      const tls = field(r, 'spec', 'tls') !== undefined || entryPoints.includes('websecure');
      arr(field(r, 'spec', 'routes')).forEach((route, i) => {
        const match = str(field(route, 'match')) ?? '';
        out.push({ obj: r, hosts: hostsInRule(match), tls, path: `spec.routes[${i}].match`, excerpt: { match, entryPoints, tls: field(r, 'spec', 'tls') ?? null } });
      });
    }
  }
  for (const ing of ctx.view.list(INGRESS)) {
    const tlsHosts = arr(field(ing, 'spec', 'tls')).flatMap((t) => arr(field(t, 'hosts')).map((h) => String(h).toLowerCase()));
    arr(field(ing, 'spec', 'rules')).forEach((rule, i) => {
      const host = str(field(rule, 'host'))?.toLowerCase();
      if (host) out.push({ obj: ing, hosts: [host], tls: covers(tlsHosts, host), path: `spec.rules[${i}].host`, excerpt: { host, tls: field(ing, 'spec', 'tls') ?? null } });
    });
  }
  return out;
}

function routing(ctx: CheckContext): Finding[] {
  const expected = expectedHosts(ctx);
  if (!expected) return [];
  const kinds = ctx.inst.profile.prerequisites.ingressController === 'nginx' ? [INGRESS] : ctx.inst.profile.prerequisites.ingressController === 'traefik' ? [ROUTE_KINDS[0]!] : [...ROUTE_KINDS, INGRESS];
  const blocked = kinds.filter((k) => isForbidden(ctx, k));
  if (blocked.length === kinds.length) return blocked.map((k) => forbiddenFinding(ctx, k, 'ingress routes')!);
  const routes = routesOf(ctx);
  const out: Finding[] = [];
  for (const host of expected.hosts) {
    const serving = routes.filter((r) => covers(r.hosts, host));
    if (serving.length === 0) {
      out.push(
        finding(ctx, {
          checkId: 'ingress.host-missing',
          severity: 'error',
          component: 'ingress',
          namespace: ctx.inst.namespace,
          name: host,
          title: `No ingress route for ${host}`,
          explanation: `No ${ctx.inst.profile.prerequisites.ingressController === 'nginx' ? 'Ingress rule' : 'IngressRoute Host(...) rule or Ingress rule'} names ${host}, so requests for it reach no backend (404 from the ingress controller). Routed hosts: ${[...new Set(routes.flatMap((r) => r.hosts))].join(', ') || 'none'}.`,
          evidence: routes.slice(0, 5).map((r) => evidence(r.obj, r.path, r.excerpt)),
        }),
      );
      continue;
    }
    for (const r of serving.filter((x) => !x.tls)) {
      out.push(
        finding(ctx, {
          checkId: 'ingress.tls-missing',
          severity: 'warning',
          component: 'ingress',
          namespace: r.obj.metadata.namespace,
          name: r.obj.metadata.name,
          detail: host,
          title: `${r.obj.kind} ${r.obj.metadata.name} serves ${host} without TLS`,
          explanation: `The route for ${host} has no tls section${r.obj.kind === 'IngressRoute' ? ' and is not on the websecure entry point' : ' covering this host'}; clients using https://${host} get the default certificate or no route.`,
          evidence: [evidence(r.obj, r.path, r.excerpt)],
        }),
      );
    }
  }
  return out;
}

function address(ctx: CheckContext): Finding[] {
  const target = ingressServiceOf(ctx);
  if (!target) return [];
  const svc = ctx.view.get('Service', target.namespace, target.name);
  const base = { checkId: 'ingress.no-address', component: 'ingress', namespace: target.namespace, name: target.name };
  if (!svc) {
    const forbidden = forbiddenFinding(ctx, 'Service', 'Services');
    if (forbidden) return [forbidden];
    return [
      finding(ctx, {
        ...base,
        severity: 'error',
        title: `Ingress Service ${target.name} does not exist`,
        explanation: `The stack's hostnames are served through Service ${target.namespace}/${target.name}, which was not found: nothing outside the cluster can reach the stack.`,
        evidence: [missingEvidence('Service', target.namespace, target.name)],
      }),
    ];
  }
  const type = str(field(svc, 'spec', 'type')) ?? 'ClusterIP';
  const lb = arr(field(svc, 'status', 'loadBalancer', 'ingress'));
  const ports = arr(field(svc, 'spec', 'ports'));
  const nodePorts = ports.filter((p) => num(field(p, 'nodePort')) !== undefined);
  // A pending LoadBalancer still gets node ports; it is then reachable, but not at the address users are given.
  const problem =
    type === 'LoadBalancer' && lb.length === 0
      ? `is a LoadBalancer with no address yet (no load-balancer controller, e.g. MetalLB or klipper-lb, has served it)${nodePorts.length ? `; only node ports ${nodePorts.map((p) => num(field(p, 'nodePort'))).join(', ')} reach it` : ' and it has no node ports'}`
      : type === 'NodePort' && nodePorts.length < ports.length
        ? 'is a NodePort Service with ports lacking a nodePort'
        : undefined;
  if (!problem) return [];
  return [
    finding(ctx, {
      ...base,
      severity: type === 'LoadBalancer' && nodePorts.length > 0 ? 'warning' : 'error',
      title: `Ingress Service ${target.name} has no external address`,
      explanation: `Service ${target.namespace}/${target.name} ${problem}, so the stack's hostnames cannot be reached from outside the cluster at a load-balancer address.`,
      evidence: [evidence(svc, 'status.loadBalancer', { type, ports, loadBalancer: field(svc, 'status', 'loadBalancer') ?? {} })],
    }),
  ];
}

export const ingressCheck: Check = {
  area: 'ingress',
  checkIds: ['ingress.host-missing', 'ingress.tls-missing', 'ingress.no-address'],
  run(ctx) {
    return [...routing(ctx), ...address(ctx)];
  },
};
