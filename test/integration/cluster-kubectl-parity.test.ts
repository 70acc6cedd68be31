import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { KubeClient } from '../../electron/core/cluster/kube-client.ts';
import { makeTestPki, type TestPki } from '../support/cluster-certs.ts';
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy.ts';
import { startFakeApiServer, type FakeApiServer } from '../support/cluster-fake-apiserver.ts';
import { resolveFile, writeKubeconfig } from '../support/cluster-kubeconfig.ts';

/**
 * The same kubeconfig and environment given to the real kubectl and to KubeClient must lead to
 * the same route (proxy or direct), the same TLS outcome and the same exec plugin protocol.
 */
const run = promisify(execFile);
const KUBECTL = '/usr/bin/kubectl';
const NAME = 'kube.groundcrew.test';

let pki: TestPki;
let api: FakeApiServer;
let proxy: ConnectProxy;
let dir: string;
const clients: KubeClient[] = [];

before(async () => {
  pki = makeTestPki();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-parity-'));
  api = await startFakeApiServer({ pki, tokens: { 'parity-token': 'pat', 'exec-token-1': 'sso', 'exec-token-2': 'sso' } });
  proxy = await startConnectProxy({ hosts: { [NAME]: '127.0.0.1' } });
});
after(async () => {
  for (const c of clients) c.close();
  await proxy.close();
  await api.close();
  pki.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function kubectl(file: string, env: NodeJS.ProcessEnv): Promise<{ ok: boolean; out: string }> {
  try {
    const { stdout } = await run(KUBECTL, ['--kubeconfig', file, '--request-timeout=5s', 'get', '--raw', '/version'], { env: { PATH: process.env.PATH, HOME: dir, ...env }, timeout: 20_000 });
    return { ok: true, out: stdout };
  } catch (err) {
    return { ok: false, out: String((err as { stderr?: string }).stderr ?? err) };
  }
}

async function ours(file: string, env: NodeJS.ProcessEnv): Promise<{ ok: boolean; out: string }> {
  const c = new KubeClient(resolveFile(file), { env, timeoutMs: 5_000 });
  clients.push(c);
  try {
    return { ok: true, out: JSON.stringify(await c.request({ path: '/version' })) };
  } catch (err) {
    return { ok: false, out: String(err) };
  }
}

let n = 0;
const cases: Array<{ name: string; cluster: () => Record<string, unknown>; env?: () => NodeJS.ProcessEnv; viaProxy: boolean; ok?: boolean }> = [
  { name: 'proxy-url to a loopback server', cluster: () => ({ server: api.url, 'proxy-url': proxy.url }), viaProxy: true },
  { name: 'HTTPS_PROXY is not used for a loopback server', cluster: () => ({ server: api.url }), env: () => ({ HTTPS_PROXY: proxy.url }), viaProxy: false },
  { name: 'HTTPS_PROXY for a named server (the proxy resolves it)', cluster: () => ({ server: `https://${NAME}:${api.port}` }), env: () => ({ HTTPS_PROXY: proxy.url }), viaProxy: true },
  { name: 'proxy-url wins over NO_PROXY=*', cluster: () => ({ server: `https://${NAME}:${api.port}`, 'proxy-url': proxy.url }), env: () => ({ HTTPS_PROXY: 'http://127.0.0.1:9', NO_PROXY: '*' }), viaProxy: true },
  { name: 'tls-server-name names a SAN of the certificate', cluster: () => ({ server: `https://localhost:${api.port}`, 'tls-server-name': NAME }), viaProxy: false },
  { name: 'tls-server-name names something else', cluster: () => ({ server: `https://localhost:${api.port}`, 'tls-server-name': 'other.groundcrew.test' }), viaProxy: false, ok: false },
];

describe('kubectl and KubeClient agree', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const file = writeKubeconfig(dir, `parity-${++n}`, { cluster: { 'certificate-authority': pki.caCertFile, ...c.cluster() }, user: { token: 'parity-token' } });
      const env = c.env?.() ?? {};
      for (const [who, attempt] of [['kubectl', kubectl], ['KubeClient', ours]] as const) {
        const before = proxy.tunnels;
        const result = await attempt(file, env);
        assert.equal(result.ok, c.ok ?? true, `${who}: ${result.out}`);
        if (result.ok) assert.match(result.out, /v1\.32\.0-fake/);
        // kubectl may open a second tunnel for its first request; what must agree is the route.
        assert.equal(proxy.tunnels - before > 0, c.viaProxy, `${who} went ${proxy.tunnels > before ? 'through' : 'around'} the proxy`);
      }
    });
  }

  test('the same exec plugin works for both, and both hand it the same KUBERNETES_EXEC_INFO', async () => {
    const plugin = path.join(dir, 'plugin.sh');
    fs.writeFileSync(
      plugin,
      `#!/bin/sh\nprintf '%s' "$KUBERNETES_EXEC_INFO" > "$(dirname "$0")/info-$WHO.json"\nprintf '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"exec-token-1","expirationTimestamp":"2099-01-01T00:00:00Z"}}'\n`,
      { mode: 0o755 },
    );
    const file = writeKubeconfig(dir, 'parity-exec', {
      cluster: { server: api.url, 'certificate-authority': pki.caCertFile, extensions: [{ name: 'client.authentication.k8s.io/exec', extension: { audience: 'lab' } }] },
      user: { exec: { command: './plugin.sh', apiVersion: 'client.authentication.k8s.io/v1', provideClusterInfo: true, interactiveMode: 'Never', args: ['--x'] } },
    });
    assert.equal((await kubectl(file, { WHO: 'kubectl' })).ok, true);
    assert.equal((await ours(file, { WHO: 'ours', PATH: process.env.PATH })).ok, true);
    const read = (who: string) => JSON.parse(fs.readFileSync(path.join(dir, `info-${who}.json`), 'utf8')) as Record<string, unknown>;
    if (process.env.GC_SHOW_EXEC_INFO) console.log(JSON.stringify(read('ours')), JSON.stringify(read('kubectl')));
    assert.deepEqual(read('ours'), read('kubectl'));
    assert.deepEqual((read('ours').spec as { cluster: { config: unknown } }).cluster.config, { audience: 'lab' });
  });
});
