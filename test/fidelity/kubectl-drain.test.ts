import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../electron/core/cluster/view.ts';
import type { Sandbox } from '../../electron/core/sandbox/index.ts';
import { deploymentManifest, kubectl, kubectlHome, openSandbox } from '../support/sandbox-harness.ts';

/**
 * kubectl drain with the simulated controllers running: the ReplicaSet re-creates the evicted
 * pods, and the scheduler must not put them back on the cordoned node (the drain would be undone).
 */

const controllersPresent = existsSync(new URL('../../electron/core/sandbox/controllers/index.ts', import.meta.url));

let sb: Sandbox;
let home: ReturnType<typeof kubectlHome>;
const k = (...args: string[]) => kubectl(sb, home.home, args);
const PODS = { group: '', resource: 'pods' };

interface PodView {
  nodeName?: string;
  phase?: string;
  scheduled?: { status: string; reason?: string; message?: string };
}

function view(pod: KubeObject): PodView {
  const status = (pod.status ?? {}) as { phase?: string; conditions?: Array<{ type: string; status: string; reason?: string; message?: string }> };
  return { nodeName: (pod.spec as { nodeName?: string }).nodeName, phase: status.phase, scheduled: status.conditions?.find((c) => c.type === 'PodScheduled') };
}

const webPods = () => sb.store.list(PODS, 'shop').filter((p) => p.metadata.labels?.app === 'web' && !p.metadata.deletionTimestamp).map(view);

/**
 * Resolves once `done` holds for the web pods, re-checking on every store change (the controllers
 * settle asynchronously); the deadline only keeps a broken scheduler from hanging the run.
 */
function waitForPods(what: string, done: (pods: PodView[]) => boolean): Promise<PodView[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const pods = webPods();
      if (!done(pods)) return false;
      clearTimeout(timer);
      stop();
      resolve(pods);
      return true;
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out waiting for ${what}; web pods: ${JSON.stringify(webPods())}`));
    }, 30_000);
    const stop = sb.store.watch(undefined, () => void check());
    check();
  });
}

const node = (name: string, index: number) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  spec: { podCIDR: `10.244.${index}.0/24` },
});

describe('kubectl drain on the sandbox controllers', { skip: !controllersPresent }, () => {
  before(async () => {
    home = kubectlHome();
    sb = await openSandbox({ controllers: true });
    sb.store.create({ group: '', resource: 'nodes' }, node('node-1', 1));
    sb.store.create({ group: '', resource: 'nodes' }, node('node-2', 2));
    sb.store.create({ group: '', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    sb.store.create({ group: 'apps', resource: 'deployments' }, deploymentManifest('web', 'shop', 2));
  });
  after(async () => {
    await sb?.close();
    home?.cleanup();
  });

  test('the pods evicted by drain are re-created on another node, never on the drained one', async () => {
    const placed = await waitForPods('both replicas Running', (pods) => pods.length === 2 && pods.every((p) => p.phase === 'Running'));
    assert.deepEqual(placed.map((p) => p.nodeName).sort(), ['node-1', 'node-2'], 'the scheduler spreads the replicas, so node-1 has one to evict');
    const drain = await k('drain', 'node-1', '--ignore-daemonsets', '--timeout=30s');
    assert.equal(drain.code, 0, drain.stderr);
    assert.match(drain.stdout, /node\/node-1 cordoned/);
    assert.match(drain.stdout, /node\/node-1 drained/);
    const replaced = await waitForPods('both replicas Running again', (pods) => pods.length === 2 && pods.every((p) => p.phase === 'Running'));
    assert.deepEqual(replaced.map((p) => p.nodeName), ['node-2', 'node-2']);
  });

  test('with every node drained the re-created pods stay Pending with the scheduler message, and uncordon lets them run', async () => {
    const drain = await k('drain', 'node-2', '--ignore-daemonsets', '--timeout=30s');
    assert.equal(drain.code, 0, drain.stderr);
    const pending = await waitForPods('two Unschedulable replicas', (pods) => pods.length === 2 && pods.every((p) => p.scheduled?.reason === 'Unschedulable'));
    for (const pod of pending) {
      assert.equal(pod.nodeName, undefined);
      assert.equal(pod.phase, 'Pending');
      assert.equal(pod.scheduled?.status, 'False');
      assert.equal(pod.scheduled?.message, '0/2 nodes are available: 2 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
    }
    const events = await k('get', 'events', '-n', 'shop', '--field-selector', 'reason=FailedScheduling', '-o', 'jsonpath={.items[*].message}');
    assert.match(events.stdout, /0\/2 nodes are available: 2 node\(s\) were unschedulable\./);

    const uncordon = await k('uncordon', 'node-2');
    assert.equal(uncordon.code, 0, uncordon.stderr);
    const running = await waitForPods('both replicas Running after uncordon', (pods) => pods.length === 2 && pods.every((p) => p.phase === 'Running'));
    assert.deepEqual(running.map((p) => p.nodeName), ['node-2', 'node-2']);
  });
});
