/**
 * StatefulSet → Pods <name>-<ordinal> with stable hostnames and one PVC per
 * volumeClaimTemplate and ordinal (<template>-<name>-<ordinal>). OrderedReady: ordinal n is
 * created only once 0..n-1 are ready, so a failing pod-0 holds back the rest, as in a cluster.
 */
import type { KubeObject } from '../../cluster/view.ts';
import { GR } from './api.ts';
import { isPodReady, podFromTemplate, podPhase, type PodTemplate } from './pod-template.ts';
import { ownerKeys, primaryReconciler } from './reconciler.ts';
import { ownedBy, spec, templateHash, type Json, type LabelSelector } from './util.ts';

interface StatefulSetSpec {
  replicas?: number;
  serviceName?: string;
  selector?: LabelSelector;
  template?: PodTemplate;
  podManagementPolicy?: 'OrderedReady' | 'Parallel';
  volumeClaimTemplates?: Array<{ metadata?: { name?: string; labels?: Record<string, string> }; spec?: Json }>;
}

const REVISION_LABEL = 'controller-revision-hash';

export const statefulSetsController = () =>
  primaryReconciler({
    name: 'statefulset',
    source: { component: 'statefulset-controller' },
    primary: GR.statefulsets,
    related: (event) => ownerKeys(event, GR.pods, 'StatefulSet'),
    reconcile(sts, api) {
      const s = spec<StatefulSetSpec>(sts);
      const ns = sts.metadata.namespace!;
      const name = sts.metadata.name;
      const replicas = s.replicas ?? 1;
      const revision = `${name}-${templateHash(s.template ?? {})}`;
      const ordered = (s.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
      const owned = api.list(GR.pods, ns).filter((p) => ownedBy(p, sts));
      const byOrdinal = new Map<number, KubeObject>();
      for (const p of owned) {
        const ord = Number(p.metadata.name.slice(name.length + 1));
        if (p.metadata.name.startsWith(`${name}-`) && Number.isInteger(ord)) byOrdinal.set(ord, p);
      }

      for (let i = 0; i < replicas; i++) {
        const pod = byOrdinal.get(i);
        if (pod && podPhase(pod) === 'Failed') {
          api.delete(GR.pods, ns, pod.metadata.name);
          api.event(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${name} successful`);
          byOrdinal.delete(i);
        }
        if (!byOrdinal.has(i)) {
          const podName = `${name}-${i}`;
          const volumes = ((s.template?.spec?.volumes as Json[] | undefined) ?? []).filter((v) => !(s.volumeClaimTemplates ?? []).some((t) => t.metadata?.name === v.name));
          for (const t of s.volumeClaimTemplates ?? []) {
            const claimName = `${t.metadata?.name}-${podName}`;
            if (!api.get(GR.pvcs, ns, claimName)) {
              api.create(GR.pvcs, {
                apiVersion: 'v1',
                kind: 'PersistentVolumeClaim',
                metadata: { name: claimName, namespace: ns, labels: { ...(s.selector?.matchLabels ?? {}), ...(t.metadata?.labels ?? {}) } },
                spec: structuredClone(t.spec ?? {}),
              });
              api.event(sts, 'Normal', 'SuccessfulCreate', `create Claim ${claimName} Pod ${podName} in StatefulSet ${name} success`);
            }
            volumes.push({ name: t.metadata?.name, persistentVolumeClaim: { claimName } });
          }
          const pod = podFromTemplate(sts, s.template, podName, {
            labels: { [REVISION_LABEL]: revision, 'statefulset.kubernetes.io/pod-name': podName, 'apps.kubernetes.io/pod-index': String(i) },
            spec: { hostname: podName, ...(s.serviceName ? { subdomain: s.serviceName } : {}), ...(volumes.length ? { volumes } : {}) },
          });
          byOrdinal.set(i, api.create(GR.pods, pod));
          api.event(sts, 'Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${name} successful`);
          if (ordered) break; // wait for it to become ready before the next ordinal
        }
        if (ordered && !isPodReady(byOrdinal.get(i)!)) break;
      }

      // Scale down from the highest ordinal.
      const extra = [...byOrdinal.keys()].filter((o) => o >= replicas).sort((a, b) => b - a);
      for (const o of ordered ? extra.slice(0, 1) : extra) {
        api.delete(GR.pods, ns, byOrdinal.get(o)!.metadata.name);
        api.event(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${byOrdinal.get(o)!.metadata.name} in StatefulSet ${name} successful`);
        byOrdinal.delete(o);
      }

      // Rolling update: replace the highest outdated ordinal once everything else is ready.
      const outdated = [...byOrdinal.entries()].filter(([, p]) => p.metadata.labels?.[REVISION_LABEL] !== revision).sort((a, b) => b[0] - a[0]);
      const first = outdated[0];
      if (first && [...byOrdinal.values()].every((p) => p === first[1] || isPodReady(p))) {
        api.delete(GR.pods, ns, first[1].metadata.name);
        api.event(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${first[1].metadata.name} in StatefulSet ${name} successful`);
        byOrdinal.delete(first[0]);
      }

      const fresh = api.get(GR.statefulsets, ns, name);
      if (!fresh) return;
      const pods = api.list(GR.pods, ns).filter((p) => ownedBy(p, sts));
      const ready = pods.filter(isPodReady).length;
      const updated = pods.filter((p) => p.metadata.labels?.[REVISION_LABEL] === revision).length;
      const prevCurrent = (fresh.status as Json | undefined)?.currentRevision as string | undefined;
      const st: Json = {
        observedGeneration: fresh.metadata.generation,
        replicas: pods.length,
        readyReplicas: ready,
        currentReplicas: updated === pods.length ? pods.length : pods.length - updated,
        updatedReplicas: updated,
        availableReplicas: ready,
        currentRevision: updated === pods.length && pods.length >= replicas ? revision : (prevCurrent ?? revision),
        updateRevision: revision,
        collisionCount: 0,
      };
      for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas']) if (st[k] === 0) delete st[k];
      api.setStatus(GR.statefulsets, fresh, st);
    },
  });
