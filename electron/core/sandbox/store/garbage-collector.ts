import type { KubeObject } from '../../cluster/view.ts';
import type { ServedType } from './builtin-types.ts';
import type { Located, ObjectTable } from './object-table.ts';
import { StoreError } from './types.ts';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

/** The finalizer a Foreground delete puts on the owner: it goes only after its dependents. */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';

/** The store operations a cascade is made of; each one goes through the store like any other write. */
export interface CollectorHost {
  /** Stores a changed object (a MODIFIED event). */
  commit(type: ServedType, next: KubeObject, previous: KubeObject): KubeObject;
  /** Takes an object out of the store now, following its dependents by `policy`. */
  remove(type: ServedType, live: KubeObject, policy: PropagationPolicy): KubeObject;
  /** A full delete: honours the dependent's own finalizers and dependents in turn. */
  delete(type: ServedType, namespace: string | undefined, name: string, options: { propagationPolicy: PropagationPolicy }): void;
}

/** True once a deleted object has no finalizers left to wait for: the store then removes it. */
export function finalizersDone(object: KubeObject): boolean {
  return Boolean(object.metadata.deletionTimestamp) && !(object.metadata.finalizers as string[] | undefined)?.length;
}

/**
 * The kube-controller-manager garbage collector, done synchronously inside each write: it keeps an
 * index of which objects name each uid in ownerReferences, and on delete removes (Background),
 * waits for (Foreground) or unlinks (Orphan) the dependents, like the real propagation policies.
 */
export class GarbageCollector {
  /** owner uid → location keys of the objects naming it in ownerReferences. */
  private readonly dependents = new Map<string, Set<string>>();

  constructor(
    private readonly table: ObjectTable,
    private readonly host: CollectorHost,
  ) {}

  indexOwners(object: KubeObject, locKey: string): void {
    for (const ref of object.metadata.ownerReferences ?? []) {
      let set = this.dependents.get(ref.uid);
      if (!set) this.dependents.set(ref.uid, (set = new Set()));
      set.add(locKey);
    }
  }

  unindexOwners(object: KubeObject, locKey: string): void {
    for (const ref of object.metadata.ownerReferences ?? []) {
      const set = this.dependents.get(ref.uid);
      set?.delete(locKey);
      if (set && set.size === 0) this.dependents.delete(ref.uid);
    }
  }

  dependentsOf(uid: string): Located[] {
    const set = this.dependents.get(uid);
    if (!set) return [];
    return [...set].map((k) => this.table.locate(k)).filter((x): x is Located => x !== undefined);
  }

  /**
   * The finalizers a delete leaves on the object: its own, plus foregroundDeletion when a
   * Foreground delete has dependents to wait for. Any finalizer means "mark, don't remove yet".
   */
  finalizersForDelete(live: KubeObject, policy: PropagationPolicy): { finalizers: string[]; foreground: boolean } {
    const finalizers = [...((live.metadata.finalizers as string[] | undefined) ?? [])];
    const foreground = policy === 'Foreground' && this.dependentsOf(live.metadata.uid!).length > 0;
    if (foreground && !finalizers.includes(FOREGROUND_FINALIZER)) finalizers.push(FOREGROUND_FINALIZER);
    return { finalizers, foreground };
  }

  /** After an object left the store: its dependents follow the policy, and a Foreground owner waiting on it may go. */
  afterRemoval(live: KubeObject, policy: PropagationPolicy): void {
    const uid = live.metadata.uid!;
    if (policy === 'Orphan') this.orphan(uid);
    else this.deleteDependents(uid, policy);
    for (const ref of live.metadata.ownerReferences ?? []) this.maybeFinishForeground(ref.uid);
  }

  deleteDependents(uid: string, policy: PropagationPolicy): void {
    for (const { type, object } of this.dependentsOf(uid)) {
      // Only objects owned by this uid alone go; others keep their remaining owners.
      const others = (object.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid && this.table.hasUid(r.uid));
      if (others.length > 0) continue;
      try {
        this.host.delete(type, object.metadata.namespace, object.metadata.name, { propagationPolicy: policy });
      } catch (err) {
        if (!(err instanceof StoreError && err.reason === 'NotFound')) throw err;
      }
    }
  }

  /** Orphan propagation: the dependents stay, minus their ownerReference to this uid. */
  orphan(uid: string): void {
    for (const { type, object } of this.dependentsOf(uid)) {
      const next = structuredClone(object) as KubeObject;
      next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
      this.host.commit(type, next, object);
    }
  }

  /** An owner deleted in the foreground goes once its last dependent has gone. */
  maybeFinishForeground(ownerUid: string): void {
    const found = this.table.locateUid(ownerUid);
    if (!found) return;
    const { type, object } = found;
    const finalizers = (object.metadata.finalizers as string[] | undefined) ?? [];
    if (!object.metadata.deletionTimestamp || !finalizers.includes(FOREGROUND_FINALIZER)) return;
    if (this.dependentsOf(ownerUid).length > 0) return;
    const next = structuredClone(object) as KubeObject;
    const rest = finalizers.filter((f) => f !== FOREGROUND_FINALIZER);
    if (rest.length) next.metadata.finalizers = rest;
    else delete next.metadata.finalizers;
    const stored = this.host.commit(type, next, object);
    if (rest.length === 0) this.host.remove(type, stored, 'Background');
  }
}
