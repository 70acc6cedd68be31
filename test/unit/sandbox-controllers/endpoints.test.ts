import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deployment, startHarness } from './harness.ts';
import type { KubeObject } from '../../../electron/core/cluster/view.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const service = (name: string, selector: Record<string, string>, ports: Any[], type = 'ClusterIP'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: { type, selector, ports },
});

describe('Services → Endpoints and EndpointSlices', () => {
  const h = startHarness({ plants: [{ kind: 'Service', namespace: 'default', name: 'lb-pending', fault: 'LoadBalancerPending' }] });
  after(() => h.stop());
  const ep = (name: string) => h.get('v1', 'Endpoints', 'default', name) as Any | undefined;
  const slices = (name: string): Any => h.list('discovery.k8s.io/v1', 'EndpointSlice', 'default').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name);

  test('setup', async () => {
    h.create(deployment('api', 'default', { replicas: 2, ports: [{ name: 'http', containerPort: 8090 }] }));
    h.create(deployment('flaky', 'default', { annotations: { 'sandbox.groundcrew.dev/fault': 'NotReady' }, ports: [{ name: 'http', containerPort: 3000 }] }));
    h.create(service('api', { app: 'api' }, [{ name: 'http', port: 80, targetPort: 'http' }]));
    h.create(service('api-numeric', { app: 'api' }, [{ name: 'http', port: 80, targetPort: 8091 }]));
    h.create(service('api-wrong-name', { app: 'api' }, [{ name: 'http', port: 80, targetPort: 'web' }]));
    h.create(service('nobody', { app: 'does-not-exist' }, [{ name: 'http', port: 80 }]));
    h.create(service('flaky', { app: 'flaky' }, [{ name: 'http', port: 80, targetPort: 'http' }]));
    h.create(service('lb', { app: 'api' }, [{ name: 'http', port: 80, targetPort: 'http' }], 'LoadBalancer'));
    h.create(service('lb-pending', { app: 'api' }, [{ name: 'http', port: 80, targetPort: 'http' }], 'LoadBalancer'));
    await h.settle();
  });

  test('ready pods become addresses with the named targetPort resolved', () => {
    const e = ep('api')!;
    assert.equal(e.subsets.length, 1);
    assert.equal(e.subsets[0].addresses.length, 2);
    assert.deepEqual(e.subsets[0].ports, [{ name: 'http', port: 8090, protocol: 'TCP' }]);
    assert.equal(e.subsets[0].addresses[0].targetRef.kind, 'Pod');
    const s = slices('api');
    assert.equal(s.length, 1);
    assert.equal(s[0].addressType, 'IPv4');
    assert.equal(s[0].endpoints.length, 2);
    assert.ok(s[0].endpoints.every((x: Any) => x.conditions.ready === true));
    assert.deepEqual(s[0].ports, [{ name: 'http', port: 8090, protocol: 'TCP' }]);
  });

  test('a numeric targetPort is used as is, even when no container listens there', () => {
    assert.equal(ep('api-numeric')!.subsets[0].ports[0].port, 8091);
  });

  test('a named targetPort no container declares yields no addresses', () => {
    assert.equal(ep('api-wrong-name')!.subsets, undefined);
    assert.deepEqual(slices('api-wrong-name')[0].endpoints, []);
  });

  test('a selector matching no pods yields empty Endpoints', () => {
    assert.ok(ep('nobody'));
    assert.equal(ep('nobody')!.subsets, undefined);
  });

  test('unready pods are notReadyAddresses', () => {
    const e = ep('flaky')!;
    assert.equal(e.subsets[0].addresses, undefined);
    assert.equal(e.subsets[0].notReadyAddresses.length, 1);
    assert.equal(slices('flaky')[0].endpoints[0].conditions.ready, false);
  });

  test('Endpoints follow the selector when pods come and go', async () => {
    const d = h.get('apps/v1', 'Deployment', 'default', 'api')!;
    (d.spec as Any).replicas = 3;
    h.store.update({ group: 'apps', resource: 'deployments' }, d);
    await h.settle();
    assert.equal(ep('api')!.subsets[0].addresses.length, 3);
    const svc = h.get('v1', 'Service', 'default', 'api')!;
    (svc.spec as Any).selector = { app: 'flaky' };
    h.store.update({ group: '', resource: 'services' }, svc);
    await h.settle();
    assert.equal(ep('api')!.subsets[0].notReadyAddresses.length, 1);
    assert.equal(ep('api')!.subsets[0].ports[0].port, 3000);
  });

  test('LoadBalancer Services get 127.0.0.1 and node ports unless planted pending', () => {
    const lb = h.get('v1', 'Service', 'default', 'lb') as Any;
    assert.deepEqual(lb.status.loadBalancer.ingress, [{ ip: '127.0.0.1', ipMode: 'VIP' }]);
    assert.ok(lb.spec.ports[0].nodePort >= 30000);
    const pending = h.get('v1', 'Service', 'default', 'lb-pending') as Any;
    assert.deepEqual(pending.status?.loadBalancer ?? {}, {});
    assert.notEqual(pending.spec.ports[0].nodePort, lb.spec.ports[0].nodePort);
  });
});

describe('Endpoints when a pod is relabelled', () => {
  const h = startHarness();
  after(() => h.stop());

  test('a pod whose labels stop matching leaves the Endpoints at once', async () => {
    h.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'solo', namespace: 'default', labels: { app: 'solo' } }, spec: { containers: [{ name: 'main', image: 'example/solo:1', ports: [{ name: 'http', containerPort: 80 }] }] } });
    h.create(service('solo', { app: 'solo' }, [{ name: 'http', port: 80, targetPort: 'http' }]));
    await h.settle();
    assert.equal((h.get('v1', 'Endpoints', 'default', 'solo') as Any).subsets[0].addresses.length, 1);
    const pod = h.get('v1', 'Pod', 'default', 'solo')!;
    pod.metadata.labels = { app: 'other' };
    h.store.update({ group: '', resource: 'pods' }, pod);
    await h.settle();
    assert.equal((h.get('v1', 'Endpoints', 'default', 'solo') as Any).subsets, undefined);
  });
});
