/**
 * The write side every controller uses: reads straight from the store, writes only what
 * changed (so reconciles are idempotent and watch loops die out), records the controller's
 * field manager, and emits core/v1 Events the way the real components do.
 */
import type { KubeObject } from '../../cluster/view.ts';
import { StoreError, type GroupResource, type SandboxStore } from '../store/types.ts';
import type { ControllerContext } from './context.ts';
import { deepEqual, fnv32a, isoTime, type Json } from './util.ts';

export const GR = {
  namespaces: { group: '', resource: 'namespaces' },
  nodes: { group: '', resource: 'nodes' },
  pods: { group: '', resource: 'pods' },
  services: { group: '', resource: 'services' },
  endpoints: { group: '', resource: 'endpoints' },
  configmaps: { group: '', resource: 'configmaps' },
  secrets: { group: '', resource: 'secrets' },
  events: { group: '', resource: 'events' },
  pvcs: { group: '', resource: 'persistentvolumeclaims' },
  pvs: { group: '', resource: 'persistentvolumes' },
  deployments: { group: 'apps', resource: 'deployments' },
  replicasets: { group: 'apps', resource: 'replicasets' },
  statefulsets: { group: 'apps', resource: 'statefulsets' },
  daemonsets: { group: 'apps', resource: 'daemonsets' },
  jobs: { group: 'batch', resource: 'jobs' },
  cronjobs: { group: 'batch', resource: 'cronjobs' },
  endpointslices: { group: 'discovery.k8s.io', resource: 'endpointslices' },
  storageclasses: { group: 'storage.k8s.io', resource: 'storageclasses' },
  crds: { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' },
  certificates: { group: 'cert-manager.io', resource: 'certificates' },
  certificaterequests: { group: 'cert-manager.io', resource: 'certificaterequests' },
  issuers: { group: 'cert-manager.io', resource: 'issuers' },
  clusterissuers: { group: 'cert-manager.io', resource: 'clusterissuers' },
  environments: { group: 'tronador.stakater.com', resource: 'environments' },
  environmentprovisioners: { group: 'tronador.stakater.com', resource: 'environmentprovisioners' },
  helmreleases: { group: 'helm.toolkit.fluxcd.io', resource: 'helmreleases' },
  gitrepositories: { group: 'source.toolkit.fluxcd.io', resource: 'gitrepositories' },
} satisfies Record<string, GroupResource>;

export interface EventSource {
  component: string;
  host?: string;
}

export class ControllerApi {
  readonly fieldManager: string;

  constructor(
    readonly store: SandboxStore,
    readonly ctx: ControllerContext,
    readonly name: string,
    private readonly source: EventSource,
  ) {
    this.fieldManager = `sandbox-${name}-controller`;
  }

  now(): Date {
    return this.ctx.now();
  }
  nowIso(): string {
    return isoTime(this.ctx.now());
  }

  served(gr: GroupResource): boolean {
    return this.store.resourceType(gr) !== undefined;
  }
  get(gr: GroupResource, namespace: string | undefined, name: string): KubeObject | undefined {
    if (!this.served(gr)) return undefined;
    return this.store.get(gr, namespace, name);
  }
  list(gr: GroupResource, namespace?: string): KubeObject[] {
    if (!this.served(gr)) return [];
    return this.store.list(gr, namespace);
  }

  create(gr: GroupResource, object: KubeObject): KubeObject {
    return this.store.create(gr, object, { fieldManager: this.fieldManager });
  }

  /** Creates the object, or updates it when its labels, annotations or content (not status) differ. */
  ensure(gr: GroupResource, desired: KubeObject): KubeObject {
    const current = this.store.get(gr, desired.metadata.namespace, desired.metadata.name);
    if (!current) return this.create(gr, desired);
    const next: KubeObject = {
      ...current,
      ...withoutMetaAndStatus(desired),
      metadata: {
        ...current.metadata,
        labels: desired.metadata.labels ?? current.metadata.labels,
        annotations: desired.metadata.annotations ?? current.metadata.annotations,
        ownerReferences: desired.metadata.ownerReferences ?? current.metadata.ownerReferences,
      },
    };
    if (deepEqual(next, current)) return current;
    return this.store.update(gr, next, { fieldManager: this.fieldManager });
  }

  /** Replaces the object's content (not status) when `mutate` changed it. */
  patch(gr: GroupResource, current: KubeObject, mutate: (draft: KubeObject) => void): KubeObject {
    const draft = structuredClone(current);
    mutate(draft);
    if (deepEqual(draft, current)) return current;
    return this.store.update(gr, draft, { fieldManager: this.fieldManager });
  }

  /** Writes .status when it differs; uses the status subresource when the type has one. */
  setStatus(gr: GroupResource, current: KubeObject, status: Json): KubeObject {
    if (deepEqual(current.status ?? {}, status)) return current;
    const next = { ...current, status };
    if (this.store.resourceType(gr)?.subresources?.status) return this.store.updateStatus(gr, next, { fieldManager: this.fieldManager });
    return this.store.update(gr, next, { fieldManager: this.fieldManager });
  }

  delete(gr: GroupResource, namespace: string | undefined, name: string): void {
    try {
      this.store.delete(gr, namespace, name, { fieldManager: this.fieldManager, propagationPolicy: 'Background' });
    } catch (err) {
      if (!(err instanceof StoreError && err.reason === 'NotFound')) throw err;
    }
  }

  /**
   * Records a core/v1 Event. Repeats of the same (object, reason, message) bump count and
   * lastTimestamp on one Event, as the kubelet's event correlator does.
   */
  event(involved: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource = this.source): void {
    if (!this.served(GR.events)) return;
    const namespace = involved.metadata.namespace ?? 'default';
    const name = `${involved.metadata.name}.${fnv32a(`${involved.metadata.uid}|${reason}|${message}`).toString(16).padStart(8, '0')}${fnv32a(`${reason}|${involved.metadata.name}`).toString(16).padStart(8, '0')}`;
    const now = this.nowIso();
    const existing = this.store.get(GR.events, namespace, name);
    if (existing) {
      existing.count = Number(existing.count ?? 1) + 1;
      existing.lastTimestamp = now;
      this.store.update(GR.events, existing, { fieldManager: this.fieldManager });
      return;
    }
    this.store.create(
      GR.events,
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject: {
          apiVersion: involved.apiVersion,
          kind: involved.kind,
          name: involved.metadata.name,
          ...(involved.metadata.namespace ? { namespace: involved.metadata.namespace } : {}),
          uid: involved.metadata.uid,
          resourceVersion: involved.metadata.resourceVersion,
        },
        reason,
        message,
        type,
        source,
        reportingComponent: source.component,
        reportingInstance: source.host ?? '',
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
      },
      { fieldManager: this.fieldManager },
    );
  }
}

function withoutMetaAndStatus(o: KubeObject): Json {
  const { metadata: _m, status: _s, ...rest } = o;
  return rest;
}
