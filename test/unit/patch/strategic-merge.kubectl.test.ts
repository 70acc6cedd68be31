import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { KubeObject } from '../../../electron/core/cluster/view.ts';
import { applyPatch } from '../../../electron/core/sandbox/patch/index.ts';

// kubectl carries the same strategic merge code as the API server and runs it offline with
// `kubectl patch --local`: each case must come out of our engine exactly as it comes out of kubectl.
const run = promisify(execFile);
const kubectl = process.env.KUBECTL ?? 'kubectl';
const haveKubectl = spawnSync(kubectl, ['version', '--client'], { stdio: 'ignore' }).status === 0;

const deployment = (containers: object[], extra: object = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'patch-demo', finalizers: ['b', 'e', 'a', 'c', 'd'] },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'nginx' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } },
    template: { metadata: { labels: { app: 'nginx' } }, spec: { containers, tolerations: [{ effect: 'NoSchedule', key: 'dedicated', value: 'test-team' }], ...extra } },
  },
});
const env = ['ENV2', 'ENV5', 'ENV1', 'ENV3', 'ENV4'].map((name) => ({ name, value: name.toLowerCase() }));
const dep = deployment([{ name: 'patch-demo-ctr', image: 'nginx', env }]);
const abcd = deployment(['a', 'b', 'c', 'd'].map((name) => ({ name, image: name })));
const svc: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api' }, spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'grpc', port: 8089 }], selector: { app: 'x' } } };
const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1' }] },
  spec: { containers: [{ name: 'a', image: 'a', ports: [{ containerPort: 80 }, { containerPort: 443 }], volumeMounts: [{ name: 'd', mountPath: '/d' }] }], volumes: [{ name: 'd', emptyDir: {} }, { name: 'e', configMap: { name: 'cm' } }] },
  status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'Initialized', status: 'True' }] },
};
const tpl = (spec: object) => ({ spec: { template: { spec } } });
const ctr = (fields: object) => tpl({ containers: [{ name: 'patch-demo-ctr', ...fields }] });

const cases: Array<[string, KubeObject, object]> = [
  ['a new container', dep, tpl({ containers: [{ name: 'patch-demo-ctr-2', image: 'redis' }] })],
  ['tolerations replaced', dep, tpl({ tolerations: [{ key: 'x', effect: 'NoSchedule' }] })],
  ['$retainKeys', dep, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }],
  ['$retainKeys with a null', dep, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } } }],
  ['env in patch order', dep, ctr({ env: [{ name: 'ENV1', value: 'x' }, { name: 'ENV2', value: 'y' }, { name: 'ENV9', value: 'z' }] })],
  ['env $setElementOrder with a delete', dep, ctr({ '$setElementOrder/env': [{ name: 'ENV1' }, { name: 'ENV2' }, { name: 'ENV6' }], env: [{ name: 'ENV3', $patch: 'delete' }, { name: 'ENV6', value: 'new' }] })],
  ['env $setElementOrder only', dep, ctr({ '$setElementOrder/env': ['ENV1', 'ENV2', 'ENV3', 'ENV4', 'ENV5'].map((name) => ({ name })) })],
  ['finalizers $setElementOrder and $deleteFromPrimitiveList', dep, { metadata: { '$setElementOrder/finalizers': ['a', 'b', 'f'], '$deleteFromPrimitiveList/finalizers': ['c'], finalizers: ['f'] } }],
  ['finalizers merged', dep, { metadata: { finalizers: ['z', 'a'] } }],
  ['finalizers $setElementOrder with a new value', dep, { metadata: { '$setElementOrder/finalizers': ['q', 'a', 'b'], finalizers: ['q'] } }],
  ['$deleteFromPrimitiveList of a missing list', dep, { spec: { template: { metadata: { '$deleteFromPrimitiveList/finalizers': ['x'] } } } }],
  ['container $patch: delete', dep, tpl({ containers: [{ name: 'patch-demo-ctr', $patch: 'delete' }] })],
  ['$patch: delete of an absent container', dep, tpl({ containers: [{ name: 'ghost', $patch: 'delete' }] })],
  ['list $patch: replace', dep, tpl({ containers: [{ $patch: 'replace' }, { name: 'only', image: 'x' }] })],
  ['map $patch: replace', dep, { spec: { template: { metadata: { labels: { $patch: 'replace', tier: 'f' } } } } }],
  ['container $patch: replace', dep, tpl({ containers: [{ name: 'patch-demo-ctr', $patch: 'replace', image: 'fresh' }] })],
  ['map $patch: delete', dep, { spec: { strategy: { $patch: 'delete' } } }],
  ['nulls delete', dep, { spec: { strategy: null, replicas: 4 } }],
  ['a list becomes a map', dep, tpl({ tolerations: { a: 1 } })],
  ['new container with a null field', dep, tpl({ containers: [{ name: 'n', image: 'x', command: null }] })],
  ['$setElementOrder of a list the object lacks', dep, tpl({ '$setElementOrder/initContainers': [{ name: 'x' }], initContainers: [{ name: 'x', image: 'i' }] })],
  ['containers: delete, add, server-only, reorder', abcd, tpl({ '$setElementOrder/containers': [{ name: 'd' }, { name: 'x' }, { name: 'a' }], containers: [{ name: 'b', $patch: 'delete' }, { name: 'x', image: 'x' }, { name: 'a', image: 'a2' }] })],
  ['containers: two deletes, two adds', abcd, tpl({ '$setElementOrder/containers': [{ name: 'y' }, { name: 'c' }, { name: 'x' }], containers: [{ name: 'a', $patch: 'delete' }, { name: 'b', $patch: 'delete' }, { name: 'y', image: 'y' }, { name: 'x', image: 'x' }] })],
  ['containers: one delete, three adds', abcd, tpl({ '$setElementOrder/containers': [{ name: 'z' }, { name: 'a' }, { name: 'y' }, { name: 'x' }], containers: [{ name: 'b', $patch: 'delete' }, { name: 'z' }, { name: 'y' }, { name: 'x' }] })],
  ['service ports by port', svc, { spec: { ports: [{ port: 80, targetPort: 9090 }, { name: 'ws', port: 8090 }] } }],
  ['service ports reordered', svc, { spec: { ports: [{ port: 8089, name: 'g2' }, { port: 80 }] } }],
  ['service selector null value', svc, { spec: { selector: { app: null, tier: 'b' } } }],
  ['container ports and volumeMounts', pod, { spec: { containers: [{ name: 'a', ports: [{ containerPort: 8080 }, { containerPort: 80, name: 'http' }], volumeMounts: [{ name: 'c', mountPath: '/c' }] }] } }],
  ['same containerPort, other protocol', pod, { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, protocol: 'UDP' }] }] } }],
  ['container args replaced', pod, { spec: { containers: [{ name: 'a', args: ['x'] }] } }],
  ['volumes by name', pod, { spec: { volumes: [{ name: 'e', configMap: { name: 'other' } }, { name: 'f', emptyDir: {} }] } }],
  ['volume $retainKeys', pod, { spec: { volumes: [{ name: 'e', $retainKeys: ['name', 'secret'], secret: { secretName: 's' } }] } }],
  ['conditions by type', pod, { status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }] } }],
  ['ownerReferences by uid', pod, { metadata: { ownerReferences: [{ uid: 'u1', controller: true }, { apiVersion: 'v1', kind: 'X', name: 'x', uid: 'u2' }] } }],
  ['imagePullSecrets, hostAliases, topologySpreadConstraints', pod, { spec: { imagePullSecrets: [{ name: 'r' }], hostAliases: [{ ip: '1.2.3.4', hostnames: ['a'] }], topologySpreadConstraints: [{ topologyKey: 'zone', maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' }] } }],
  ['a new list with a delete directive', pod, { spec: { initContainers: [{ name: 'i', image: 'i' }, { name: 'j', $patch: 'delete' }] } }],
  // Both sides must refuse these.
  ['an item without its merge key', dep, tpl({ containers: [{ image: 'x' }] })],
  ['an unknown map directive', dep, { spec: { strategy: { $patch: 'nope' } } }],
  ['$patch: merge in a map', dep, { spec: { strategy: { $patch: 'merge', type: 'Recreate' } } }],
  ['$patch: merge in a list', dep, tpl({ containers: [{ $patch: 'merge' }] })],
  ['a patch list out of $setElementOrder order', dep, ctr({ '$setElementOrder/env': [{ name: 'ENV1' }, { name: 'ENV2' }], env: [{ name: 'ENV2', value: '2' }, { name: 'ENV1', value: '1' }] })],
];

/** kubectl keeps nulls inside newly added items; the API server drops them when it decodes. */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, dropNulls(v)]));
  return value;
}

async function kubectlPatch(dir: string, index: number, obj: KubeObject, patch: object): Promise<unknown> {
  const file = path.join(dir, `object-${index}.json`);
  writeFileSync(file, JSON.stringify(obj));
  try {
    const { stdout } = await run(kubectl, ['patch', '--local', '-f', file, '--type', 'strategic', '-p', JSON.stringify(patch), '-o', 'json'], { env: { ...process.env, KUBECONFIG: path.join(dir, 'none') } });
    return dropNulls(JSON.parse(stdout));
  } catch {
    return 'error';
  }
}

describe('strategic merge patch agrees with kubectl patch --local', { skip: haveKubectl ? false : 'kubectl is not installed' }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smp-oracle-'));
  const expected = new Map<number, Promise<unknown>>();
  // Start every kubectl at once; each test then awaits its own result.
  cases.forEach(([, obj, patch], i) => expected.set(i, kubectlPatch(dir, i, obj, patch)));
  after(() => rmSync(dir, { recursive: true, force: true }));

  cases.forEach(([name, obj, patch], i) => {
    test(name, async () => {
      const want = await expected.get(i);
      let got: unknown;
      try {
        got = applyPatch(structuredClone(obj), 'strategic', structuredClone(patch));
      } catch {
        got = 'error';
      }
      assert.deepEqual(got, want);
    });
  });
});
