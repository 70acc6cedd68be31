import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { startSandbox } from '../../electron/core/sandbox/index.ts';
import { api, kubectl, kubectlHome } from '../support/sandbox-harness.ts';

/** Starting, persisting and restarting the sandbox; the `groundcrew sandbox` command. */

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
};
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const caOf = (kubeconfig: string) => (parse(kubeconfig) as { clusters: Array<{ cluster: Record<string, string> }> }).clusters[0]!.cluster['certificate-authority-data'];

describe('sandbox lifecycle', () => {
  test('with a stateDir, objects, token and CA survive a restart', async () => {
    const stateDir = tempDir('sandbox-state-');
    const first = await startSandbox({ stateDir, controllers: false });
    const created = await api(first, 'POST', '/api/v1/namespaces/default/configmaps', { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept' }, data: { a: '1' } } });
    assert.equal(created.status, 201);
    const { token, kubeconfig } = first;
    await first.close();
    const second = await startSandbox({ stateDir, controllers: false });
    try {
      assert.equal(second.token, token);
      assert.equal(caOf(second.kubeconfig), caOf(kubeconfig));
      assert.equal(second.kubeconfigPath, path.join(stateDir, 'kubeconfig'));
      const kept = await api(second, 'GET', '/api/v1/namespaces/default/configmaps/kept');
      assert.equal(kept.status, 200);
      assert.equal(kept.json.metadata.uid, created.json.metadata.uid);
      assert.equal(kept.json.data.a, '1');
      const next = await api(second, 'POST', '/api/v1/namespaces/default/configmaps', { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after' } } });
      assert.ok(Number(next.json.metadata.resourceVersion) > Number(created.json.metadata.resourceVersion), 'resourceVersions keep increasing across restarts');
    } finally {
      await second.close();
    }
  });

  test('a named scenario is loaded into the store; an unknown one fails before anything listens', async () => {
    await assert.rejects(startSandbox({ scenario: 'no-such-scenario', controllers: false }), /no-such-scenario/);
    const sb = await startSandbox({ scenario: 'tracetest-healthy', controllers: false });
    try {
      const namespaces = sb.store.list({ group: '', resource: 'namespaces' }).map((n) => n.metadata.name);
      assert.ok(namespaces.length > 4, `the scenario added namespaces: ${namespaces.join(', ')}`);
      assert.ok(sb.store.list({ group: 'apps', resource: 'deployments' }).length > 0);
    } finally {
      await sb.close();
    }
  });

  test('groundcrew sandbox prints the URL, the kubeconfig and "ready", serves kubectl, and stops on SIGTERM', async () => {
    const out = path.join(tempDir('sandbox-cli-'), 'kubeconfig');
    const child = spawn(process.execPath, ['bin/groundcrew.js', 'sandbox', '--port', '0', '--kubeconfig-out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 30_000;
      while (!/^ready$/m.test(stdout)) {
        assert.ok(Date.now() < deadline, `no "ready" line; stdout: ${stdout} stderr: ${stderr}`);
        assert.equal(child.exitCode, null, `exited early: ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.match(stdout, /^Sandbox API server: https:\/\/127\.0\.0\.1:\d+$/m);
      assert.match(stdout, new RegExp(`^Kubeconfig: ${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 'm'));
      const home = kubectlHome();
      try {
        const ns = await kubectl({ kubeconfigPath: out } as Parameters<typeof kubectl>[0], home.home, ['get', 'ns', 'kube-system', '-o', 'name']);
        assert.equal(ns.stdout.trim(), 'namespace/kube-system', ns.stderr);
      } finally {
        home.cleanup();
      }
      assert.ok(readFileSync(out, 'utf8').includes('sandbox-cert'));
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, stderr);
  });
});
