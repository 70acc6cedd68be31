import type { KubeObject } from '../../cluster/view.ts';

/**
 * The contract between the sandbox API server (which implements the store and serves it over
 * HTTP) and the simulated controllers (which read and write objects through it, in process).
 * The server may add to this interface; it must not break it.
 */

/** A served resource, as discovery describes it. */
export interface ResourceType {
  group: string; // '' for core
  version: string; // served (storage) version
  resource: string; // plural, e.g. 'deployments'
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  subresources?: { status?: boolean; scale?: boolean };
}

/** Identifies a kind in the store independent of version: { group: 'apps', resource: 'deployments' }. */
export interface GroupResource {
  group: string;
  resource: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  gr: GroupResource;
  object: KubeObject;
  /** The store-wide resourceVersion after this event. */
  resourceVersion: number;
  /** For MODIFIED: the object before the change (lets a filtered watch see objects enter or leave its selection). */
  previous?: KubeObject;
}

export interface WriteOptions {
  /** Validate and compute the result but store nothing (dryRun=All). */
  dryRun?: boolean;
  /** Field manager recorded in managedFields (controllers use 'sandbox-<name>-controller'). */
  fieldManager?: string;
}

export interface SandboxStore {
  /** The resource types currently served (built-ins plus established CRDs). */
  resourceTypes(): ResourceType[];
  resourceType(gr: GroupResource): ResourceType | undefined;
  resourceTypeForKind(apiVersion: string, kind: string): ResourceType | undefined;

  get(gr: GroupResource, namespace: string | undefined, name: string): KubeObject | undefined;
  list(gr: GroupResource, namespace?: string): KubeObject[];

  /** Assigns uid, creationTimestamp, resourceVersion, generation=1. Throws StoreError('AlreadyExists'). */
  create(gr: GroupResource, object: KubeObject, options?: WriteOptions): KubeObject;
  /**
   * Replaces an object. If object.metadata.resourceVersion is set and stale, throws StoreError('Conflict').
   * generation increments when anything outside metadata and status changes.
   */
  update(gr: GroupResource, object: KubeObject, options?: WriteOptions): KubeObject;
  /** Replaces only .status (the status subresource). */
  updateStatus(gr: GroupResource, object: KubeObject, options?: WriteOptions): KubeObject;
  /**
   * Deletes, honouring finalizers (sets deletionTimestamp instead) and propagation
   * ('Background' | 'Foreground' | 'Orphan') for ownerReference garbage collection.
   */
  delete(gr: GroupResource, namespace: string | undefined, name: string, options?: WriteOptions & { propagationPolicy?: 'Background' | 'Foreground' | 'Orphan' }): KubeObject | undefined;

  /** Store-wide, monotonically increasing resourceVersion. */
  currentResourceVersion(): number;
  /**
   * Calls `listener` for every change (all kinds when gr is undefined) after `sinceResourceVersion`
   * (replaying what is still in the event log) and from now on. Returns the unsubscribe function.
   * Throws StoreError('Gone') when sinceResourceVersion is older than the log keeps.
   */
  watch(gr: GroupResource | undefined, listener: (event: StoreEvent) => void, sinceResourceVersion?: number): () => void;
}

export type StoreErrorReason = 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid' | 'Gone' | 'BadRequest' | 'Forbidden' | 'MethodNotAllowed';

export class StoreError extends Error {
  constructor(
    readonly reason: StoreErrorReason,
    message: string,
    readonly details?: { causes?: Array<{ field: string; message: string; reason?: string }> },
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export const core = (resource: string): GroupResource => ({ group: '', resource });
export const apps = (resource: string): GroupResource => ({ group: 'apps', resource });
