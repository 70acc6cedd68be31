import type { KubeObject } from '../../cluster/view.ts';
import { BUILTIN_TYPES, VIRTUAL_RESOURCES, grKey, type ServedType } from './builtin-types.ts';
import { crdToServedType } from './crd-types.ts';
import { EventLog } from './event-log.ts';
import { GarbageCollector, finalizersDone, type PropagationPolicy } from './garbage-collector.ts';
import { NamespaceLifecycle } from './namespace-lifecycle.ts';
import { ObjectTable } from './object-table.ts';
import { deepFreeze, sameExcept } from './object-utils.ts';
import { PodLogs } from './pod-logs.ts';
import { checkDeletePreconditions, conflict, notFound, resourceLabel } from './store-errors.ts';
import { TypeRegistry } from './type-registry.ts';
import { invalid, qualifiedKind, validateFieldTypes, validateIdentity, validateName, type Cause } from './validate.ts';
import { WatchHub, type Listener } from './watch-hub.ts';
import { checkCrd, generateName, mergeReplacement, namespaceOf, stampCreated } from './write-normalize.ts';
import {
  StoreError,
  type GroupResource,
  type SandboxStore,
  type StoreEvent,
  type WatchEventType,
  type WriteOptions,
} from './types.ts';

export type { PropagationPolicy } from './garbage-collector.ts';

/** Records managedFields for a non-apply write; the patch module provides the real one. */
export type UpdateTracker = (
  before: KubeObject | undefined,
  after: KubeObject,
  options: { manager: string; now: string; operation: 'Update'; subresource?: string },
) => KubeObject;

export interface MemoryStoreOptions {
  /** How many events the watch log keeps before older resourceVersions answer 410 Gone. */
  eventLogSize?: number;
  now?: () => string;
  trackUpdate?: UpdateTracker;
}

export interface StoreWriteOptions extends WriteOptions {
  /** The object's managedFields were already computed (server-side apply): record nothing more. */
  fieldsTracked?: boolean;
}

export interface DeleteOptions extends WriteOptions {
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface StoreSnapshot {
  resourceVersion: number;
  objects: Array<{ group: string; resource: string; object: KubeObject }>;
}

const CRD_KEY = grKey('apiextensions.k8s.io', 'customresourcedefinitions');
const NAMESPACES_KEY = grKey('', 'namespaces');

/**
 * The sandbox's object store: every object in memory, one store-wide resourceVersion, an event
 * log for watches, ownerReference garbage collection, finalizers and namespace termination.
 * Stored objects are deep-frozen; `get`/`list` hand out copies, watch events the frozen object.
 *
 * This class is the write pipeline (validate → reshape → commit) and the one place the
 * resourceVersion advances; the parts it drives each live in their own file: served kinds
 * (type-registry), where objects are filed (object-table), watch fan-out (watch-hub), cascades
 * and finalizers (garbage-collector), namespace termination (namespace-lifecycle).
 */
export class MemoryStore implements SandboxStore {
  /** While true, namespaced objects may be created before their namespace (scenario loading). */
  bootstrapping = false;
  readonly logs = new PodLogs();

  private readonly registry = new TypeRegistry();
  private readonly table = new ObjectTable();
  private readonly hub: WatchHub;
  private readonly gc: GarbageCollector;
  private readonly namespaces: NamespaceLifecycle;
  private rv = 0;
  private readonly now: () => string;
  private readonly trackUpdate: UpdateTracker | undefined;

  constructor(options: MemoryStoreOptions = {}) {
    this.hub = new WatchHub(new EventLog(options.eventLogSize ?? 10_000));
    this.now = options.now ?? (() => new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
    this.trackUpdate = options.trackUpdate;
    // Cascades are ordinary store writes: a dependent's delete honours its own finalizers and dependents.
    const cascade = {
      commit: (type: ServedType, next: KubeObject, previous: KubeObject) => this.commit(type, 'MODIFIED', next, previous),
      remove: (type: ServedType, live: KubeObject, policy: PropagationPolicy) => this.remove(type, live, policy),
      delete: (type: ServedType, namespace: string | undefined, name: string, opts: { propagationPolicy: PropagationPolicy }) => {
        this.delete(type, namespace, name, opts);
      },
    };
    this.gc = new GarbageCollector(this.table, cascade);
    this.namespaces = new NamespaceLifecycle(this.table, {
      ...cascade,
      isBootstrapping: () => this.bootstrapping,
      namespaceType: () => this.registry.get({ group: '', resource: 'namespaces' })!,
    });
    for (const type of BUILTIN_TYPES) this.register(type);
  }

  // ---- types ----

  resourceTypes(): ServedType[] {
    return this.registry.all();
  }

  resourceType(gr: GroupResource): ServedType | undefined {
    return this.registry.get(gr);
  }

  resourceTypeForKind(apiVersion: string, kind: string): ServedType | undefined {
    return this.registry.forKind(apiVersion, kind);
  }

  private register(type: ServedType): void {
    this.registry.register(type);
    this.table.ensureBucket(type);
  }

  private requireType(gr: GroupResource): ServedType {
    const type = this.resourceType(gr);
    if (!type) throw new StoreError('NotFound', 'the server could not find the requested resource');
    if (VIRTUAL_RESOURCES.has(type.resource)) throw new StoreError('MethodNotAllowed', `${type.resource} are not stored`);
    return type;
  }

  // ---- reads ----

  /** The stored (frozen) object: callers must not modify it. */
  getFrozen(gr: GroupResource, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.table.get(gr, namespace, name);
  }

  get(gr: GroupResource, namespace: string | undefined, name: string): KubeObject | undefined {
    const obj = this.getFrozen(gr, namespace, name);
    return obj && structuredClone(obj);
  }

  /** Stored (frozen) objects in (namespace, name) order: callers must not modify them. */
  listFrozen(gr: GroupResource, namespace?: string): readonly KubeObject[] {
    return this.table.list(gr, namespace);
  }

  list(gr: GroupResource, namespace?: string): KubeObject[] {
    return this.listFrozen(gr, namespace).map((o) => structuredClone(o));
  }

  currentResourceVersion(): number {
    return this.rv;
  }

  /** The oldest resourceVersion a watch can still resume from. */
  oldestResumableVersion(): number {
    return this.hub.oldestResumable();
  }

  // ---- writes ----

  create(gr: GroupResource, input: KubeObject, options: StoreWriteOptions = {}): KubeObject {
    const type = this.requireType(gr);
    validateIdentity(type, input);
    const obj = structuredClone(input);
    generateName(obj);
    const meta = obj.metadata;
    const causes: Cause[] = validateName(type, meta.name);
    const namespace = namespaceOf(type, obj, causes);
    if (causes.length) throw invalid(type, String(meta.name ?? ''), causes);
    validateFieldTypes(type, obj);
    this.namespaces.checkWritable(type, namespace, meta.name);
    checkCrd(type, obj);
    if (this.getFrozen(gr, namespace, meta.name)) {
      throw new StoreError('AlreadyExists', `${this.resourceLabel(type)} "${meta.name}" already exists`);
    }
    stampCreated(type, obj, this.now);
    const tracked = this.track(undefined, obj, options, undefined);
    if (options.dryRun) return tracked;
    const stored = this.commit(type, 'ADDED', tracked, undefined);
    return structuredClone(stored);
  }

  update(gr: GroupResource, input: KubeObject, options: StoreWriteOptions = {}): KubeObject {
    return this.replace(gr, input, options, undefined);
  }

  updateStatus(gr: GroupResource, input: KubeObject, options: StoreWriteOptions = {}): KubeObject {
    return this.replace(gr, input, options, 'status');
  }

  /** PUT of the main resource or of a subresource ('status' replaces only .status; 'scale' only spec.replicas). */
  replace(gr: GroupResource, input: KubeObject, options: StoreWriteOptions, subresource: 'status' | 'scale' | undefined): KubeObject {
    const type = this.requireType(gr);
    validateIdentity(type, input);
    const causes: Cause[] = validateName(type, input.metadata.name);
    const namespace = namespaceOf(type, input, causes);
    if (causes.length) throw invalid(type, String(input.metadata.name ?? ''), causes);
    validateFieldTypes(type, input);
    const live = this.getFrozen(gr, namespace, input.metadata.name);
    if (!live) throw notFound(type, input.metadata.name);
    const wanted = input.metadata.resourceVersion;
    if (wanted !== undefined && wanted !== '' && wanted !== live.metadata.resourceVersion) throw this.conflict(type, live.metadata.name);

    const next = mergeReplacement(type, live, input, namespace, subresource, this.now);
    const tracked = this.track(live, next, options, subresource);
    if (sameExcept(live, tracked)) return structuredClone(live) as KubeObject;
    if (options.dryRun) return tracked;
    const stored = this.commit(type, 'MODIFIED', tracked, live);
    // The write removed the last finalizer of an object being deleted: now it goes.
    if (finalizersDone(stored)) this.remove(type, stored, 'Background');
    return structuredClone(stored);
  }

  delete(gr: GroupResource, namespace: string | undefined, name: string, options: DeleteOptions = {}): KubeObject | undefined {
    const type = this.requireType(gr);
    const live = this.getFrozen(gr, namespace, name);
    if (!live) throw notFound(type, name);
    checkDeletePreconditions(type, live, options.preconditions);
    if (live.metadata.deletionTimestamp) return structuredClone(live) as KubeObject;
    const policy: PropagationPolicy = options.propagationPolicy ?? 'Background';
    const { finalizers, foreground } = this.gc.finalizersForDelete(live, policy);
    const isNamespace = type.group === '' && type.resource === 'namespaces';

    // Finalizers (or a namespace, which must empty first): mark it deleted and let them finish the job.
    if (finalizers.length > 0 || isNamespace) {
      const marked = structuredClone(live) as KubeObject;
      marked.metadata.deletionTimestamp = this.now();
      marked.metadata.deletionGracePeriodSeconds = 0;
      if (finalizers.length) marked.metadata.finalizers = finalizers;
      if (isNamespace) marked.status = { ...(marked.status as object), phase: 'Terminating' };
      if (options.dryRun) return marked;
      const stored = this.commit(type, 'MODIFIED', marked, live);
      const uid = live.metadata.uid!;
      if (policy === 'Orphan') this.gc.orphan(uid);
      if (foreground) this.gc.deleteDependents(uid, 'Foreground');
      if (isNamespace) this.namespaces.terminate(name);
      if (foreground) this.gc.maybeFinishForeground(uid);
      return structuredClone(this.getFrozen(gr, namespace, name) ?? stored) as KubeObject;
    }
    if (options.dryRun) return structuredClone(live) as KubeObject;
    return structuredClone(this.remove(type, live, policy)) as KubeObject;
  }

  // ---- watch ----

  watch(gr: GroupResource | undefined, listener: Listener, sinceResourceVersion?: number): () => void {
    return this.hub.watch(gr, listener, sinceResourceVersion);
  }

  // ---- persistence ----

  /** Every stored object, CRDs first so a restore can serve their kinds before their objects. */
  snapshot(): StoreSnapshot {
    const objects: StoreSnapshot['objects'] = [];
    const first = (type: ServedType) => {
      const key = grKey(type.group, type.resource);
      return key === CRD_KEY ? 0 : key === NAMESPACES_KEY ? 1 : 2;
    };
    const types = this.table.bucketTypes().sort((a, b) => first(a) - first(b));
    for (const type of types) {
      for (const object of this.listFrozen(type)) objects.push({ group: type.group, resource: type.resource, object });
    }
    return { resourceVersion: this.rv, objects };
  }

  /** Loads a snapshot into an empty store, keeping uids and resourceVersions. */
  restore(snapshot: StoreSnapshot): void {
    for (const { group, resource, object } of snapshot.objects) {
      const type = this.resourceType({ group, resource });
      if (!type) continue;
      const rv = Number(object.metadata.resourceVersion ?? 0);
      this.rv = Math.max(this.rv, rv - 1);
      this.commit(type, 'ADDED', structuredClone(object), undefined, rv || undefined);
    }
    this.rv = Math.max(this.rv, snapshot.resourceVersion);
  }

  // ---- messages ----

  /** `deployments.apps` — the resource as the API server names it in messages. */
  resourceLabel(type: ServedType): string {
    return resourceLabel(type);
  }

  conflict(type: ServedType, name: string): StoreError {
    return conflict(type, name);
  }

  // ---- internals ----

  private track(before: KubeObject | undefined, after: KubeObject, options: StoreWriteOptions, subresource: string | undefined): KubeObject {
    if (!options.fieldManager || options.fieldsTracked || !this.trackUpdate) return after;
    return this.trackUpdate(before, after, { manager: options.fieldManager, now: this.now(), operation: 'Update', ...(subresource ? { subresource } : {}) });
  }

  /** Stores (or removes, for DELETED) an object: the one place resourceVersion advances. */
  private commit(type: ServedType, eventType: WatchEventType, obj: KubeObject, previous: KubeObject | undefined, forcedRv?: number): KubeObject {
    this.rv = forcedRv ?? this.rv + 1;
    obj.metadata.resourceVersion = String(this.rv);
    const frozen = deepFreeze(obj);
    const locKey = this.table.locationKey(type, obj);
    if (previous) this.gc.unindexOwners(previous, locKey);
    if (eventType === 'DELETED') {
      this.table.take(type, obj);
    } else {
      this.table.put(type, frozen);
      this.gc.indexOwners(frozen, locKey);
    }
    const event: StoreEvent = { type: eventType, gr: { group: type.group, resource: type.resource }, object: frozen, resourceVersion: this.rv, ...(eventType === 'MODIFIED' && previous ? { previous } : {}) };
    this.hub.publish(event);
    // A stored (or changed) CRD serves its kind from now on.
    if (grKey(type.group, type.resource) === CRD_KEY && eventType !== 'DELETED') this.register(crdToServedType(frozen));
    return frozen;
  }

  /** Takes an object out of the store and lets the garbage collector follow its dependents. */
  private remove(type: ServedType, live: KubeObject, policy: PropagationPolicy): KubeObject {
    const gone = structuredClone(live) as KubeObject;
    const removed = this.commit(type, 'DELETED', gone, live);
    this.gc.afterRemoval(live, policy);
    this.namespaces.afterRemoval(type, live);
    const ns = live.metadata.namespace;
    if (type.group === '' && type.resource === 'pods' && ns) this.logs.dropPod(ns, live.metadata.name);
    if (type.group === 'apiextensions.k8s.io' && type.resource === 'customresourcedefinitions') this.unregisterCrd(live);
    return removed;
  }

  /** A deleted CRD takes its kind, and every object of it, out of the API. */
  private unregisterCrd(crd: KubeObject): void {
    const served = this.registry.forCrd(crd.metadata.name);
    if (!served) return;
    for (const object of [...this.listFrozen(served)]) this.remove(served, object, 'Background');
    this.registry.unregister(served);
    this.table.dropBucket(served);
  }
}

export { qualifiedKind };
