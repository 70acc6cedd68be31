/**
 * Deployment → ReplicaSets, like the deployment controller: one ReplicaSet per distinct pod
 * template (named <deployment>-<pod-template-hash>), the newest scaled to spec.replicas, older
 * ones scaled down as the new one becomes available (a bad rollout keeps the old pods serving),
 * and status/conditions with the real reasons.
 */
import { GR } from './api.ts';
import { templateWithoutHash, type PodTemplate } from './pod-template.ts';
import { ownerKeys, primaryReconciler } from './reconciler.ts';
import { deepEqual, intOrPercent, mergeConditions, ownedBy, ownerRef, spec, status, templateHash, type Condition, type LabelSelector } from './util.ts';

interface DeploymentSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplate;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
  paused?: boolean;
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: string | number; maxUnavailable?: string | number } };
}

interface RsStatus {
  replicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
}

const REVISION = 'deployment.kubernetes.io/revision';

export const deploymentsController = () =>
  primaryReconciler({
    name: 'deployment',
    source: { component: 'deployment-controller' },
    primary: GR.deployments,
    related: (event) => ownerKeys(event, GR.replicasets, 'Deployment'),
    reconcile(deploy, api) {
      const ds = spec<DeploymentSpec>(deploy);
      const ns = deploy.metadata.namespace!;
      const desired = ds.replicas ?? 1;
      const owned = api.list(GR.replicasets, ns).filter((rs) => ownedBy(rs, deploy));
      const template = templateWithoutHash(ds.template);
      const hash = templateHash(template);
      const revisions = owned.map((rs) => Number(rs.metadata.annotations?.[REVISION] ?? 0));
      const rollingUpdate = ds.strategy?.type === 'Recreate' ? { maxSurge: 0, maxUnavailable: desired } : ds.strategy?.rollingUpdate;
      const maxSurge = intOrPercent(rollingUpdate?.maxSurge, desired, true, '25%');
      const maxUnavailable = intOrPercent(rollingUpdate?.maxUnavailable, desired, false, '25%');

      let newRs = owned.find((rs) => deepEqual(templateWithoutHash(spec<{ template?: PodTemplate }>(rs).template), template));
      const annotations = (revision: string) => ({
        ...(deploy.metadata.annotations ?? {}),
        [REVISION]: revision,
        'deployment.kubernetes.io/desired-replicas': String(desired),
        'deployment.kubernetes.io/max-replicas': String(desired + maxSurge),
      });
      if (ds.paused) return writeStatus();
      if (!newRs) {
        const revision = String(Math.max(0, ...revisions) + 1);
        const labels = { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash };
        newRs = api.create(GR.replicasets, {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: { name: `${deploy.metadata.name}-${hash}`, namespace: ns, labels, annotations: annotations(revision), ownerReferences: [ownerRef(deploy)] },
          spec: {
            replicas: desired,
            minReadySeconds: 0,
            selector: { ...(ds.selector ?? {}), matchLabels: { ...(ds.selector?.matchLabels ?? {}), 'pod-template-hash': hash } },
            template: { ...template, metadata: { ...(template.metadata ?? {}), labels } },
          },
        });
        api.event(deploy, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${newRs.metadata.name} from 0 to ${desired}`);
      } else {
        const current = newRs;
        const from = spec<{ replicas?: number }>(current).replicas ?? 0;
        const revision = current.metadata.annotations?.[REVISION] ?? '1';
        const maxRevision = String(Math.max(0, ...revisions));
        // A template that matches an older ReplicaSet (rollout undo) makes it the newest revision again.
        const nextRevision = owned.length > 1 && revision !== maxRevision && from === 0 ? String(Number(maxRevision) + 1) : revision;
        newRs = api.patch(GR.replicasets, current, (d) => {
          (d.spec as { replicas: number }).replicas = desired;
          d.metadata.annotations = annotations(nextRevision);
        });
        if (from !== desired) api.event(deploy, 'Normal', 'ScalingReplicaSet', `Scaled ${from < desired ? 'up' : 'down'} replica set ${current.metadata.name} from ${from} to ${desired}`);
      }

      // Old ReplicaSets keep serving until the new one is available.
      const newAvailable = status<RsStatus>(newRs).availableReplicas ?? 0;
      const oldTarget = Math.max(0, desired - newAvailable);
      const olds = owned.filter((rs) => rs.metadata.uid !== newRs!.metadata.uid);
      let budget = oldTarget;
      for (const rs of olds.sort((a, b) => Number(b.metadata.annotations?.[REVISION] ?? 0) - Number(a.metadata.annotations?.[REVISION] ?? 0))) {
        const from = spec<{ replicas?: number }>(rs).replicas ?? 0;
        const to = Math.min(from, budget);
        budget -= to;
        if (to !== from) {
          api.patch(GR.replicasets, rs, (d) => {
            (d.spec as { replicas: number }).replicas = to;
          });
          api.event(deploy, 'Normal', 'ScalingReplicaSet', `Scaled down replica set ${rs.metadata.name} from ${from} to ${to}`);
        }
      }
      // revisionHistoryLimit: drop the oldest empty ReplicaSets.
      const limit = ds.revisionHistoryLimit ?? 10;
      const empty = olds.filter((rs) => (spec<{ replicas?: number }>(rs).replicas ?? 0) === 0 && (status<RsStatus>(rs).replicas ?? 0) === 0);
      empty.sort((a, b) => Number(a.metadata.annotations?.[REVISION] ?? 0) - Number(b.metadata.annotations?.[REVISION] ?? 0));
      for (const rs of empty.slice(0, Math.max(0, empty.length - limit))) api.delete(GR.replicasets, ns, rs.metadata.name);

      writeStatus();

      function writeStatus() {
        const fresh = api.get(GR.deployments, ns, deploy.metadata.name);
        if (!fresh) return;
        const all = api.list(GR.replicasets, ns).filter((rs) => ownedBy(rs, deploy));
        const current = newRs && all.find((rs) => rs.metadata.uid === newRs!.metadata.uid);
        const sum = (f: keyof RsStatus) => all.reduce((n, rs) => n + (status<RsStatus>(rs)[f] ?? 0), 0);
        const replicas = sum('replicas');
        const ready = sum('readyReplicas');
        const available = sum('availableReplicas');
        const updated = current ? (status<RsStatus>(current).replicas ?? 0) : 0;
        const newAvail = current ? (status<RsStatus>(current).availableReplicas ?? 0) : 0;
        const oldPods = replicas - updated;
        const now = api.nowIso();
        const prev = status<{ conditions?: Condition[] }>(fresh).conditions;
        const minAvailable = desired - maxUnavailable;
        const availableCond: Condition =
          available >= minAvailable
            ? { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }
            : { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' };
        const rsName = current?.metadata.name ?? deploy.metadata.name;
        let progressing: Condition;
        if (newAvail >= desired && updated === desired && oldPods === 0) {
          progressing = { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.` };
        } else {
          progressing = { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rsName}" is progressing.` };
          const old = prev?.find((c) => c.type === 'Progressing');
          const since = old && old.reason === 'ReplicaSetUpdated' ? Date.parse(old.lastUpdateTime ?? now) : old?.reason === 'ProgressDeadlineExceeded' ? 0 : Date.parse(now);
          const deadline = (ds.progressDeadlineSeconds ?? 600) * 1000;
          if (old?.reason === 'ProgressDeadlineExceeded' || api.now().getTime() - since > deadline) {
            progressing = { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rsName}" has timed out progressing.` };
          }
        }
        const st: Record<string, unknown> = {
          observedGeneration: fresh.metadata.generation,
          replicas,
          updatedReplicas: updated,
          readyReplicas: ready,
          availableReplicas: available,
          conditions: mergeConditions(prev, [availableCond, progressing], now, { updateTime: true }),
        };
        if (replicas - available > 0 || desired - available > 0) st.unavailableReplicas = Math.max(replicas, desired) - available;
        for (const k of ['readyReplicas', 'availableReplicas', 'updatedReplicas', 'replicas'] as const) if (st[k] === 0) delete st[k];
        api.setStatus(GR.deployments, fresh, st);
      }
    },
  });

