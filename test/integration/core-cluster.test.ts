import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import { createCore, type Core } from '../../electron/core/core.ts';
import type { ContextsList } from '../../shared/model/context.ts';
import type { ConnectionDiagnosis } from '../../shared/model/connection.ts';
import type { PermissionsReport } from '../../shared/model/permissions.ts';
import { tempDir, writeFile } from '../support/temp.ts';
import { writeThreeContexts } from '../support/kubeconfigs.ts';
import { testSandbox } from '../support/sandbox.ts';

async function call<T>(core: Core, op: string, input: unknown): Promise<T> {
  const outcome = await core.invoke(op, input);
  if (!outcome.ok) assert.fail(`${op}: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result as T;
}

describe('the core over the contract: cluster access', () => {
  test('the contexts stream follows kubeconfig edits, reports a broken edit and recovers', async () => {
    const dir = tempDir();
    const { files, KUBECONFIG } = writeThreeContexts(dir);
    const core = createCore({ appRoot: process.cwd(), host: 'cli', env: { KUBECONFIG, GROUNDCREW_HOME: dir } });
    const messages: Array<{ type: string; event?: unknown; error?: { message: string } }> = [];
    const stop = core.subscribe('contexts.changes', {}, (m) => messages.push(m));
    const waitFor = async (pred: () => boolean, what: string) => {
      for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 25));
      assert.ok(pred(), what);
    };
    await waitFor(() => messages.length === 1, 'the first list');
    const original = fs.readFileSync(files[1]!, 'utf8');
    // Editors replace files by rename: do the same.
    writeFile(dir, 'b.yaml.tmp', original.replace('contexts:\n', 'contexts:\n- name: delta\n  context: {cluster: cluster-b, user: user-b}\n'));
    fs.renameSync(`${dir}/b.yaml.tmp`, files[1]!);
    await waitFor(() => messages.some((m) => m.type === 'event' && (m.event as ContextsList).contexts.some((c) => c.name === 'delta')), 'the added context');
    fs.writeFileSync(files[1]!, 'clusters: [\n');
    await waitFor(() => messages.some((m) => m.type === 'error'), 'an error for the broken file');
    assert.match(messages.find((m) => m.type === 'error')!.error!.message, /b\.yaml:\d+: invalid YAML/);
    fs.writeFileSync(files[1]!, original);
    const count = messages.length;
    await waitFor(() => messages.length > count && messages.at(-1)!.type === 'event', 'recovery');
    assert.deepEqual((messages.at(-1)!.event as ContextsList).contexts.map((c) => c.name), ['alpha', 'beta', 'gamma']);
    stop();
    core.close();
  });

  test('cluster.connect: ok against the sandbox with identity and version; a closed port is "refused"', async () => {
    const sandbox = await testSandbox({ controllers: false });
    const dir = tempDir();
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const broken = writeFile(dir, 'closed.yaml', fs.readFileSync(sandbox.kubeconfigPath, 'utf8').replace(/https:\/\/127\.0\.0\.1:\d+/g, `https://127.0.0.1:${closed}`));
    const core = createCore({ appRoot: process.cwd(), host: 'cli', env: { GROUNDCREW_HOME: dir }, kubeconfig: sandbox.kubeconfigPath });
    const ok = await call<ConnectionDiagnosis>(core, 'cluster.connect', { context: 'sandbox' });
    assert.equal(ok.ok, true, ok.message);
    assert.equal(ok.identity?.username, 'sandbox-admin');
    assert.match(ok.serverVersion ?? '', /^v1\.32/);
    const certUser = await call<ConnectionDiagnosis>(core, 'cluster.connect', { context: 'sandbox-cert' });
    assert.equal(certUser.ok, true, certUser.message);
    const unknown = await core.invoke('cluster.connect', { context: 'nope' });
    assert.equal(unknown.ok, false);
    core.close();
    // The closed-port kubeconfig on its own: every context in it points at nothing.
    const core2 = createCore({ appRoot: process.cwd(), host: 'cli', env: { GROUNDCREW_HOME: dir }, kubeconfig: broken });
    const refused = await call<ConnectionDiagnosis>(core2, 'cluster.connect', {});
    assert.equal(refused.ok, false);
    assert.equal(refused.class, 'refused', refused.message);
    assert.ok(refused.hint);
    core2.close();
  });

  test('cluster.permissions: a deny rule disables repair with the missing permission named', async () => {
    const sandbox = await testSandbox({ controllers: false });
    const dir = tempDir();
    const core = createCore({ appRoot: process.cwd(), host: 'cli', env: { GROUNDCREW_HOME: dir }, kubeconfig: sandbox.kubeconfigPath });
    const all = await call<PermissionsReport>(core, 'cluster.permissions', {});
    assert.ok(all.operations.every((o) => o.allowed), JSON.stringify(all.operations.filter((o) => !o.allowed)));
    sandbox.faults.addDenyRule({ verbs: ['patch'], group: '', resource: 'configmaps' });
    const denied = await call<PermissionsReport>(core, 'cluster.permissions', {});
    const repair = denied.operations.find((o) => o.operation === 'repair')!;
    assert.equal(repair.allowed, false);
    assert.deepEqual(repair.missing.map((m) => `${m.verb} ${m.resource}`), ['patch configmaps']);
    assert.equal(denied.operations.find((o) => o.operation === 'inspect')!.allowed, true);
    core.close();
  });
});
