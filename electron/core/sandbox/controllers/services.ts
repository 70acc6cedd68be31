/**
 * Services: node ports for NodePort/LoadBalancer Services that lack them, and the cloud
 * controller's load-balancer status (127.0.0.1, never contacted) unless planted pending.
 */
import { GR } from './api.ts';
import { plantOn, plantTable } from './plants.ts';
import { primaryReconciler } from './reconciler.ts';
import { status, type Json } from './util.ts';

interface ServicePort {
  port: number;
  nodePort?: number;
}

export const servicesController = () =>
  primaryReconciler({
    name: 'service',
    source: { component: 'service-controller' },
    primary: GR.services,
    reconcile(svc, api) {
      const spec = (svc.spec ?? {}) as { type?: string; ports?: ServicePort[] };
      if (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer') return;
      const used = new Set<number>();
      for (const s of api.list(GR.services)) for (const p of ((s.spec as { ports?: ServicePort[] }).ports ?? [])) if (p.nodePort) used.add(p.nodePort);
      let next = 30000;
      const take = () => {
        while (used.has(next)) next++;
        used.add(next);
        return next;
      };
      svc = api.patch(GR.services, svc, (d) => {
        for (const p of (d.spec as { ports?: ServicePort[] }).ports ?? []) p.nodePort ??= take();
        const ds = d.spec as Json;
        ds.externalTrafficPolicy ??= 'Cluster';
      });
      if (spec.type !== 'LoadBalancer') return;
      const pending = plantOn(plantTable(api), svc)?.fault === 'LoadBalancerPending';
      const had = ((status<{ loadBalancer?: { ingress?: unknown[] } }>(svc).loadBalancer?.ingress) ?? []).length > 0;
      api.setStatus(GR.services, svc, { loadBalancer: pending ? {} : { ingress: [{ ip: '127.0.0.1', ipMode: 'VIP' }] } });
      if (!pending && !had) {
        api.event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
        api.event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
      }
    },
  });
