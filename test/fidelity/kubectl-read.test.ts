import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import type { Sandbox } from '../../electron/core/sandbox/index.ts';
import { deploymentManifest, kubectl, kubectlHome, openSandbox, podManifest, spawnKubectl } from '../support/sandbox-harness.ts';

/** The real kubectl v1.32 against the sandbox, default flags: reading commands. */

let sb: Sandbox;
let home: ReturnType<typeof kubectlHome>;
const k = (...args: string[]) => kubectl(sb, home.home, args);

before(async () => {
  home = kubectlHome();
  sb = await openSandbox();
  const { store } = sb;
  store.create({ group: '', resource: 'nodes' }, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1', labels: { 'node-role.kubernetes.io/control-plane': '' } },
    status: { conditions: [{ type: 'Ready', status: 'True' }], addresses: [{ type: 'InternalIP', address: '10.0.0.11' }], nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Debian', kernelVersion: '6.1', containerRuntimeVersion: 'containerd://1.7' } },
  });
  store.create({ group: '', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tracetest' } });
  const d = store.create({ group: 'apps', resource: 'deployments' }, deploymentManifest('api', 'tracetest', 2, 'kubeshop/tracetest:1.0'));
  store.updateStatus({ group: 'apps', resource: 'deployments' }, { ...d, status: { replicas: 2, readyReplicas: 1, updatedReplicas: 2, availableReplicas: 1, unavailableReplicas: 1, conditions: [{ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' }] } });
  for (const [name, ip, ready] of [['api-1', '10.244.0.5', true], ['api-2', '10.244.0.6', false]] as const) {
    store.create({ group: '', resource: 'pods' }, {
      ...podManifest(name, 'tracetest', { labels: { app: 'api' }, nodeName: 'node-1' }),
      status: { phase: 'Running', podIP: ip, containerStatuses: [{ name: 'main', ready, restartCount: ready ? 0 : 3, state: ready ? { running: {} } : { waiting: { reason: 'CrashLoopBackOff' } } }] },
    });
  }
  store.create({ group: '', resource: 'events' }, {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'api.1', namespace: 'tracetest' },
    involvedObject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', namespace: 'tracetest', uid: d.metadata.uid },
    reason: 'ScalingReplicaSet',
    message: 'Scaled up replica set api-5d8 to 2',
    type: 'Normal',
    source: { component: 'deployment-controller' },
    count: 1,
    firstTimestamp: new Date().toISOString(),
    lastTimestamp: new Date().toISOString(),
  });
  sb.appendLog('tracetest', 'api-1', 'main', 'listening on :8080');
  sb.appendLog('tracetest', 'api-1', 'main', 'ready');
});

after(async () => {
  await sb.close();
  home.cleanup();
});

describe('kubectl reads the sandbox', () => {
  test('version shows the server version', async () => {
    const r = await k('version');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Server Version: v1\.32\.0/);
  });

  test('api-resources lists built-ins with short names and groups', async () => {
    const r = await k('api-resources');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^pods\s+po\s+v1\s+true\s+Pod$/m);
    assert.match(r.stdout, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    assert.match(r.stdout, /^customresourcedefinitions\s+crd,crds\s+apiextensions\.k8s\.io\/v1\s+false\s+CustomResourceDefinition$/m);
    assert.match(r.stdout, /^leases\s+coordination\.k8s\.io\/v1\s+true\s+Lease$/m);
  });

  test('get ns prints NAME STATUS AGE', async () => {
    const r = await k('get', 'ns');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0]!, /^NAME\s+STATUS\s+AGE$/);
    assert.ok(lines.some((l) => /^tracetest\s+Active\s+\d+s$/.test(l)), r.stdout);
    assert.ok(lines.some((l) => /^kube-system\s+Active/.test(l)));
  });

  test('get pods -A -o wide shows readiness, status, restarts, IP and node', async () => {
    const r = await k('get', 'pods', '-A', '-o', 'wide');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0]!, /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
    assert.match(r.stdout, /^tracetest\s+api-1\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.0\.5\s+node-1\s+<none>\s+<none>$/m);
    assert.match(r.stdout, /^tracetest\s+api-2\s+0\/1\s+CrashLoopBackOff\s+3\s+\S+\s+10\.244\.0\.6\s+node-1/m);
  });

  test('get nodes shows status, roles and version', async () => {
    const r = await k('get', 'nodes');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^node-1\s+Ready\s+control-plane\s+\S+\s+v1\.32\.0$/m);
  });

  test('get deploy -n X -o yaml round-trips the object', async () => {
    const r = await k('get', 'deploy', '-n', 'tracetest', '-o', 'yaml');
    assert.equal(r.code, 0, r.stderr);
    const list = parse(r.stdout);
    assert.equal(list.kind, 'List');
    assert.equal(list.items.length, 1);
    const d = list.items[0];
    assert.equal(d.kind, 'Deployment');
    assert.equal(d.apiVersion, 'apps/v1');
    assert.equal(d.metadata.name, 'api');
    assert.equal(d.spec.template.spec.containers[0].image, 'kubeshop/tracetest:1.0');
    assert.equal(d.status.readyReplicas, 1);
  });

  test('get deploy prints READY UP-TO-DATE AVAILABLE', async () => {
    const r = await k('get', 'deploy', '-n', 'tracetest');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/m);
    assert.match(r.stdout, /^api\s+1\/2\s+2\s+1\s+\S+$/m);
  });

  test('describe deployment shows replicas, template and events', async () => {
    const r = await k('describe', 'deployment', 'api', '-n', 'tracetest');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Name:\s+api$/m);
    assert.match(r.stdout, /^Namespace:\s+tracetest$/m);
    assert.match(r.stdout, /^Replicas:\s+2 desired \| 2 updated \| 2 total \| 1 available \| 1 unavailable$/m);
    assert.match(r.stdout, /Image:\s+kubeshop\/tracetest:1\.0/);
    assert.match(r.stdout, /Available\s+False\s+MinimumReplicasUnavailable/);
    assert.match(r.stdout, /Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set api-5d8 to 2/);
  });

  test('logs prints a container log; --tail limits it', async () => {
    const r = await k('logs', 'api-1', '-n', 'tracetest');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'listening on :8080\nready\n');
    const tail = await k('logs', 'api-1', '-n', 'tracetest', '--tail=1');
    assert.equal(tail.stdout, 'ready\n');
  });

  test('logs -f streams lines as they are appended', async () => {
    const f = spawnKubectl(sb, home.home, ['logs', '-f', 'api-1', '-n', 'tracetest']);
    try {
      await f.waitForText('ready\n');
      sb.appendLog('tracetest', 'api-1', 'main', 'GET /healthz 200');
      const out = await f.waitForText('GET /healthz 200\n');
      assert.equal(out, 'listening on :8080\nready\nGET /healthz 200\n');
    } finally {
      f.child.kill('SIGTERM');
    }
  });

  test('auth can-i answers yes, and no under a deny rule', async () => {
    const yes = await k('auth', 'can-i', 'delete', 'pods', '-n', 'tracetest');
    assert.equal(yes.stdout.trim(), 'yes');
    sb.faults.addDenyRule({ verbs: ['delete'], group: '', resource: 'pods', namespace: 'tracetest' });
    try {
      const no = await k('auth', 'can-i', 'delete', 'pods', '-n', 'tracetest');
      assert.equal(no.stdout.trim(), 'no');
      assert.equal(no.code, 1);
      const forbidden = await k('delete', 'pod', 'api-1', '-n', 'tracetest');
      assert.notEqual(forbidden.code, 0);
      assert.match(forbidden.stderr, /Error from server \(Forbidden\): pods "api-1" is forbidden: User "sandbox-admin" cannot delete resource "pods" in API group "" in the namespace "tracetest"/);
    } finally {
      sb.faults.clear();
    }
  });

  test('impersonation: --as runs as that user, so deny rules for it apply', async () => {
    sb.faults.set({ deny: [{ user: 'jane', verbs: ['get', 'list'], group: '', resource: 'secrets' }] });
    try {
      const who = await k('auth', 'whoami', '--as=jane', '--as-group=ops');
      assert.match(who.stdout, /Username\s+jane/);
      assert.match(who.stdout, /Groups\s+\[ops system:authenticated\]/);
      assert.equal((await k('auth', 'can-i', 'list', 'secrets', '--as=jane')).stdout.trim(), 'no');
      assert.equal((await k('auth', 'can-i', 'list', 'secrets')).stdout.trim(), 'yes');
      const denied = await k('get', 'secrets', '-n', 'tracetest', '--as=jane');
      assert.match(denied.stderr, /secrets is forbidden: User "jane" cannot list resource "secrets" in API group "" in the namespace "tracetest"/);
    } finally {
      sb.faults.clear();
    }
  });

  test('get -w prints the list, then a change as it happens', async () => {
    const w = spawnKubectl(sb, home.home, ['get', 'pods', '-n', 'tracetest', '-w']);
    try {
      await w.waitForText('api-2');
      const pod = sb.store.get({ group: '', resource: 'pods' }, 'tracetest', 'api-2')!;
      sb.store.updateStatus({ group: '', resource: 'pods' }, { ...pod, status: { ...(pod.status as object), containerStatuses: [{ name: 'main', ready: true, restartCount: 3, state: { running: {} } }] } });
      const out = await w.waitForText(/api-2\s+1\/1\s+Running/);
      assert.match(out, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
      assert.match(out, /^api-2\s+1\/1\s+Running\s+3\s+\S+$/m);
    } finally {
      w.child.kill('SIGTERM');
    }
  });
});
