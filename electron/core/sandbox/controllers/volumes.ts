/**
 * PersistentVolumeClaims: dynamic provisioning through the claim's StorageClass (or the default
 * class), creating a bound PersistentVolume. A class that does not exist leaves the claim Pending
 * with the provisioning error, which is how a scenario plants an unbound PVC.
 */
import type { KubeObject } from '../../cluster/view.ts';
import { GR } from './api.ts';
import { plantOn, plantTable } from './plants.ts';
import { primaryReconciler, sameGr } from './reconciler.ts';
import { keyOf, status, type Json } from './util.ts';

interface PvcSpec {
  storageClassName?: string;
  volumeName?: string;
  accessModes?: string[];
  volumeMode?: string;
  resources?: { requests?: { storage?: string } };
}

const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

export const volumesController = () =>
  primaryReconciler({
    name: 'persistentvolume-binder',
    source: { component: 'persistentvolume-controller' },
    primary: GR.pvcs,
    related: (event, store) =>
      sameGr(event.gr, GR.storageclasses)
        ? store
            .list(GR.pvcs)
            .filter((p) => status<{ phase?: string }>(p).phase !== 'Bound')
            .map((p) => keyOf(p.metadata.namespace, p.metadata.name))
        : [],
    reconcile(pvc, api) {
      const spec = (pvc.spec ?? {}) as PvcSpec;
      const ns = pvc.metadata.namespace!;
      const current = status<Json>(pvc);
      if (current.phase === 'Bound' && spec.volumeName && api.get(GR.pvs, undefined, spec.volumeName)) return;
      const plant = plantOn(plantTable(api), pvc);
      const classes = api.list(GR.storageclasses);
      const className = spec.storageClassName ?? classes.find((c) => c.metadata.annotations?.[DEFAULT_CLASS] === 'true')?.metadata.name;
      const storageClass = className ? classes.find((c) => c.metadata.name === className) : undefined;
      const pending = (type: 'Normal' | 'Warning', reason: string, message: string) => {
        const was = current.phase;
        api.setStatus(GR.pvcs, pvc, { phase: 'Pending' });
        if (was !== 'Pending') api.event(pvc, type, reason, message);
      };
      if (plant?.fault === 'Unbound') return pending('Warning', 'ProvisioningFailed', plant.message ?? `storageclass.storage.k8s.io "${className ?? ''}" not found`);
      if (!className) return pending('Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
      if (!storageClass) return pending('Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);

      const provisioner = String((storageClass as Json).provisioner ?? 'rancher.io/local-path');
      const pvName = spec.volumeName ?? `pvc-${pvc.metadata.uid}`;
      const size = spec.resources?.requests?.storage ?? '1Gi';
      const accessModes = spec.accessModes ?? ['ReadWriteOnce'];
      let pv = api.get(GR.pvs, undefined, pvName);
      if (!pv) {
        api.event(pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${pvc.metadata.name}"`, { component: provisioner });
        pv = api.create(GR.pvs, {
          apiVersion: 'v1',
          kind: 'PersistentVolume',
          metadata: { name: pvName, annotations: { 'pv.kubernetes.io/provisioned-by': provisioner } },
          spec: {
            capacity: { storage: size },
            accessModes,
            persistentVolumeReclaimPolicy: String((storageClass as Json).reclaimPolicy ?? 'Delete'),
            storageClassName: className,
            volumeMode: spec.volumeMode ?? 'Filesystem',
            claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: ns, name: pvc.metadata.name, uid: pvc.metadata.uid },
            hostPath: { path: `/var/local-path-provisioner/${pvName}_${ns}_${pvc.metadata.name}`, type: 'DirectoryOrCreate' },
          },
        } as KubeObject);
        api.event(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`, { component: provisioner });
      }
      api.setStatus(GR.pvs, pv, { phase: 'Bound', lastPhaseTransitionTime: status<Json>(pv).lastPhaseTransitionTime ?? api.nowIso() });
      const bound = api.patch(GR.pvcs, pvc, (d) => {
        const s = d.spec as PvcSpec;
        s.volumeName = pvName;
        s.storageClassName = className;
        s.volumeMode ??= 'Filesystem';
        d.metadata.annotations = {
          ...(d.metadata.annotations ?? {}),
          'pv.kubernetes.io/bind-completed': 'yes',
          'pv.kubernetes.io/bound-by-controller': 'yes',
          'volume.beta.kubernetes.io/storage-provisioner': provisioner,
          'volume.kubernetes.io/storage-provisioner': provisioner,
        };
      });
      api.setStatus(GR.pvcs, bound, { phase: 'Bound', accessModes, capacity: { storage: size } });
    },
  });
