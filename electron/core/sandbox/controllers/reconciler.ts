/** Builds the common shape of a Reconciler: one primary kind, plus optional related-change mapping. */
import type { KubeObject } from '../../cluster/view.ts';
import type { GroupResource, SandboxStore, StoreEvent } from '../store/types.ts';
import type { ControllerApi, EventSource } from './api.ts';
import type { Reconciler } from './manager.ts';
import { controllerOf, keyOf, splitKey } from './util.ts';

export interface PrimaryReconcilerSpec {
  name: string;
  source: EventSource;
  primary: GroupResource;
  /** Extra keys for changes to other kinds (e.g. a Pod change wakes its ReplicaSet). */
  related?: (event: StoreEvent, store: SandboxStore) => string[];
  /** Called with the current object; a deleted object is simply skipped. */
  reconcile(obj: KubeObject, api: ControllerApi): void | Promise<void>;
}

export const sameGr = (a: GroupResource, b: GroupResource) => a.group === b.group && a.resource === b.resource;

export function primaryReconciler(spec: PrimaryReconcilerSpec): Reconciler {
  return {
    name: spec.name,
    source: spec.source,
    keysFor(event, store) {
      const keys = sameGr(event.gr, spec.primary) && event.type !== 'DELETED' ? [keyOf(event.object.metadata.namespace, event.object.metadata.name)] : [];
      return spec.related ? [...keys, ...spec.related(event, store)] : keys;
    },
    allKeys(store) {
      if (!store.resourceType(spec.primary)) return [];
      return store.list(spec.primary).map((o) => keyOf(o.metadata.namespace, o.metadata.name));
    },
    reconcile(key, api) {
      if (!api.served(spec.primary)) return;
      const { namespace, name } = splitKey(key);
      const obj = api.get(spec.primary, namespace, name);
      if (!obj || obj.metadata.deletionTimestamp) return;
      return spec.reconcile(obj, api);
    },
  };
}

/** For owned objects (Pods, ReplicaSets, Jobs): the key of their controller of `kind`. */
export function ownerKeys(event: StoreEvent, childGr: GroupResource, ownerKind: string): string[] {
  if (!sameGr(event.gr, childGr)) return [];
  const owner = controllerOf(event.object);
  return owner?.kind === ownerKind ? [keyOf(event.object.metadata.namespace, owner.name)] : [];
}
