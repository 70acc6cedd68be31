/** DaemonSet → one Pod per schedulable node (matching spec.template.spec.nodeSelector), bound to it directly. */
import type { KubeObject } from '../../cluster/view.ts';
import { GR } from './api.ts';
import { isPodActive, isPodReady, podFromTemplate, type PodTemplate } from './pod-template.ts';
import { ownerKeys, primaryReconciler, sameGr } from './reconciler.ts';
import { keyOf, ownedBy, randomSuffix, spec, templateHash } from './util.ts';

export const daemonSetsController = () =>
  primaryReconciler({
    name: 'daemonset',
    source: { component: 'daemonset-controller' },
    primary: GR.daemonsets,
    related: (event, store) => [
      ...ownerKeys(event, GR.pods, 'DaemonSet'),
      // A node joining or leaving changes every DaemonSet.
      ...(sameGr(event.gr, GR.nodes) ? store.list(GR.daemonsets).map((d) => keyOf(d.metadata.namespace, d.metadata.name)) : []),
    ],
    reconcile(ds, api) {
      const s = spec<{ template?: PodTemplate }>(ds);
      const ns = ds.metadata.namespace!;
      const hash = templateHash(s.template ?? {});
      const selector = (s.template?.spec?.nodeSelector ?? {}) as Record<string, string>;
      const nodes = api.list(GR.nodes).filter((n) => Object.entries(selector).every(([k, v]) => n.metadata.labels?.[k] === v));
      const pods = api.list(GR.pods, ns).filter((p) => ownedBy(p, ds) && isPodActive(p));
      const onNode = (node: KubeObject) => pods.filter((p) => (p.spec as { nodeName?: string }).nodeName === node.metadata.name);
      for (const node of nodes) {
        const mine = onNode(node);
        const stale = mine.filter((p) => p.metadata.labels?.['controller-revision-hash'] !== hash);
        for (const p of stale) api.delete(GR.pods, ns, p.metadata.name);
        if (mine.length - stale.length === 0) {
          const pod = api.create(
            GR.pods,
            podFromTemplate(ds, s.template, `${ds.metadata.name}-${randomSuffix()}`, {
              labels: { 'controller-revision-hash': hash, 'pod-template-generation': String(ds.metadata.generation ?? 1) },
              spec: { nodeName: node.metadata.name },
              generateName: `${ds.metadata.name}-`,
            }),
          );
          api.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
        }
      }
      const nodeNames = new Set(nodes.map((n) => n.metadata.name));
      for (const p of pods) if (!nodeNames.has(String((p.spec as { nodeName?: string }).nodeName))) api.delete(GR.pods, ns, p.metadata.name);

      const fresh = api.get(GR.daemonsets, ns, ds.metadata.name);
      if (!fresh) return;
      const current = api.list(GR.pods, ns).filter((p) => ownedBy(p, ds) && isPodActive(p));
      const ready = current.filter(isPodReady).length;
      const st: Record<string, unknown> = {
        currentNumberScheduled: current.length,
        desiredNumberScheduled: nodes.length,
        numberMisscheduled: 0,
        numberReady: ready,
        numberAvailable: ready,
        updatedNumberScheduled: current.filter((p) => p.metadata.labels?.['controller-revision-hash'] === hash).length,
        observedGeneration: fresh.metadata.generation,
      };
      if (nodes.length - ready > 0) st.numberUnavailable = nodes.length - ready;
      if (st.numberAvailable === 0) delete st.numberAvailable;
      api.setStatus(GR.daemonsets, fresh, st);
    },
  });
