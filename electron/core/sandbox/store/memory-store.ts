import { randomBytes, randomUUID } from 'node:crypto';
import type { KubeObject } from '../../cluster/view.ts';
import { BUILTIN_TYPES, VIRTUAL_RESOURCES, grKey, type ServedType } from './builtin-types.ts';
import { crdToServedType, establishedStatus, validateCrd } from './crd-types.ts';
import { applyCreateDefaults } from './defaults.ts';
import { EventLog } from './event-log.ts';
import { PodLogs } from './pod-logs.ts';
import { deepFreeze, getPath, jsonEqual, sameExcept, setPath, specChanged } from './object-utils.ts';
import { invalid, qualifiedKind, validateFieldTypes, validateIdentity, validateName, type Cause } from './validate.ts';
import {
  StoreError,
  type GroupResource,
  type SandboxStore,
  type StoreEvent,
  type WatchEventType,
  type WriteOptions,
} from './types.ts';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

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

type Listener = (event: StoreEvent) => void;

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

const ALL = '*';

/** Kinds whose API strategy keeps metadata.generation (workloads, ingress, CRDs and custom resources); the rest have none. */
const GENERATION_GROUPS = new Set(['apps', 'batch', 'networking.k8s.io', 'apiextensions.k8s.io', 'policy', 'autoscaling']);
function tracksGeneration(type: ServedType): boolean {
  return type.crdName !== undefined || GENERATION_GROUPS.has(type.group);
}
const FOREGROUND = 'foregroundDeletion';

/**
 * The sandbox's object store: every object in memory, one store-wide resourceVersion, an event
 * log for watches, ownerReference garbage collection, finalizers and namespace termination.
 * Stored objects are deep-frozen; `get`/`list` hand out copies, watch events the frozen object.
 */
export class MemoryStore implements SandboxStore {
  /** While true, namespaced objects may be created before their namespace (scenario loading). */
  bootstrapping = false;
  readonly logs = new PodLogs();

  private readonly types = new Map<string, ServedType>();
  private readonly byKind = new Map<string, ServedType>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly eventLog: EventLog;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly uids = new Map<string, Location>();
  /** owner uid → locations of objects naming it in ownerReferences. */
  private readonly dependents = new Map<string, Set<string>>();
  private rv = 0;
  private readonly now: () => string;
  private readonly trackUpdate: UpdateTracker | undefined;

  constructor(options: MemoryStoreOptions = {}) {
    this.eventLog = new EventLog(options.eventLogSize ?? 10_000);
    this.now = options.now ?? (() => new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
    this.trackUpdate = options.trackUpdate;
    for (const type of BUILTIN_TYPES) this.register(type);
  }

  // ---- types ----

  resourceTypes(): ServedType[] {
    return [...this.types.values()];
  }

  resourceType(gr: GroupResource): ServedType | undefined {
    return this.types.get(grKey(gr.group, gr.resource));
  }

  resourceTypeForKind(apiVersion: string, kind: string): ServedType | undefined {
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    const type = this.byKind.get(`${group}/${kind}`);
    return type && type.versions.includes(version) ? type : undefined;
  }

  private register(type: ServedType): void {
    const key = grKey(type.group, type.resource);
    this.types.set(key, type);
    this.byKind.set(`${type.group}/${type.kind}`, type);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.type = type;
    else this.buckets.set(key, { type, byNs: new Map(), sorted: null });
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
    const bucket = this.buckets.get(grKey(gr.group, gr.resource));
    if (!bucket) return undefined;
    return bucket.byNs.get(bucket.type.namespaced ? (namespace ?? '') : '')?.get(name);
  }

  get(gr: GroupResource, namespace: string | undefined, name: string): KubeObject | undefined {
    const obj = this.getFrozen(gr, namespace, name);
    return obj && structuredClone(obj);
  }

  /** Stored (frozen) objects in (namespace, name) order: callers must not modify them. */
  listFrozen(gr: GroupResource, namespace?: string): readonly KubeObject[] {
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

  list(gr: GroupResource, namespace?: string): KubeObject[] {
    return this.listFrozen(gr, namespace).map((o) => structuredClone(o));
  }

  currentResourceVersion(): number {
    return this.rv;
  }

  /** The oldest resourceVersion a watch can still resume from. */
  oldestResumableVersion(): number {
    return this.eventLog.oldestResumable();
  }

  /** Count of objects of every kind in a namespace (for namespace termination). */
  private countInNamespace(namespace: string): number {
    let n = 0;
    for (const bucket of this.buckets.values()) if (bucket.type.namespaced) n += bucket.byNs.get(namespace)?.size ?? 0;
    return n;
  }

  // ---- writes ----

  create(gr: GroupResource, input: KubeObject, options: StoreWriteOptions = {}): KubeObject {
    const type = this.requireType(gr);
    validateIdentity(type, input);
    const obj = structuredClone(input);
    const meta = obj.metadata;
    if (!meta.name && typeof meta.generateName === 'string' && meta.generateName) {
      meta.name = `${meta.generateName}${randomBytes(4).toString('hex').slice(0, 5)}`;
    }
    const causes: Cause[] = validateName(type, meta.name);
    const namespace = this.namespaceOf(type, obj, causes);
    if (causes.length) throw invalid(type, String(meta.name ?? ''), causes);
    validateFieldTypes(type, obj);
    this.checkNamespaceWritable(type, namespace, meta.name);
    if (type.group === 'apiextensions.k8s.io' && type.resource === 'customresourcedefinitions') {
      const crdCauses = validateCrd(obj);
      if (crdCauses.length) throw invalid(type, meta.name, crdCauses);
    }
    if (this.getFrozen(gr, namespace, meta.name)) {
      throw new StoreError('AlreadyExists', `${this.resourceLabel(type)} "${meta.name}" already exists`);
    }
    obj.apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
    obj.kind = type.kind;
    for (const key of ['resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink'] as const) delete meta[key];
    meta.uid = randomUUID();
    meta.creationTimestamp = this.now();
    if (tracksGeneration(type)) meta.generation = 1;
    else delete meta.generation;
    applyCreateDefaults(grKey(type.group, type.resource), obj);
    if (type.crdName === undefined && type.resource === 'customresourcedefinitions') obj.status = establishedStatus(obj, this.now());
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
    const namespace = this.namespaceOf(type, input, causes);
    if (causes.length) throw invalid(type, String(input.metadata.name ?? ''), causes);
    validateFieldTypes(type, input);
    const live = this.getFrozen(gr, namespace, input.metadata.name);
    if (!live) throw new StoreError('NotFound', `${this.resourceLabel(type)} "${input.metadata.name}" not found`);
    const wanted = input.metadata.resourceVersion;
    if (wanted !== undefined && wanted !== '' && wanted !== live.metadata.resourceVersion) throw this.conflict(type, live.metadata.name);

    let next: KubeObject;
    if (subresource === 'status') {
      next = structuredClone(live) as KubeObject;
      if (input.status === undefined) delete next.status;
      else next.status = structuredClone(input.status);
    } else if (subresource === 'scale') {
      // The input is the whole object with the new replica count at the scale path.
      next = structuredClone(live) as KubeObject;
      const replicasPath = type.scalePaths?.specReplicasPath ?? '.spec.replicas';
      setPath(next, replicasPath, getPath(input, replicasPath));
    } else {
      next = structuredClone(input);
      const meta = next.metadata;
      for (const key of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const) {
        if (live.metadata[key] === undefined) delete meta[key];
        else (meta as Record<string, unknown>)[key] = live.metadata[key];
      }
      if (type.namespaced) meta.namespace = namespace;
      // With a status subresource, writes to the main resource leave status alone.
      if (type.subresources?.status) {
        if (live.status === undefined) delete next.status;
        else next.status = structuredClone(live.status);
      }
      if (type.resource === 'customresourcedefinitions' && type.group === 'apiextensions.k8s.io') {
        const crdCauses = validateCrd(next);
        if (crdCauses.length) throw invalid(type, meta.name, crdCauses);
        // Names unchanged: the conditions (and their transition times) stay as they were.
        const sameNames = jsonEqual((live.spec as { names?: unknown } | undefined)?.names, (next.spec as { names?: unknown } | undefined)?.names);
        next.status = sameNames && live.status ? structuredClone(live.status) : establishedStatus(next, this.now());
      }
    }
    next.apiVersion = live.apiVersion;
    next.kind = live.kind;
    next.metadata.resourceVersion = live.metadata.resourceVersion;
    if (tracksGeneration(type) && specChanged(live, next)) next.metadata.generation = (live.metadata.generation ?? 1) + 1;
    const tracked = this.track(live, next, options, subresource);
    if (sameExcept(live, tracked)) return structuredClone(live) as KubeObject;
    if (options.dryRun) return tracked;
    const stored = this.commit(type, 'MODIFIED', tracked, live);
    if (stored.metadata.deletionTimestamp && !(stored.metadata.finalizers as string[] | undefined)?.length) {
      this.remove(type, stored, 'Background');
    }
    return structuredClone(stored);
  }

  delete(gr: GroupResource, namespace: string | undefined, name: string, options: DeleteOptions = {}): KubeObject | undefined {
    const type = this.requireType(gr);
    const live = this.getFrozen(gr, namespace, name);
    if (!live) throw new StoreError('NotFound', `${this.resourceLabel(type)} "${name}" not found`);
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== live.metadata.uid) {
      throw new StoreError('Conflict', `Operation cannot be fulfilled on ${this.resourceLabel(type)} "${name}": Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${live.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== live.metadata.resourceVersion) {
      throw new StoreError('Conflict', `Operation cannot be fulfilled on ${this.resourceLabel(type)} "${name}": Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${live.metadata.resourceVersion}`);
    }
    if (live.metadata.deletionTimestamp) return structuredClone(live) as KubeObject;
    const policy: PropagationPolicy = options.propagationPolicy ?? 'Background';
    const finalizers = [...((live.metadata.finalizers as string[] | undefined) ?? [])];
    const dependents = this.dependentsOf(live.metadata.uid!);
    const isNamespace = type.group === '' && type.resource === 'namespaces';
    const foreground = policy === 'Foreground' && dependents.length > 0;
    if (foreground && !finalizers.includes(FOREGROUND)) finalizers.push(FOREGROUND);

    if (finalizers.length > 0 || isNamespace) {
      const marked = structuredClone(live) as KubeObject;
      marked.metadata.deletionTimestamp = this.now();
      marked.metadata.deletionGracePeriodSeconds = 0;
      if (finalizers.length) marked.metadata.finalizers = finalizers;
      if (isNamespace) marked.status = { ...(marked.status as object), phase: 'Terminating' };
      if (options.dryRun) return marked;
      const stored = this.commit(type, 'MODIFIED', marked, live);
      if (policy === 'Orphan') this.orphan(live.metadata.uid!);
      if (foreground) this.deleteDependents(live.metadata.uid!, 'Foreground');
      if (isNamespace) this.terminateNamespace(name);
      if (foreground) this.maybeFinishForeground(live.metadata.uid!);
      return structuredClone(this.getFrozen(gr, namespace, name) ?? stored) as KubeObject;
    }
    if (options.dryRun) return structuredClone(live) as KubeObject;
    return structuredClone(this.remove(type, live, policy)) as KubeObject;
  }

  // ---- watch ----

  watch(gr: GroupResource | undefined, listener: Listener, sinceResourceVersion?: number): () => void {
    const key = gr ? grKey(gr.group, gr.resource) : ALL;
    const replay = sinceResourceVersion === undefined ? [] : this.eventLog.since(sinceResourceVersion);
    for (const event of replay) if (key === ALL || grKey(event.gr.group, event.gr.resource) === key) listener(event);
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  // ---- persistence ----

  /** Every stored object, CRDs first so a restore can serve their kinds before their objects. */
  snapshot(): StoreSnapshot {
    const objects: StoreSnapshot['objects'] = [];
    const crdKey = grKey('apiextensions.k8s.io', 'customresourcedefinitions');
    const keys = [...this.buckets.keys()].sort((a, b) => (a === crdKey ? -1 : b === crdKey ? 1 : a === 'namespaces' ? -1 : b === 'namespaces' ? 1 : 0));
    for (const key of keys) {
      const bucket = this.buckets.get(key)!;
      for (const object of this.listFrozen(bucket.type)) objects.push({ group: bucket.type.group, resource: bucket.type.resource, object });
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

  // ---- internals ----

  private namespaceOf(type: ServedType, obj: KubeObject, causes: Cause[]): string | undefined {
    if (!type.namespaced) {
      delete obj.metadata.namespace;
      return undefined;
    }
    const ns = obj.metadata.namespace;
    if (typeof ns !== 'string' || ns === '') {
      causes.push({ field: 'metadata.namespace', reason: 'FieldValueRequired', message: 'Required value' });
      return undefined;
    }
    return ns;
  }

  private checkNamespaceWritable(type: ServedType, namespace: string | undefined, name: string): void {
    if (!type.namespaced || namespace === undefined || this.bootstrapping) return;
    const ns = this.getFrozen({ group: '', resource: 'namespaces' }, undefined, namespace);
    if (!ns) throw new StoreError('NotFound', `namespaces "${namespace}" not found`);
    if (ns.metadata.deletionTimestamp) {
      throw new StoreError('Forbidden', `${type.resource} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`);
    }
  }

  /** `deployments.apps` — the resource as the API server names it in messages. */
  resourceLabel(type: ServedType): string {
    return type.group ? `${type.resource}.${type.group}` : type.resource;
  }

  conflict(type: ServedType, name: string): StoreError {
    return new StoreError(
      'Conflict',
      `Operation cannot be fulfilled on ${this.resourceLabel(type)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    );
  }

  private track(before: KubeObject | undefined, after: KubeObject, options: StoreWriteOptions, subresource: string | undefined): KubeObject {
    if (!options.fieldManager || options.fieldsTracked || !this.trackUpdate) return after;
    return this.trackUpdate(before, after, { manager: options.fieldManager, now: this.now(), operation: 'Update', ...(subresource ? { subresource } : {}) });
  }

  /** Stores (or removes, for DELETED) an object: the one place resourceVersion advances. */
  private commit(type: ServedType, eventType: WatchEventType, obj: KubeObject, previous: KubeObject | undefined, forcedRv?: number): KubeObject {
    this.rv = forcedRv ?? this.rv + 1;
    obj.metadata.resourceVersion = String(this.rv);
    const frozen = deepFreeze(obj);
    const key = grKey(type.group, type.resource);
    const bucket = this.buckets.get(key)!;
    const ns = type.namespaced ? (obj.metadata.namespace ?? '') : '';
    const locKey = `${key}\u0000${ns}\u0000${obj.metadata.name}`;
    if (previous) this.unindexOwners(previous, locKey);
    if (eventType === 'DELETED') {
      const inNs = bucket.byNs.get(ns);
      inNs?.delete(obj.metadata.name);
      if (inNs && inNs.size === 0) bucket.byNs.delete(ns);
      this.uids.delete(obj.metadata.uid!);
    } else {
      let inNs = bucket.byNs.get(ns);
      if (!inNs) bucket.byNs.set(ns, (inNs = new Map()));
      inNs.set(obj.metadata.name, frozen);
      this.uids.set(obj.metadata.uid!, { key, namespace: ns, name: obj.metadata.name });
      this.indexOwners(frozen, locKey);
    }
    bucket.sorted = null;
    const event: StoreEvent = { type: eventType, gr: { group: type.group, resource: type.resource }, object: frozen, resourceVersion: this.rv, ...(eventType === 'MODIFIED' && previous ? { previous } : {}) };
    this.eventLog.push(event);
    this.emit(key, event);
    if (key === 'customresourcedefinitions.apiextensions.k8s.io' && eventType !== 'DELETED') this.register(crdToServedType(frozen));
    return frozen;
  }

  private emit(key: string, event: StoreEvent): void {
    for (const set of [this.listeners.get(key), this.listeners.get(ALL)]) {
      if (!set) continue;
      for (const listener of [...set]) {
        try {
          listener(event);
        } catch (err) {
          // A broken watcher must not break the write that notified it.
          console.error('sandbox store: watch listener failed:', err);
        }
      }
    }
  }

  private indexOwners(obj: KubeObject, locKey: string): void {
    for (const ref of obj.metadata.ownerReferences ?? []) {
      let set = this.dependents.get(ref.uid);
      if (!set) this.dependents.set(ref.uid, (set = new Set()));
      set.add(locKey);
    }
  }

  private unindexOwners(obj: KubeObject, locKey: string): void {
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const set = this.dependents.get(ref.uid);
      set?.delete(locKey);
      if (set && set.size === 0) this.dependents.delete(ref.uid);
    }
  }

  private locate(locKey: string): { type: ServedType; object: KubeObject } | undefined {
    const [key, ns, name] = locKey.split('\u0000') as [string, string, string];
    const bucket = this.buckets.get(key);
    const object = bucket?.byNs.get(ns)?.get(name);
    return bucket && object ? { type: bucket.type, object } : undefined;
  }

  private dependentsOf(uid: string): Array<{ type: ServedType; object: KubeObject }> {
    const set = this.dependents.get(uid);
    if (!set) return [];
    return [...set].map((k) => this.locate(k)).filter((x): x is { type: ServedType; object: KubeObject } => x !== undefined);
  }

  /** Takes an object out of the store and lets the garbage collector follow its dependents. */
  private remove(type: ServedType, live: KubeObject, policy: PropagationPolicy): KubeObject {
    const gone = structuredClone(live) as KubeObject;
    const removed = this.commit(type, 'DELETED', gone, live);
    const uid = live.metadata.uid!;
    if (policy === 'Orphan') this.orphan(uid);
    else this.deleteDependents(uid, policy);
    for (const ref of live.metadata.ownerReferences ?? []) this.maybeFinishForeground(ref.uid);
    const ns = live.metadata.namespace;
    if (type.namespaced && ns) {
      const nsObj = this.getFrozen({ group: '', resource: 'namespaces' }, undefined, ns);
      if (nsObj?.metadata.deletionTimestamp) this.maybeFinishNamespace(ns);
    }
    if (type.group === '' && type.resource === 'pods' && ns) this.logs.dropPod(ns, live.metadata.name);
    if (type.group === 'apiextensions.k8s.io' && type.resource === 'customresourcedefinitions') this.unregisterCrd(live);
    return removed;
  }

  private deleteDependents(uid: string, policy: PropagationPolicy): void {
    for (const { type, object } of this.dependentsOf(uid)) {
      // Only objects owned by this uid alone go; others keep their remaining owners.
      const others = (object.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid && this.uids.has(r.uid));
      if (others.length > 0) continue;
      try {
        this.delete(type, object.metadata.namespace, object.metadata.name, { propagationPolicy: policy });
      } catch (err) {
        if (!(err instanceof StoreError && err.reason === 'NotFound')) throw err;
      }
    }
  }

  private orphan(uid: string): void {
    for (const { type, object } of this.dependentsOf(uid)) {
      const next = structuredClone(object) as KubeObject;
      next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
      this.commit(type, 'MODIFIED', next, object);
    }
  }

  /** An owner deleted in the foreground goes once its last dependent has gone. */
  private maybeFinishForeground(ownerUid: string): void {
    const loc = this.uids.get(ownerUid);
    if (!loc) return;
    const found = this.locate(`${loc.key}\u0000${loc.namespace}\u0000${loc.name}`);
    if (!found) return;
    const { type, object } = found;
    const finalizers = (object.metadata.finalizers as string[] | undefined) ?? [];
    if (!object.metadata.deletionTimestamp || !finalizers.includes(FOREGROUND)) return;
    if (this.dependentsOf(ownerUid).length > 0) return;
    const next = structuredClone(object) as KubeObject;
    const rest = finalizers.filter((f) => f !== FOREGROUND);
    if (rest.length) next.metadata.finalizers = rest;
    else delete next.metadata.finalizers;
    const stored = this.commit(type, 'MODIFIED', next, object);
    if (rest.length === 0) this.remove(type, stored, 'Background');
  }

  private terminateNamespace(namespace: string): void {
    for (const bucket of [...this.buckets.values()]) {
      if (!bucket.type.namespaced) continue;
      for (const object of [...(bucket.byNs.get(namespace)?.values() ?? [])]) {
        try {
          this.delete(bucket.type, namespace, object.metadata.name, { propagationPolicy: 'Background' });
        } catch (err) {
          if (!(err instanceof StoreError && err.reason === 'NotFound')) throw err;
        }
      }
    }
    this.maybeFinishNamespace(namespace);
  }

  private maybeFinishNamespace(namespace: string): void {
    const nsType = this.types.get('namespaces')!;
    const ns = this.getFrozen(nsType, undefined, namespace);
    if (!ns?.metadata.deletionTimestamp || this.countInNamespace(namespace) > 0) return;
    if (((ns.metadata.finalizers as string[] | undefined) ?? []).length > 0) return;
    this.remove(nsType, ns, 'Background');
  }

  private unregisterCrd(crd: KubeObject): void {
    const served = [...this.types.values()].find((t) => t.crdName === crd.metadata.name);
    if (!served) return;
    const key = grKey(served.group, served.resource);
    for (const object of [...this.listFrozen(served)]) this.remove(served, object, 'Background');
    this.types.delete(key);
    this.byKind.delete(`${served.group}/${served.kind}`);
    this.buckets.delete(key);
  }
}

export { qualifiedKind };
