/** ReplicaSet → Pods: keeps spec.replicas active pods from the template and reports their readiness. */
import { GR } from './api.ts';
import { isPodActive, isPodReady, podFromTemplate, type PodTemplate } from './pod-template.ts';
import { ownerKeys, primaryReconciler } from './reconciler.ts';
import { matchesSelector, ownedBy, randomSuffix, spec, type LabelSelector } from './util.ts';

export const replicaSetsController = () =>
  primaryReconciler({
    name: 'replicaset',
    source: { component: 'replicaset-controller' },
    primary: GR.replicasets,
    related: (event) => ownerKeys(event, GR.pods, 'ReplicaSet'),
    reconcile(rs, api) {
      const rspec = spec<{ replicas?: number; template?: PodTemplate; selector?: LabelSelector }>(rs);
      const ns = rs.metadata.namespace!;
      const desired = rspec.replicas ?? 1;
      const pods = api.list(GR.pods, ns).filter((p) => ownedBy(p, rs) && isPodActive(p));
      if (pods.length < desired) {
        for (let i = pods.length; i < desired; i++) {
          const pod = api.create(GR.pods, podFromTemplate(rs, rspec.template, `${rs.metadata.name}-${randomSuffix()}`, { generateName: `${rs.metadata.name}-` }));
          api.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
        }
      } else if (pods.length > desired) {
        // Like the real controller: unscheduled first, then not ready, then the youngest.
        const rank = (p: (typeof pods)[number]) => ((p.spec as { nodeName?: string }).nodeName ? 2 : 0) + (isPodReady(p) ? 1 : 0);
        const victims = [...pods]
          .sort((a, b) => rank(a) - rank(b) || String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)))
          .slice(0, pods.length - desired);
        for (const p of victims) {
          api.delete(GR.pods, ns, p.metadata.name);
          api.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
        }
      }
      const fresh = api.get(GR.replicasets, ns, rs.metadata.name);
      if (!fresh) return;
      const active = api.list(GR.pods, ns).filter((p) => ownedBy(p, rs) && isPodActive(p));
      const ready = active.filter(isPodReady).length;
      const st: Record<string, unknown> = {
        replicas: active.length,
        fullyLabeledReplicas: active.filter((p) => matchesSelector(p.metadata.labels, rspec.selector)).length,
        readyReplicas: ready,
        availableReplicas: ready,
        observedGeneration: fresh.metadata.generation,
      };
      for (const k of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas']) if (st[k] === 0) delete st[k];
      api.setStatus(GR.replicasets, fresh, st);
    },
  });
