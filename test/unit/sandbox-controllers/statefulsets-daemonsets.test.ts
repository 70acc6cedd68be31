import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.ts';
import type { KubeObject } from '../../../electron/core/cluster/view.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const st = (o: KubeObject | undefined) => (o?.status ?? {}) as Any;

const sts = (name: string, o: { replicas?: number; annotations?: Record<string, string>; storageClassName?: string } = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name, namespace: 'default' },
  spec: {
    replicas: o.replicas ?? 3,
    serviceName: `${name}-headless`,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name }, ...(o.annotations ? { annotations: o.annotations } : {}) }, spec: { containers: [{ name: 'main', image: `example/${name}:1` }] } },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { ...(o.storageClassName ? { storageClassName: o.storageClassName } : {}), accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
  },
});

describe('StatefulSets and DaemonSets', () => {
  const h = startHarness({ nodes: 3 });
  after(() => h.stop());
  h.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local-path', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'rancher.io/local-path' } as KubeObject);

  test('pods are <name>-<ordinal> with a bound PVC each, hostname and subdomain set', async () => {
    h.create(sts('db'));
    await h.settle();
    const pods = h.list('v1', 'Pod', 'default').filter((p) => p.metadata.labels?.app === 'db').map((p) => p.metadata.name).sort();
    assert.deepEqual(pods, ['db-0', 'db-1', 'db-2']);
    for (const n of ['db-0', 'db-1', 'db-2']) {
      const pod = h.get('v1', 'Pod', 'default', n)!;
      assert.equal((pod.spec as Any).hostname, n);
      assert.equal((pod.spec as Any).subdomain, 'db-headless');
      assert.equal(st(h.get('v1', 'PersistentVolumeClaim', 'default', `data-${n}`)).phase, 'Bound');
    }
    const s = st(h.get('apps/v1', 'StatefulSet', 'default', 'db'));
    assert.equal(s.readyReplicas, 3);
    assert.equal(s.currentRevision, s.updateRevision);
  });

  test('OrderedReady: a pod-0 that never gets ready holds back the rest', async () => {
    h.create(sts('stuck', { storageClassName: 'missing-class' }));
    await h.settle();
    const pods = h.list('v1', 'Pod', 'default').filter((p) => p.metadata.labels?.app === 'stuck');
    assert.deepEqual(pods.map((p) => p.metadata.name), ['stuck-0']);
    assert.equal(st(pods[0]).phase, 'Pending');
  });

  test('a template change rolls pods to the new revision', async () => {
    const s = h.get('apps/v1', 'StatefulSet', 'default', 'db')!;
    (s.spec as Any).template.metadata.annotations = { 'kubectl.kubernetes.io/restartedAt': 'now' };
    h.store.update({ group: 'apps', resource: 'statefulsets' }, s);
    await h.settle();
    const status = st(h.get('apps/v1', 'StatefulSet', 'default', 'db'));
    const pods = h.list('v1', 'Pod', 'default').filter((p) => p.metadata.labels?.app === 'db');
    assert.equal(pods.length, 3);
    assert.ok(pods.every((p) => p.metadata.labels?.['controller-revision-hash'] === status.updateRevision));
    assert.equal(status.updatedReplicas, 3);
  });

  test('a DaemonSet runs one pod on every node', async () => {
    h.create({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'example/agent:1' }] } } },
    });
    await h.settle();
    const pods = h.list('v1', 'Pod', 'default').filter((p) => p.metadata.labels?.app === 'agent');
    assert.deepEqual(pods.map((p) => (p.spec as Any).nodeName).sort(), ['node-0', 'node-1', 'node-2']);
    const ds = st(h.get('apps/v1', 'DaemonSet', 'default', 'agent'));
    assert.equal(ds.desiredNumberScheduled, 3);
    assert.equal(ds.numberReady, 3);
  });
});
