import type { KubeObject } from '../../cluster/view.ts';
import type { ServedType } from './builtin-types.ts';
import type { PropagationPolicy } from './garbage-collector.ts';
import type { ObjectTable } from './object-table.ts';
import { StoreError } from './types.ts';

const NAMESPACES = { group: '', resource: 'namespaces' };

/** The store operations namespace termination is made of. */
export interface NamespaceHost {
  /** While true (scenario loading), objects may be created before their namespace. */
  isBootstrapping(): boolean;
  namespaceType(): ServedType;
  delete(type: ServedType, namespace: string | undefined, name: string, options: { propagationPolicy: PropagationPolicy }): void;
  remove(type: ServedType, live: KubeObject, policy: PropagationPolicy): KubeObject;
}

/**
 * The namespace controller's part of the API: no new objects in a missing or terminating
 * namespace; deleting a namespace deletes everything in it, and the namespace itself goes once
 * it is empty and has no finalizers left.
 */
export class NamespaceLifecycle {
  constructor(
    private readonly table: ObjectTable,
    private readonly host: NamespaceHost,
  ) {}

  /** Throws NotFound for a missing namespace and Forbidden for one being terminated, as the API server does. */
  checkWritable(type: ServedType, namespace: string | undefined, name: string): void {
    if (!type.namespaced || namespace === undefined || this.host.isBootstrapping()) return;
    const ns = this.table.get(NAMESPACES, undefined, namespace);
    if (!ns) throw new StoreError('NotFound', `namespaces "${namespace}" not found`);
    if (ns.metadata.deletionTimestamp) {
      throw new StoreError('Forbidden', `${type.resource} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`);
    }
  }

  /** Deletes every object in a namespace just marked Terminating, then lets the namespace go if nothing holds it. */
  terminate(namespace: string): void {
    for (const type of this.table.bucketTypes()) {
      if (!type.namespaced) continue;
      for (const object of this.table.inNamespace(type, namespace)) {
        try {
          this.host.delete(type, namespace, object.metadata.name, { propagationPolicy: 'Background' });
        } catch (err) {
          if (!(err instanceof StoreError && err.reason === 'NotFound')) throw err;
        }
      }
    }
    this.maybeFinish(namespace);
  }

  /** After a namespaced object left the store: its terminating namespace may now be empty. */
  afterRemoval(type: ServedType, live: KubeObject): void {
    const ns = live.metadata.namespace;
    if (!type.namespaced || !ns) return;
    const nsObj = this.table.get(NAMESPACES, undefined, ns);
    if (nsObj?.metadata.deletionTimestamp) this.maybeFinish(ns);
  }

  private maybeFinish(namespace: string): void {
    const ns = this.table.get(NAMESPACES, undefined, namespace);
    if (!ns?.metadata.deletionTimestamp || this.table.countInNamespace(namespace) > 0) return;
    if (((ns.metadata.finalizers as string[] | undefined) ?? []).length > 0) return;
    this.host.remove(this.host.namespaceType(), ns, 'Background');
  }
}
