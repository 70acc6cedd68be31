/** Finds the fault planted on an object: its own annotation first, then the scenario's plant table. */
import type { KubeObject } from '../../cluster/view.ts';
import type { SandboxStore } from '../store/types.ts';
import { FAULT_ANNOTATION, FAULT_MESSAGE_ANNOTATION, FAULTS, STALE_DNS_NAMES_ANNOTATION, type Fault, type Plant, type PlantTable } from './context.ts';
import { controllerOf } from './util.ts';

export function plantOn(table: PlantTable, obj: KubeObject): Plant | undefined {
  const annotated = obj.metadata.annotations?.[FAULT_ANNOTATION];
  if (annotated) {
    if (!(FAULTS as readonly string[]).includes(annotated)) return undefined;
    const message = obj.metadata.annotations?.[FAULT_MESSAGE_ANNOTATION];
    const stale = obj.metadata.annotations?.[STALE_DNS_NAMES_ANNOTATION];
    return {
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      fault: annotated as Fault,
      ...(message ? { message } : {}),
      ...(stale ? { dnsNames: stale.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
    };
  }
  return table.plants.find((p) => p.kind === obj.kind && p.name === obj.metadata.name && (p.namespace ?? undefined) === (obj.metadata.namespace ?? undefined));
}

const OWNER_GR: Record<string, { group: string; resource: string }> = {
  ReplicaSet: { group: 'apps', resource: 'replicasets' },
  Deployment: { group: 'apps', resource: 'deployments' },
  StatefulSet: { group: 'apps', resource: 'statefulsets' },
  DaemonSet: { group: 'apps', resource: 'daemonsets' },
  Job: { group: 'batch', resource: 'jobs' },
  CronJob: { group: 'batch', resource: 'cronjobs' },
};

/** The fault of a pod: planted on the pod (or its template), or on any controller above it. */
export function plantForPod(table: PlantTable, store: SandboxStore, pod: KubeObject): Plant | undefined {
  let obj: KubeObject | undefined = pod;
  for (let depth = 0; obj && depth < 4; depth++) {
    const plant = plantOn(table, obj);
    if (plant) return plant;
    const owner = controllerOf(obj);
    const gr = owner && OWNER_GR[owner.kind];
    obj = gr ? store.get(gr, pod.metadata.namespace, owner.name) : undefined;
  }
  return undefined;
}
