import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import type { Sandbox } from '../../electron/core/sandbox/index.ts';
import { deploymentManifest, kubectl, kubectlHome, openSandbox, writeTemp } from '../support/sandbox-harness.ts';

/** kubectl commands that need the simulated controllers: rollout status/restart, wait --for=condition. */

const controllersPresent = existsSync(new URL('../../electron/core/sandbox/controllers/index.ts', import.meta.url));

let sb: Sandbox;
let home: ReturnType<typeof kubectlHome>;
const k = (...args: string[]) => kubectl(sb, home.home, args);

describe('kubectl rollouts on the sandbox controllers', { skip: !controllersPresent }, () => {
  before(async () => {
    home = kubectlHome();
    sb = await openSandbox({ controllers: true });
    sb.store.create({ group: '', resource: 'nodes' }, {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    });
    sb.store.create({ group: '', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  });
  after(async () => {
    await sb?.close();
    home?.cleanup();
  });

  test('apply, then rollout status and wait --for=condition=Available succeed', async () => {
    const manifest = writeTemp(home.home, 'web.yaml', stringify(deploymentManifest('web', 'shop', 2)));
    assert.equal((await k('apply', '-f', manifest)).code, 0);
    const status = await k('rollout', 'status', 'deployment/web', '-n', 'shop', '--timeout=40s');
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /deployment "web" successfully rolled out/);
    const wait = await k('wait', '--for=condition=Available', 'deployment/web', '-n', 'shop', '--timeout=40s');
    assert.equal(wait.code, 0, wait.stderr);
    assert.match(wait.stdout, /deployment.apps\/web condition met/);
    const pods = await k('get', 'pods', '-n', 'shop', '-l', 'app=web');
    assert.equal(pods.stdout.trim().split('\n').filter((l) => /\s1\/1\s+Running\s/.test(l)).length, 2, pods.stdout);
  });

  test('rollout restart makes a new replica set and rolls out again', async () => {
    const before = await k('get', 'rs', '-n', 'shop', '-o', 'name');
    const restart = await k('rollout', 'restart', 'deployment/web', '-n', 'shop');
    assert.equal(restart.code, 0, restart.stderr);
    assert.match(restart.stdout, /deployment.apps\/web restarted/);
    const status = await k('rollout', 'status', 'deployment/web', '-n', 'shop', '--timeout=40s');
    assert.equal(status.code, 0, status.stderr);
    const after = await k('get', 'rs', '-n', 'shop', '-o', 'name');
    assert.ok(after.stdout.trim().split('\n').length > before.stdout.trim().split('\n').length, `${before.stdout} → ${after.stdout}`);
  });
});
