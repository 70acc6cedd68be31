import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../electron/core/cluster/view.ts';
import { createStore, loadState, persistState, seedCluster, StoreError, type MemoryStore, type StoreEvent } from '../../electron/core/sandbox/store/index.ts';
import { deploymentManifest, podManifest } from '../support/sandbox-harness.ts';

const PODS = { group: '', resource: 'pods' };
const NS = { group: '', resource: 'namespaces' };
const CM = { group: '', resource: 'configmaps' };
const DEPLOY = { group: 'apps', resource: 'deployments' };
const RS = { group: 'apps', resource: 'replicasets' };
const CRDS = { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' };

function fresh(): MemoryStore {
  const store = createStore();
  seedCluster(store);
  return store;
}

function storeError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof StoreError, `expected a StoreError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to throw');
}

const owned = (obj: KubeObject) => [{ apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name, uid: obj.metadata.uid!, controller: true }];

function chain(store: MemoryStore) {
  const d = store.create(DEPLOY, deploymentManifest('web', 'default'));
  const rs = store.create(RS, { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default', ownerReferences: owned(d) }, spec: { replicas: 1 } });
  const pod = store.create(PODS, { ...podManifest('web-1-a', 'default'), metadata: { name: 'web-1-a', namespace: 'default', ownerReferences: owned(rs) } });
  return { d, rs, pod };
}

describe('sandbox store: objects', () => {
  test('create assigns identity; resourceVersion is store-wide and increasing', () => {
    const store = fresh();
    const before = store.currentResourceVersion();
    const a = store.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' }, data: { k: 'v' } });
    const b = store.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'default' } });
    assert.match(a.metadata.uid!, /^[0-9a-f-]{36}$/);
    assert.equal(a.metadata.generation, undefined, 'config maps keep no generation, as in Kubernetes');
    assert.ok(a.metadata.creationTimestamp);
    assert.equal(Number(a.metadata.resourceVersion), before + 1);
    assert.equal(Number(b.metadata.resourceVersion), before + 2);
    assert.deepEqual(store.list(CM, 'default').map((o) => o.metadata.name), ['a', 'b']);
    assert.equal(storeError(() => store.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' } })).reason, 'AlreadyExists');
  });

  test('returned objects are copies: changing them changes nothing stored', () => {
    const store = fresh();
    store.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' }, data: { k: 'v' } });
    const got = store.get(CM, 'default', 'a')!;
    (got.data as Record<string, string>).k = 'changed';
    assert.equal((store.get(CM, 'default', 'a')!.data as Record<string, string>).k, 'v');
  });

  test('validation: name required and DNS-1123, namespace required and existing, kind must match', () => {
    const store = fresh();
    const noName = storeError(() => store.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'default' } } as unknown as KubeObject));
    assert.equal(noName.reason, 'Invalid');
    assert.equal(noName.details?.causes?.[0]?.field, 'metadata.name');
    assert.match(noName.message, /name or generateName is required/);
    const badName = storeError(() => store.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name', namespace: 'default' } }));
    assert.equal(badName.reason, 'Invalid');
    assert.match(badName.message, /^ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
    const noNs = storeError(() => store.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }));
    assert.equal(noNs.details?.causes?.[0]?.field, 'metadata.namespace');
    const missingNs = storeError(() => store.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'nope' } }));
    assert.equal(missingNs.reason, 'NotFound');
    assert.equal(missingNs.message, 'namespaces "nope" not found');
    const wrongKind = storeError(() => store.create(CM, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x', namespace: 'default' } }));
    assert.equal(wrongKind.reason, 'BadRequest');
    const wrongType = storeError(() => store.create(DEPLOY, { ...deploymentManifest('d', 'default'), spec: { replicas: 'two' } } as KubeObject));
    assert.equal(wrongType.reason, 'BadRequest');
    assert.match(wrongType.message, /cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32/);
    assert.equal(store.list(CM).length, 0);
    assert.equal(store.list(DEPLOY).length, 0);
  });

  test('while bootstrapping, objects may precede their namespace', () => {
    const store = fresh();
    store.bootstrapping = true;
    store.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'early', namespace: 'later' } });
    store.bootstrapping = false;
    assert.ok(store.get(CM, 'later', 'early'));
  });

  test('update: stale resourceVersion conflicts; generation follows spec only; status subresource keeps spec', () => {
    const store = fresh();
    const d = store.create(DEPLOY, deploymentManifest('web', 'default'));
    const labelled = store.update(DEPLOY, { ...d, metadata: { ...d.metadata, labels: { app: 'web', tier: 'front' } } });
    assert.equal(labelled.metadata.generation, 1, 'metadata changes do not bump generation');
    const conflict = storeError(() => store.update(DEPLOY, { ...d, spec: { ...(d.spec as object), replicas: 5 } }));
    assert.equal(conflict.reason, 'Conflict');
    assert.equal(conflict.message, 'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again');
    const scaled = store.update(DEPLOY, { ...labelled, spec: { ...(labelled.spec as object), replicas: 5 } });
    assert.equal(scaled.metadata.generation, 2);
    const withStatus = store.updateStatus(DEPLOY, { ...scaled, spec: { replicas: 99 }, status: { readyReplicas: 5 } });
    assert.equal(withStatus.metadata.generation, 2);
    assert.equal((withStatus.spec as { replicas: number }).replicas, 5, 'status writes ignore spec');
    const ignored = store.update(DEPLOY, { ...withStatus, status: { readyReplicas: 0 } });
    assert.deepEqual(ignored.status, { readyReplicas: 5 }, 'main-resource writes ignore status');
    const same = store.update(DEPLOY, withStatus);
    assert.equal(same.metadata.resourceVersion, withStatus.metadata.resourceVersion, 'a no-op update does not bump resourceVersion');
  });

  test('dry run validates and returns without storing', () => {
    const store = fresh();
    const rv = store.currentResourceVersion();
    const result = store.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry', namespace: 'default' } }, { dryRun: true });
    assert.equal(result.metadata.name, 'dry');
    assert.equal(store.get(CM, 'default', 'dry'), undefined);
    assert.equal(store.currentResourceVersion(), rv);
  });
});

describe('sandbox store: deletion', () => {
  test('finalizers: delete sets deletionTimestamp; removing the last finalizer removes the object', () => {
    const store = fresh();
    store.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'f', namespace: 'default', finalizers: ['example.com/hold'] } });
    const marked = store.delete(CM, 'default', 'f')!;
    assert.ok(marked.metadata.deletionTimestamp);
    const live = store.get(CM, 'default', 'f')!;
    assert.ok(live.metadata.deletionTimestamp);
    store.update(CM, { ...live, metadata: { ...live.metadata, finalizers: [] } });
    assert.equal(store.get(CM, 'default', 'f'), undefined);
  });

  test('background propagation deletes the owner, then its dependents', () => {
    const store = fresh();
    chain(store);
    store.delete(DEPLOY, 'default', 'web', { propagationPolicy: 'Background' });
    assert.equal(store.list(DEPLOY).length, 0);
    assert.equal(store.list(RS).length, 0);
    assert.equal(store.list(PODS).length, 0);
  });

  test('foreground propagation: dependents go first, the owner waits with the foregroundDeletion finalizer', () => {
    const store = fresh();
    const { pod } = chain(store);
    // The pod holds a finalizer, so the whole chain waits on it.
    store.update(PODS, { ...pod, metadata: { ...pod.metadata, finalizers: ['example.com/hold'] } });
    const events: string[] = [];
    store.watch(undefined, (e) => events.push(`${e.type} ${e.gr.resource}`));
    store.delete(DEPLOY, 'default', 'web', { propagationPolicy: 'Foreground' });
    const d = store.get(DEPLOY, 'default', 'web')!;
    assert.ok(d.metadata.deletionTimestamp);
    assert.deepEqual(d.metadata.finalizers, ['foregroundDeletion']);
    assert.ok(store.get(RS, 'default', 'web-1')!.metadata.deletionTimestamp);
    const held = store.get(PODS, 'default', 'web-1-a')!;
    store.update(PODS, { ...held, metadata: { ...held.metadata, finalizers: [] } });
    assert.equal(store.list(PODS).length, 0);
    assert.equal(store.list(RS).length, 0);
    assert.equal(store.list(DEPLOY).length, 0);
    const deletions = events.filter((e) => e.startsWith('DELETED'));
    assert.deepEqual(deletions, ['DELETED pods', 'DELETED replicasets', 'DELETED deployments']);
  });

  test('orphan propagation keeps dependents and drops the ownerReference', () => {
    const store = fresh();
    chain(store);
    store.delete(DEPLOY, 'default', 'web', { propagationPolicy: 'Orphan' });
    assert.equal(store.list(DEPLOY).length, 0);
    const rs = store.get(RS, 'default', 'web-1')!;
    assert.equal(rs.metadata.ownerReferences, undefined);
    assert.equal(store.list(PODS).length, 1);
  });

  test('deleting a namespace removes everything in it, then the namespace', () => {
    const store = fresh();
    store.create(NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    store.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'team' } });
    store.create(PODS, podManifest('p', 'team'));
    store.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: 'team', finalizers: ['x/y'] } });
    store.delete(NS, undefined, 'team');
    const ns = store.get(NS, undefined, 'team')!;
    assert.equal((ns.status as { phase: string }).phase, 'Terminating');
    assert.equal(storeError(() => store.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'new', namespace: 'team' } })).reason, 'Forbidden');
    assert.deepEqual(store.list(CM, 'team').map((o) => o.metadata.name), ['held']);
    assert.equal(store.list(PODS, 'team').length, 0);
    const held = store.get(CM, 'team', 'held')!;
    store.update(CM, { ...held, metadata: { ...held.metadata, finalizers: [] } });
    assert.equal(store.get(NS, undefined, 'team'), undefined);
  });
});

describe('sandbox store: CRDs and watch', () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Cluster',
      names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wd'] },
      versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {} } }],
    },
  };

  test('a created CRD is established and served; deleting it stops serving and removes its objects', () => {
    const store = fresh();
    const created = store.create(CRDS, crd);
    const conditions = (created.status as { conditions: Array<{ type: string; status: string }> }).conditions;
    assert.equal(conditions.find((c) => c.type === 'Established')?.status, 'True');
    const type = store.resourceType({ group: 'example.com', resource: 'widgets' });
    assert.equal(type?.kind, 'Widget');
    assert.equal(type?.namespaced, false);
    assert.deepEqual(type?.shortNames, ['wd']);
    assert.equal(store.resourceTypeForKind('example.com/v1', 'Widget')?.resource, 'widgets');
    store.create({ group: 'example.com', resource: 'widgets' }, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 3 } });
    store.delete(CRDS, undefined, 'widgets.example.com');
    assert.equal(store.resourceType({ group: 'example.com', resource: 'widgets' }), undefined);
    const recreated = store.create(CRDS, crd);
    assert.ok(recreated);
    assert.equal(store.list({ group: 'example.com', resource: 'widgets' }).length, 0, 'old custom objects do not come back');
  });

  test('watch replays from a resourceVersion, filters by kind, and answers Gone once the log moved on', () => {
    const store = createStore({ eventLogSize: 5 });
    seedCluster(store);
    const start = store.currentResourceVersion();
    for (let i = 0; i < 3; i++) store.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}`, namespace: 'default' } });
    const seen: StoreEvent[] = [];
    const stop = store.watch(CM, (e) => seen.push(e), start);
    assert.deepEqual(seen.map((e) => e.object.metadata.name), ['c0', 'c1', 'c2']);
    store.create(PODS, podManifest('p', 'default'));
    store.delete(CM, 'default', 'c0');
    assert.deepEqual(seen.map((e) => `${e.type} ${e.object.metadata.name}`), ['ADDED c0', 'ADDED c1', 'ADDED c2', 'DELETED c0']);
    stop();
    for (let i = 3; i < 10; i++) store.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}`, namespace: 'default' } });
    const gone = storeError(() => store.watch(CM, () => {}, start));
    assert.equal(gone.reason, 'Gone');
  });

  test('persistence: state written to stateDir is reloaded with the same uids and resourceVersions', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sandbox-state-'));
    try {
      const store = fresh();
      const persistence = persistState(store, dir, 10);
      store.create(CRDS, crd);
      const w = store.create({ group: 'example.com', resource: 'widgets' }, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' } });
      persistence.close();
      assert.ok(JSON.parse(readFileSync(path.join(dir, 'objects.json'), 'utf8')).objects.length > 0);
      const again = createStore();
      assert.equal(loadState(again, dir), true);
      const back = again.get({ group: 'example.com', resource: 'widgets' }, undefined, 'w1')!;
      assert.equal(back.metadata.uid, w.metadata.uid);
      assert.equal(back.metadata.resourceVersion, w.metadata.resourceVersion);
      assert.equal(again.currentResourceVersion(), store.currentResourceVersion());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
