import type { ClusterView, KubeObject } from '../cluster/view.ts';
import { arr, field, str } from '../inspect/kube.ts';

export interface HostRoute {
  route: KubeObject;
  routeKind: string;
  /** Services the route sends this host's traffic to. */
  services: Array<{ namespace: string; name: string; port?: string }>;
}

const hostsInMatch = (match: string) => [...match.matchAll(/Host(?:SNI)?\(([^)]*)\)/g)].flatMap((m) => (m[1] ?? '').split(',').map((h) => h.trim().replace(/^[`"']|[`"']$/g, '')));

/** Traefik IngressRoutes and Ingresses that route `host`, with their backend Services. */
export function routesForHost(view: ClusterView, host: string): HostRoute[] {
  const out: HostRoute[] = [];
  for (const route of view.list('traefik.io/IngressRoute')) {
    const ns = route.metadata.namespace ?? 'default';
    const services: HostRoute['services'] = [];
    for (const r of arr(field(route, 'spec', 'routes'))) {
      if (!hostsInMatch(str(field(r, 'match')) ?? '').includes(host)) continue;
      for (const s of arr(field(r, 'services'))) {
        const name = str(field(s, 'name'));
        const port = field(s, 'port');
        if (name) services.push({ namespace: str(field(s, 'namespace')) ?? ns, name, ...(port !== undefined ? { port: String(port) } : {}) });
      }
    }
    if (services.length) out.push({ route, routeKind: 'traefik.io/IngressRoute', services });
  }
  for (const ingress of view.list('networking.k8s.io/Ingress')) {
    const ns = ingress.metadata.namespace ?? 'default';
    const services: HostRoute['services'] = [];
    for (const rule of arr(field(ingress, 'spec', 'rules'))) {
      if (str(field(rule, 'host')) !== host) continue;
      for (const p of arr(field(rule, 'http', 'paths'))) {
        const name = str(field(p, 'backend', 'service', 'name'));
        const port = field(p, 'backend', 'service', 'port', 'number') ?? field(p, 'backend', 'service', 'port', 'name');
        if (name) services.push({ namespace: ns, name, ...(port !== undefined ? { port: String(port) } : {}) });
      }
    }
    if (services.length) out.push({ route: ingress, routeKind: 'networking.k8s.io/Ingress', services });
  }
  return out;
}
