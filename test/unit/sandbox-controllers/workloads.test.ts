import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deployment, startHarness } from './harness.ts';
import type { KubeObject } from '../../../electron/core/cluster/view.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const st = (o: KubeObject | undefined) => (o?.status ?? {}) as Any;
const cond = (o: KubeObject | undefined, type: string): Any => (st(o).conditions as Any[] | undefined)?.find((c) => c.type === type) as Any;

describe('Deployment → ReplicaSet → Pods', () => {
  const h = startHarness({ nodes: 2 });
  after(() => h.stop());

  test('a deployment converges to ready pods with real status fields', async () => {
    h.create(deployment('web', 'default', { replicas: 3 }));
    await h.settle();
    const rs = h.list('apps/v1', 'ReplicaSet', 'default');
    assert.equal(rs.length, 1);
    const hash = rs[0]!.metadata.labels!['pod-template-hash'];
    assert.ok(hash && rs[0]!.metadata.name === `web-${hash}`);
    assert.equal(rs[0]!.metadata.ownerReferences?.[0]?.controller, true);
    assert.equal(rs[0]!.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
    const pods = h.list('v1', 'Pod', 'default');
    assert.equal(pods.length, 3);
    for (const p of pods) {
      assert.equal(st(p).phase, 'Running');
      assert.equal(cond(p, 'Ready')?.status, 'True');
      assert.match(st(p).podIP, /^10\.244\.\d+\.\d+$/);
      assert.ok((p.spec as Any).nodeName);
      assert.equal(p.metadata.labels?.['pod-template-hash'], hash);
      assert.equal(st(p).containerStatuses[0].ready, true);
    }
    assert.equal(new Set(pods.map((p) => st(p).podIP)).size, 3, 'pod IPs are unique');
    const d = h.get('apps/v1', 'Deployment', 'default', 'web');
    assert.equal(st(d).readyReplicas, 3);
    assert.equal(st(d).availableReplicas, 3);
    assert.equal(st(d).updatedReplicas, 3);
    assert.equal(st(d).observedGeneration, d!.metadata.generation);
    assert.equal(cond(d, 'Available')?.reason, 'MinimumReplicasAvailable');
    assert.equal(cond(d, 'Progressing')?.reason, 'NewReplicaSetAvailable');
  });

  test('scaling changes the pod count', async () => {
    const d = h.get('apps/v1', 'Deployment', 'default', 'web')!;
    (d.spec as Any).replicas = 1;
    h.store.update({ group: 'apps', resource: 'deployments' }, d);
    await h.settle();
    assert.equal(h.list('v1', 'Pod', 'default').length, 1);
    assert.equal(st(h.get('apps/v1', 'Deployment', 'default', 'web')).replicas, 1);
  });

  test('rollout restart creates a new ReplicaSet and scales the old one to 0', async () => {
    const d = h.get('apps/v1', 'Deployment', 'default', 'web')!;
    const tpl = (d.spec as Any).template;
    tpl.metadata.annotations = { 'kubectl.kubernetes.io/restartedAt': '2026-11-22T10:05:00Z' };
    h.store.update({ group: 'apps', resource: 'deployments' }, d);
    await h.settle();
    const rs = h.list('apps/v1', 'ReplicaSet', 'default').sort((a, b) => Number(a.metadata.annotations!['deployment.kubernetes.io/revision']) - Number(b.metadata.annotations!['deployment.kubernetes.io/revision']));
    assert.equal(rs.length, 2);
    assert.equal((rs[0]!.spec as Any).replicas, 0);
    assert.equal((rs[1]!.spec as Any).replicas, 1);
    assert.equal(rs[1]!.metadata.annotations!['deployment.kubernetes.io/revision'], '2');
    const pods = h.list('v1', 'Pod', 'default');
    assert.equal(pods.length, 1);
    assert.equal(pods[0]!.metadata.labels!['pod-template-hash'], rs[1]!.metadata.labels!['pod-template-hash']);
    assert.equal(pods[0]!.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'], '2026-11-22T10:05:00Z');
  });

  test('reconciles are idempotent: a resync writes nothing', async () => {
    const rv = h.store.currentResourceVersion();
    h.manager.resync();
    await h.settle();
    assert.equal(h.store.currentResourceVersion(), rv);
  });
});
