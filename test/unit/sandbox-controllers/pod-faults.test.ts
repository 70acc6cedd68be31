import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deployment, startHarness } from './harness.ts';
import type { KubeObject } from '../../../electron/core/cluster/view.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const st = (o: KubeObject | undefined) => (o?.status ?? {}) as Any;
const cond = (o: KubeObject | undefined, type: string): Any => (st(o).conditions as Any[] | undefined)?.find((c) => c.type === type) as Any;

describe('planted pod faults', () => {
  const h = startHarness({
    nodes: 2,
    namespaces: ['shop'],
    plants: [
      { kind: 'Deployment', namespace: 'shop', name: 'crasher', fault: 'CrashLoopBackOff', message: 'panic: POSTGRES_CONN is empty' },
      { kind: 'Deployment', namespace: 'shop', name: 'hog', fault: 'OOMKilled' },
      { kind: 'Deployment', namespace: 'shop', name: 'huge', fault: 'Unschedulable' },
    ],
    mirror: { host: 'registry.airgap.local:5000', images: ['kubeshop/tracetest-cloud:v1.0.0'] },
  });
  after(() => h.stop());
  const podOf = (name: string) => h.list('v1', 'Pod', 'shop').find((p) => p.metadata.labels?.app === name);
  const events = (pod: KubeObject) => h.list('v1', 'Event', 'shop').filter((e) => (e.involvedObject as Any).name === pod.metadata.name);

  test('setup', async () => {
    h.create(deployment('crasher', 'shop'));
    h.create(deployment('hog', 'shop'));
    h.create(deployment('huge', 'shop'));
    h.create(deployment('mirrored', 'shop', { image: 'registry.airgap.local:5000/kubeshop/tracetest-cloud:v1.0.0' }));
    h.create(deployment('unmirrored', 'shop', { image: 'registry.airgap.local:5000/kubeshop/tracetest-frontend:v1.0.0' }));
    h.create(deployment('annotated', 'shop', { annotations: { 'sandbox.groundcrew.dev/fault': 'ImagePullBackOff' } }));
    h.create(deployment('flaky', 'shop', { annotations: { 'sandbox.groundcrew.dev/fault': 'NotReady' } }));
    await h.settle();
  });

  test('CrashLoopBackOff with restart counts that grow over time and lastState exit code 1', async () => {
    const first = st(podOf('crasher')).containerStatuses[0];
    assert.equal(first.state.waiting.reason, 'CrashLoopBackOff');
    assert.equal(first.lastState.terminated.exitCode, 1);
    assert.equal(first.lastState.terminated.reason, 'Error');
    assert.equal(st(podOf('crasher')).phase, 'Running');
    await h.tick(11 * 60_000);
    const later = st(podOf('crasher')).containerStatuses[0];
    assert.ok(later.restartCount > first.restartCount, `${later.restartCount} > ${first.restartCount}`);
    assert.ok(events(podOf('crasher')!).some((e) => e.reason === 'BackOff' && e.type === 'Warning'));
    const lines = h.logs.get(`shop/${podOf('crasher')!.metadata.name}/main`) ?? [];
    assert.ok(lines.includes('panic: POSTGRES_CONN is empty'));
    const d = h.get('apps/v1', 'Deployment', 'shop', 'crasher');
    assert.equal(cond(d, 'Available')?.status, 'False');
    assert.equal(cond(d, 'Available')?.reason, 'MinimumReplicasUnavailable');
    assert.equal(cond(d, 'Progressing')?.reason, 'ProgressDeadlineExceeded');
  });

  test('OOMKilled: lastState terminated reason OOMKilled exit code 137', () => {
    const cs = st(podOf('hog')).containerStatuses[0];
    assert.equal(cs.lastState.terminated.reason, 'OOMKilled');
    assert.equal(cs.lastState.terminated.exitCode, 137);
  });

  test('Unschedulable: Pending with the scheduler message and a FailedScheduling event', () => {
    const pod = podOf('huge')!;
    assert.equal(st(pod).phase, 'Pending');
    const c = cond(pod, 'PodScheduled');
    assert.equal(c.status, 'False');
    assert.equal(c.reason, 'Unschedulable');
    assert.match(c.message, /^0\/2 nodes are available: 2 Insufficient memory/);
    assert.equal((pod.spec as Any).nodeName, undefined);
    assert.ok(events(pod).some((e) => e.reason === 'FailedScheduling'));
  });

  test('an image missing from the mirror registry fails to pull; a mirrored one runs', () => {
    const bad = st(podOf('unmirrored'));
    assert.equal(bad.phase, 'Pending');
    assert.equal(bad.containerStatuses[0].state.waiting.reason, 'ImagePullBackOff');
    assert.match(bad.containerStatuses[0].state.waiting.message, /kubeshop\/tracetest-frontend:v1\.0\.0: not found/);
    assert.ok(events(podOf('unmirrored')!).some((e) => e.reason === 'Failed' && /Failed to pull image/.test(String(e.message))));
    assert.equal(cond(podOf('mirrored'), 'Ready')?.status, 'True');
  });

  test('a fault annotation on the pod template plants ImagePullBackOff', () => {
    assert.equal(st(podOf('annotated')).containerStatuses[0].state.waiting.reason, 'ImagePullBackOff');
  });

  test('NotReady: running but not ready, with a readiness probe event', () => {
    const pod = podOf('flaky')!;
    assert.equal(st(pod).phase, 'Running');
    assert.equal(cond(pod, 'Ready')?.status, 'False');
    assert.equal(cond(pod, 'Ready')?.reason, 'ContainersNotReady');
    assert.ok(events(pod).some((e) => e.reason === 'Unhealthy'));
  });

  test('an unbound PVC keeps its pod Pending with the scheduler message', async () => {
    h.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'shop' }, spec: { storageClassName: 'fast-ssd', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    const d = deployment('db', 'shop');
    ((d.spec as Any).template.spec as Any).volumes = [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }];
    h.create(d);
    await h.settle();
    const pvc = h.get('v1', 'PersistentVolumeClaim', 'shop', 'data');
    assert.equal(st(pvc).phase, 'Pending');
    assert.ok(h.list('v1', 'Event', 'shop').some((e) => e.reason === 'ProvisioningFailed' && /storageclass.storage.k8s.io "fast-ssd" not found/.test(String(e.message))));
    const c = cond(podOf('db'), 'PodScheduled');
    assert.equal(c.reason, 'Unschedulable');
    assert.match(c.message, /pod has unbound immediate PersistentVolumeClaims/);
    // Creating the missing class binds the claim and lets the pod run.
    h.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast-ssd' }, provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
    await h.settle();
    const bound = h.get('v1', 'PersistentVolumeClaim', 'shop', 'data')!;
    assert.equal(st(bound).phase, 'Bound');
    const pv = h.get('v1', 'PersistentVolume', undefined, (bound.spec as Any).volumeName);
    assert.equal(st(pv).phase, 'Bound');
    assert.equal((pv!.spec as Any).claimRef.name, 'data');
    assert.equal(cond(podOf('db'), 'Ready')?.status, 'True');
  });
});

describe('scheduling filters', () => {
  const h = startHarness({ nodes: 2 });
  after(() => h.stop());

  test('cordoned nodes take no new pods; with every node cordoned the pod waits with the scheduler message', async () => {
    const node0 = h.get('v1', 'Node', undefined, 'node-0')!;
    (node0 as Any).spec.unschedulable = true;
    h.store.update({ group: '', resource: 'nodes' }, node0);
    h.create(deployment('spread', 'default', { replicas: 3 }));
    await h.settle();
    const pods = h.list('v1', 'Pod', 'default').filter((p) => p.metadata.labels?.app === 'spread');
    assert.deepEqual([...new Set(pods.map((p) => (p.spec as Any).nodeName))], ['node-1']);
    const node1 = h.get('v1', 'Node', undefined, 'node-1')!;
    (node1 as Any).spec.unschedulable = true;
    h.store.update({ group: '', resource: 'nodes' }, node1);
    h.create(deployment('late', 'default'));
    await h.settle();
    const late = h.list('v1', 'Pod', 'default').find((p) => p.metadata.labels?.app === 'late')!;
    assert.equal(cond(late, 'PodScheduled').message, '0/2 nodes are available: 2 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
  });

  test('a nodeSelector no node matches', async () => {
    const d = deployment('picky', 'default');
    ((d.spec as Any).template.spec as Any).nodeSelector = { gpu: 'true' };
    const n1 = h.get('v1', 'Node', undefined, 'node-1')!;
    (n1 as Any).spec.unschedulable = false;
    h.store.update({ group: '', resource: 'nodes' }, n1);
    h.create(d);
    await h.settle();
    const pod = h.list('v1', 'Pod', 'default').find((p) => p.metadata.labels?.app === 'picky')!;
    assert.match(cond(pod, 'PodScheduled').message, /1 node\(s\) were unschedulable, 1 node\(s\) didn't match Pod's node affinity\/selector/);
  });
});

describe('PullSecretRequired', () => {
  const h = startHarness({ plants: [{ kind: 'Deployment', namespace: 'default', name: 'private', fault: 'PullSecretRequired' }] });
  after(() => h.stop());

  test('pods without a usable pull secret cannot pull; adding one lets new pods run', async () => {
    h.create(deployment('private', 'default'));
    await h.settle();
    await h.tick(10_000);
    const first = h.list('v1', 'Pod', 'default')[0]!;
    assert.equal(st(first).containerStatuses[0].state.waiting.reason, 'ImagePullBackOff');
    assert.match(st(first).containerStatuses[0].state.waiting.message, /insufficient_scope: authorization failed/);
    h.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'regcred', namespace: 'default' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': Buffer.from('{"auths":{}}').toString('base64') } });
    const d = h.get('apps/v1', 'Deployment', 'default', 'private')!;
    (d.spec as Any).template.spec.imagePullSecrets = [{ name: 'regcred' }];
    h.store.update({ group: 'apps', resource: 'deployments' }, d);
    await h.settle();
    const pods = h.list('v1', 'Pod', 'default');
    assert.equal(pods.length, 1);
    assert.equal(cond(pods[0], 'Ready').status, 'True');
  });
});
