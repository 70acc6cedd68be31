import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../electron/core/cluster/view.ts';
import { StoreError } from '../../../electron/core/sandbox/store/types.ts';
import { applyPatch, supportsStrategicMerge } from '../../../electron/core/sandbox/patch/index.ts';

type Obj = Record<string, unknown>;
const at = (obj: unknown, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Obj | undefined)?.[k], obj);

// The Deployment of Kubernetes' "Update API Objects in Place Using kubectl patch" task.
function patchDemo(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'patch-demo', finalizers: ['a.example/one', 'b.example/two'] },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'nginx' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          containers: [
            {
              name: 'patch-demo-ctr',
              image: 'nginx',
              env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
              ports: [{ containerPort: 80 }],
              volumeMounts: [{ name: 'data', mountPath: '/data' }],
            },
          ],
          tolerations: [{ effect: 'NoSchedule', key: 'dedicated', value: 'test-team' }],
          volumes: [{ name: 'data', emptyDir: {} }],
        },
      },
    },
  };
}
const containers = (obj: KubeObject) => at(obj, 'spec.template.spec.containers') as Obj[];
const smp = (live: KubeObject, patch: unknown) => applyPatch(live, 'strategic', patch);

function badRequest(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (err: unknown) => err instanceof StoreError && err.reason === 'BadRequest' && message.test(err.message));
}

describe('strategic merge patch', () => {
  test('containers merge by name: a new container is added next to the existing one', () => {
    const live = patchDemo();
    const before = structuredClone(live);
    const out = smp(live, { spec: { template: { spec: { containers: [{ name: 'patch-demo-ctr-2', image: 'redis' }] } } } });
    // As in the Kubernetes task's output: the patch's new container comes first.
    assert.deepEqual(containers(out).map((c) => [c.name, c.image]), [['patch-demo-ctr-2', 'redis'], ['patch-demo-ctr', 'nginx']]);
    assert.deepEqual(live, before, 'input untouched');
  });

  test('a container named in the patch has its fields merged, the rest kept', () => {
    const out = smp(patchDemo(), { spec: { template: { spec: { containers: [{ name: 'patch-demo-ctr', image: 'nginx:1.27' }] } } } });
    assert.equal(containers(out).length, 1);
    assert.equal(containers(out)[0]!.image, 'nginx:1.27');
    assert.deepEqual(containers(out)[0]!.ports, [{ containerPort: 80 }]);
  });

  test('tolerations have no merge key, so the patch replaces them', () => {
    const out = smp(patchDemo(), { spec: { template: { spec: { tolerations: [{ effect: 'NoSchedule', key: 'disktype', value: 'ssd' }] } } } });
    assert.deepEqual(at(out, 'spec.template.spec.tolerations'), [{ effect: 'NoSchedule', key: 'disktype', value: 'ssd' }]);
  });

  test('env merges by name, ports by containerPort, volumeMounts by mountPath', () => {
    const out = smp(patchDemo(), {
      spec: { template: { spec: { containers: [{
        name: 'patch-demo-ctr',
        env: [{ name: 'B', value: 'two' }, { name: 'C', value: '3' }],
        ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }],
        volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true }, { name: 'cache', mountPath: '/cache' }],
      }] } } },
    });
    const c = containers(out)[0]!;
    assert.deepEqual(c.env, [{ name: 'A', value: '1' }, { name: 'B', value: 'two' }, { name: 'C', value: '3' }]);
    assert.deepEqual(c.ports, [{ containerPort: 80, name: 'http' }, { containerPort: 443 }]);
    assert.deepEqual(c.volumeMounts, [{ name: 'data', mountPath: '/data', readOnly: true }, { name: 'cache', mountPath: '/cache' }]);
  });

  test('$patch: delete removes the list item with that merge key', () => {
    const out = smp(patchDemo(), { spec: { template: { spec: { containers: [{ name: 'patch-demo-ctr', $patch: 'delete' }, { name: 'other', image: 'busybox' }] } } } });
    assert.deepEqual(containers(out), [{ name: 'other', image: 'busybox' }]);
  });

  test('$patch: delete on an env var by name', () => {
    const out = smp(patchDemo(), { spec: { template: { spec: { containers: [{ name: 'patch-demo-ctr', env: [{ name: 'A', $patch: 'delete' }] }] } } } });
    assert.deepEqual(containers(out)[0]!.env, [{ name: 'B', value: '2' }]);
  });

  test('$patch: replace in a map replaces the map instead of merging it', () => {
    const out = smp(patchDemo(), { spec: { selector: { $patch: 'replace', matchLabels: { app: 'web' } }, template: { metadata: { labels: { $patch: 'replace', tier: 'front' } } } } });
    assert.deepEqual(at(out, 'spec.selector'), { matchLabels: { app: 'web' } });
    assert.deepEqual(at(out, 'spec.template.metadata.labels'), { tier: 'front' });
  });

  test('$patch: replace as a list item makes the patch list the whole list', () => {
    const out = smp(patchDemo(), { spec: { template: { spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'alpine' }] } } } });
    assert.deepEqual(containers(out), [{ name: 'only', image: 'alpine' }]);
  });

  test('$patch: delete on a map empties it', () => {
    const out = smp(patchDemo(), { spec: { strategy: { $patch: 'delete' } } });
    assert.deepEqual(at(out, 'spec.strategy'), {});
  });

  test('$retainKeys clears the fields it does not list (Recreate strategy example)', () => {
    const out = smp(patchDemo(), { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
    assert.deepEqual(at(out, 'spec.strategy'), { type: 'Recreate' });
  });

  test('$retainKeys rejects a patch field it does not list', () => {
    badRequest(() => smp(patchDemo(), { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: { maxSurge: 1 } } } }), /retainKeys at spec\.strategy: field "rollingUpdate" is not in the \$retainKeys list/);
  });

  test('$setElementOrder/containers orders the merged list', () => {
    const live = patchDemo();
    (live.spec as Obj).template = { spec: { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }, { name: 'c', image: 'c:1' }] } };
    const out = smp(live, { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'c' }, { name: 'a' }, { name: 'b' }], containers: [{ name: 'a', image: 'a:2' }] } } } });
    assert.deepEqual(containers(out).map((c) => `${c.name}=${c.image}`), ['c=c:1', 'a=a:2', 'b=b:1']);
  });

  test('$setElementOrder that omits a patched item is rejected', () => {
    badRequest(() => smp(patchDemo(), { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'x' }], containers: [{ name: 'y', image: 'y' }] } } } }), /setElementOrder list at spec\.template\.spec\.containers/);
  });

  test('finalizers merge as a set; $deleteFromPrimitiveList removes values', () => {
    const out = smp(patchDemo(), { metadata: { finalizers: ['b.example/two', 'c.example/three'], '$deleteFromPrimitiveList/finalizers': ['a.example/one'] } });
    assert.deepEqual(out.metadata.finalizers, ['b.example/two', 'c.example/three']);
  });

  test('null deletes a field, scalars replace, volumes merge by name', () => {
    const out = smp(patchDemo(), { spec: { replicas: 5, strategy: null, template: { spec: { volumes: [{ name: 'cache', emptyDir: { medium: 'Memory' } }] } } } });
    assert.equal(at(out, 'spec.replicas'), 5);
    assert.equal(at(out, 'spec.strategy'), undefined);
    assert.deepEqual((at(out, 'spec.template.spec.volumes') as Obj[]).map((v) => v.name), ['cache', 'data']);
  });

  test('service ports merge by port', () => {
    const svc: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api' }, spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'grpc', port: 8089 }] } };
    const out = smp(svc, { spec: { ports: [{ port: 80, targetPort: 9090 }, { name: 'ws', port: 8090 }] } });
    // Patch items keep the patch's order; the server-only port follows the last one it preceded.
    assert.deepEqual(at(out, 'spec.ports'), [{ name: 'http', port: 80, targetPort: 9090 }, { name: 'ws', port: 8090 }, { name: 'grpc', port: 8089 }]);
  });

  test('status conditions merge by type and ownerReferences by uid', () => {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1' }] },
      status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'Initialized', status: 'True' }] },
    };
    const out = smp(pod, {
      metadata: { ownerReferences: [{ uid: 'u1', controller: true }] },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    });
    assert.deepEqual(out.metadata.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1', controller: true }]);
    assert.deepEqual(at(out, 'status.conditions'), [{ type: 'Ready', status: 'True' }, { type: 'Initialized', status: 'True' }]);
  });

  test('envFrom and Endpoints subsets are atomic', () => {
    const ep: KubeObject = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'e' }, subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] };
    const out = smp(ep, { subsets: [{ addresses: [{ ip: '10.0.0.2' }] }] });
    assert.deepEqual(out.subsets, [{ addresses: [{ ip: '10.0.0.2' }] }]);
    const dep = smp(patchDemo(), { spec: { template: { spec: { containers: [{ name: 'patch-demo-ctr', envFrom: [{ configMapRef: { name: 'x' } }] }] } } } });
    const dep2 = smp(dep, { spec: { template: { spec: { containers: [{ name: 'patch-demo-ctr', envFrom: [{ secretRef: { name: 'y' } }] }] } } } });
    assert.deepEqual(containers(dep2)[0]!.envFrom, [{ secretRef: { name: 'y' } }]);
  });

  test('an item without its merge key, or an unknown $patch, is a BadRequest', () => {
    badRequest(() => smp(patchDemo(), { spec: { template: { spec: { containers: [{ image: 'x' }] } } } }), /does not contain declared merge key: name at spec\.template\.spec\.containers/);
    badRequest(() => smp(patchDemo(), { spec: { strategy: { $patch: 'explode' } } }), /unknown patch type: "explode" in map at spec\.strategy/);
    badRequest(() => smp(patchDemo(), [{ op: 'add' }]), /must be a JSON object, got array/);
  });

  test('custom resources are refused with the 415 wording', () => {
    const cr: KubeObject = { apiVersion: 'tracetest.io/v1', kind: 'Agent', metadata: { name: 'a' }, spec: { x: 1 } };
    assert.equal(supportsStrategicMerge('tracetest.io/v1', 'Agent'), false);
    assert.equal(supportsStrategicMerge('apps/v1', 'Deployment'), true);
    assert.equal(supportsStrategicMerge('v1', 'ConfigMap'), true);
    badRequest(() => smp(cr, { spec: { x: 2 } }), /^strategic merge patch is not supported for custom resources; use a merge or json patch$/);
  });
});

describe('strategic merge patch list order (Kubernetes "preserve order" design)', () => {
  const envOf = (obj: KubeObject) => (containers(obj)[0]!.env as Obj[]).map((e) => `${e.name}=${e.value}`);
  const withEnv = (...names: string[]) => {
    const live = patchDemo();
    containers(live)[0]!.env = names.map((name) => ({ name, value: name.toLowerCase() }));
    return live;
  };

  test('without $setElementOrder the patch order holds and server-only items keep their place', () => {
    // Live B C A, patch A' B' D: C (server only) first, then the patch's order.
    const out = smp(withEnv('B', 'C', 'A'), { spec: { template: { spec: { containers: [{ name: 'patch-demo-ctr', env: [{ name: 'A', value: "a'" }, { name: 'B', value: "b'" }, { name: 'D', value: 'd' }] }] } } } });
    assert.deepEqual(envOf(out), ['C=c', "A=a'", "B=b'", 'D=d']);
  });

  test('$setElementOrder may reorder items the patch does not change', () => {
    const out = smp(withEnv('B', 'A'), { spec: { template: { spec: { containers: [{ name: 'patch-demo-ctr', '$setElementOrder/env': [{ name: 'A' }, { name: 'B' }] }] } } } });
    assert.deepEqual(envOf(out), ['A=a', 'B=b']);
  });

  test('$setElementOrder with deletions and server-added items (the env example)', () => {
    const out = smp(withEnv('ENV2', 'ENV5', 'ENV1', 'ENV3', 'ENV4'), {
      spec: { template: { spec: { containers: [{
        name: 'patch-demo-ctr',
        '$setElementOrder/env': [{ name: 'ENV1' }, { name: 'ENV2' }, { name: 'ENV6' }],
        env: [{ name: 'ENV3', $patch: 'delete' }, { name: 'ENV6', value: 'env6' }],
      }] } } },
    });
    // What kubectl's own strategic merge (kubectl patch --local) produces; the design document's
    // example (ENV5 ENV4 ENV1 ENV2 ENV6) predates the implementation.
    assert.deepEqual(envOf(out).map((e) => e.split('=')[0]), ['ENV5', 'ENV1', 'ENV2', 'ENV4', 'ENV6']);
  });

  test('a patch list out of the $setElementOrder order is rejected', () => {
    badRequest(
      () => smp(withEnv('A', 'B'), { spec: { template: { spec: { containers: [{ name: 'patch-demo-ctr', '$setElementOrder/env': [{ name: 'A' }, { name: 'B' }], env: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }] }] } } } }),
      /setElementOrder list at spec\.template\.spec\.containers\[\]\.env: item .* is out of the order/,
    );
  });

  test('$setElementOrder on a primitive list together with $deleteFromPrimitiveList', () => {
    const live = patchDemo();
    live.metadata.finalizers = ['b', 'e', 'a', 'c', 'd'];
    const out = smp(live, { metadata: { '$setElementOrder/finalizers': ['a', 'b', 'f'], '$deleteFromPrimitiveList/finalizers': ['c'], finalizers: ['f'] } });
    assert.deepEqual([...(out.metadata.finalizers as string[])].sort(), ['a', 'b', 'd', 'e', 'f']);
    const order = out.metadata.finalizers as string[];
    assert.ok(order.indexOf('a') < order.indexOf('b') && order.indexOf('b') < order.indexOf('f'), `a, b, f in order: ${order.join(',')}`);
  });
});
