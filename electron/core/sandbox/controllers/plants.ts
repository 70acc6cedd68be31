/** Finds the fault planted on an object: its own annotation first, then the scenario's plant table. */
import type { KubeObject } from '../../cluster/view.ts';
import type { SandboxStore } from '../store/types.ts';
import type { ControllerApi } from './api.ts';
import { FAULT_ANNOTATION, FAULT_MESSAGE_ANNOTATION, FAULTS, SCENARIO_CONFIGMAP, STALE_DNS_NAMES_ANNOTATION, type Fault, type Plant, type PlantTable } from './context.ts';
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

/** The fault of an object: planted on it (a pod: or its template), or on any controller above it. */
export function plantFor(table: PlantTable, store: SandboxStore, target: KubeObject): Plant | undefined {
  let obj: KubeObject | undefined = target;
  for (let depth = 0; obj && depth < 4; depth++) {
    const plant = plantOn(table, obj);
    if (plant) return plant;
    const owner = controllerOf(obj);
    const type = owner && store.resourceTypeForKind(owner.apiVersion, owner.kind);
    obj = type ? store.get({ group: type.group, resource: type.resource }, type.namespaced ? obj.metadata.namespace : undefined, owner.name) : undefined;
  }
  return undefined;
}

/** A pod's fault, planted on it, its template, or a workload above it. */
export const plantForPod = plantFor;

const cache = new WeakMap<SandboxStore, { rv: string; table: PlantTable; base: PlantTable }>();

/**
 * The plant table in force: the controller context's, plus the one a loaded scenario records in
 * ConfigMap kube-system/sandbox-scenario (key plants.json), so a server that loads a scenario
 * after starting its controllers still simulates its faults.
 */
export function plantTable(api: ControllerApi): PlantTable {
  const base = api.ctx.plants;
  const cm = api.store.get({ group: '', resource: 'configmaps' }, SCENARIO_CONFIGMAP.namespace, SCENARIO_CONFIGMAP.name);
  const raw = (cm?.data as Record<string, string> | undefined)?.[SCENARIO_CONFIGMAP.key];
  if (!cm || !raw) return base;
  const rv = String(cm.metadata.resourceVersion);
  const hit = cache.get(api.store);
  if (hit && hit.rv === rv && hit.base === base) return hit.table;
  let recorded: PlantTable = { plants: [] };
  try {
    recorded = JSON.parse(raw) as PlantTable;
  } catch {
    // A hand-edited, broken table is ignored rather than stopping every controller.
  }
  const mirror = base.mirror ?? recorded.mirror;
  const loadedAt = base.loadedAt ?? recorded.loadedAt;
  const table: PlantTable = { plants: [...base.plants, ...(recorded.plants ?? [])], ...(mirror ? { mirror } : {}), ...(loadedAt ? { loadedAt } : {}) };
  cache.set(api.store, { rv, table, base });
  return table;
}
