import type { KubeObject } from '../../cluster/view.ts';
import { grKey, type ServedType } from './builtin-types.ts';
import type { GroupResource } from './types.ts';

interface Bucket {
  type: ServedType;
  byNs: Map<string, Map<string, KubeObject>>;
  /** Every object in (namespace, name) order; rebuilt lazily after a write. */
  sorted: KubeObject[] | null;
}

interface Location {
  key: string;
  namespace: string;
  name: string;
}

/** A stored object together with the type it is stored under. */
export interface Located {
  type: ServedType;
  object: KubeObject;
}

/**
 * Where stored objects live: one bucket per served type, keyed by namespace then name ('' for
 * cluster-scoped kinds), plus a uid index so ownerReferences (which name uids) can be followed.
 * It only files and finds objects; validation, resourceVersions and events belong to the store.
 */
export class ObjectTable {
  private readonly buckets = new Map<string, Bucket>();
  private readonly uids = new Map<string, Location>();

  /** Opens the bucket for a newly served type, or points an existing one at its updated type. */
  ensureBucket(type: ServedType): void {
    const key = grKey(type.group, type.resource);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.type = type;
    else this.buckets.set(key, { type, byNs: new Map(), sorted: null });
  }

  dropBucket(type: ServedType): void {
    this.buckets.delete(grKey(type.group, type.resource));
  }

  /** The served types that have a bucket, in the order they were first served. */
  bucketTypes(): ServedType[] {
    return [...this.buckets.values()].map((b) => b.type);
  }

  get(gr: GroupResource, namespace: string | undefined, name: string): KubeObject | undefined {
    const bucket = this.buckets.get(grKey(gr.group, gr.resource));
    if (!bucket) return undefined;
    return bucket.byNs.get(bucket.type.namespaced ? (namespace ?? '') : '')?.get(name);
  }

  /** Objects in (namespace, name) order; the whole-kind list is cached until the next write to that kind. */
  list(gr: GroupResource, namespace?: string): readonly KubeObject[] {
    const bucket = this.buckets.get(grKey(gr.group, gr.resource));
    if (!bucket) return [];
    if (namespace !== undefined && bucket.type.namespaced) {
      const inNs = bucket.byNs.get(namespace);
      return inNs ? [...inNs.keys()].sort().map((k) => inNs.get(k)!) : [];
    }
    if (!bucket.sorted) {
      const out: KubeObject[] = [];
      for (const ns of [...bucket.byNs.keys()].sort()) {
        const inNs = bucket.byNs.get(ns)!;
        for (const name of [...inNs.keys()].sort()) out.push(inNs.get(name)!);
      }
      bucket.sorted = out;
    }
    return bucket.sorted;
  }

  /** The objects of one namespaced type in a namespace, unsorted (namespace termination deletes them all). */
  inNamespace(type: ServedType, namespace: string): KubeObject[] {
    return [...(this.buckets.get(grKey(type.group, type.resource))?.byNs.get(namespace)?.values() ?? [])];
  }

  /** Count of objects of every kind in a namespace (a terminating namespace goes once it is empty). */
  countInNamespace(namespace: string): number {
    let n = 0;
    for (const bucket of this.buckets.values()) if (bucket.type.namespaced) n += bucket.byNs.get(namespace)?.size ?? 0;
    return n;
  }

  /** A stable key for an object's place (type, namespace, name): what the owner index records. */
  locationKey(type: ServedType, object: KubeObject): string {
    const ns = type.namespaced ? (object.metadata.namespace ?? '') : '';
    return `${grKey(type.group, type.resource)}\u0000${ns}\u0000${object.metadata.name}`;
  }

  locate(locKey: string): Located | undefined {
    const [key, ns, name] = locKey.split('\u0000') as [string, string, string];
    const bucket = this.buckets.get(key);
    const object = bucket?.byNs.get(ns)?.get(name);
    return bucket && object ? { type: bucket.type, object } : undefined;
  }

  locateUid(uid: string): Located | undefined {
    const loc = this.uids.get(uid);
    return loc && this.locate(`${loc.key}\u0000${loc.namespace}\u0000${loc.name}`);
  }

  hasUid(uid: string): boolean {
    return this.uids.has(uid);
  }

  /** Files an object (already frozen) under its type, namespace and name, replacing what was there. */
  put(type: ServedType, object: KubeObject): void {
    const key = grKey(type.group, type.resource);
    const bucket = this.buckets.get(key)!;
    const ns = type.namespaced ? (object.metadata.namespace ?? '') : '';
    let inNs = bucket.byNs.get(ns);
    if (!inNs) bucket.byNs.set(ns, (inNs = new Map()));
    inNs.set(object.metadata.name, object);
    this.uids.set(object.metadata.uid!, { key, namespace: ns, name: object.metadata.name });
    bucket.sorted = null;
  }

  take(type: ServedType, object: KubeObject): void {
    const bucket = this.buckets.get(grKey(type.group, type.resource))!;
    const ns = type.namespaced ? (object.metadata.namespace ?? '') : '';
    const inNs = bucket.byNs.get(ns);
    inNs?.delete(object.metadata.name);
    if (inNs && inNs.size === 0) bucket.byNs.delete(ns);
    this.uids.delete(object.metadata.uid!);
    bucket.sorted = null;
  }
}
