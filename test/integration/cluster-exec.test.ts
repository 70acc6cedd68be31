import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { diagnoseContext } from '../../electron/core/cluster/diagnose.ts';
import { KubeClient } from '../../electron/core/cluster/kube-client.ts';
import { ClusterConnectionError } from '../../electron/core/cluster/kube-errors.ts';
import { makeTestPki, type TestPki } from '../support/cluster-certs.ts';
import { startFakeApiServer, type FakeApiServer } from '../support/cluster-fake-apiserver.ts';
import { resolveFile, writeKubeconfig } from '../support/cluster-kubeconfig.ts';

let pki: TestPki;
let api: FakeApiServer;
let root: string;
const clients: KubeClient[] = [];
const EXPIRY = '2030-01-01T00:00:00Z';
const expiryMs = Date.parse(EXPIRY);

/**
 * A real credential plugin: counts its runs, records its arguments and KUBERNETES_EXEC_INFO,
 * and prints an ExecCredential whose token names the run (exec-token-1, exec-token-2, …).
 */
const PLUGIN = `#!/bin/sh
dir="$(dirname "$0")"
n=$(cat "$dir/count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$dir/count"
printf '%s' "$KUBERNETES_EXEC_INFO" > "$dir/exec-info.json"
printf '%s\\n' "$@" > "$dir/args"
printf '{"kind":"ExecCredential","apiVersion":"%s","status":{"token":"exec-token-%s","expirationTimestamp":"%s"}}' "$PLUGIN_API_VERSION" "$n" "$PLUGIN_EXPIRY"
`;

before(async () => {
  pki = makeTestPki();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-exec-'));
  api = await startFakeApiServer({ pki, tokens: { 'exec-token-1': 'sso:ada', 'exec-token-2': 'sso:ada', 'exec-token-3': 'sso:ada' } });
});
after(async () => {
  for (const c of clients) c.close();
  await api.close();
  pki.cleanup();
  fs.rmSync(root, { recursive: true, force: true });
});

function setup(name: string, exec: Record<string, unknown>, script = PLUGIN, clock?: { now: number }) {
  const dir = fs.mkdtempSync(path.join(root, `${name}-`));
  fs.writeFileSync(path.join(dir, 'plugin.sh'), script, { mode: 0o755 });
  const file = writeKubeconfig(dir, 'config', { cluster: { server: api.url, 'certificate-authority': pki.caCertFile }, user: { exec } });
  const client = new KubeClient(resolveFile(file), { env: { PATH: process.env.PATH }, exec: { stdinIsTTY: false, ...(clock ? { now: () => clock.now } : {}) } });
  clients.push(client);
  const runs = () => Number(fs.existsSync(path.join(dir, 'count')) ? fs.readFileSync(path.join(dir, 'count'), 'utf8') : 0);
  return { dir, client, runs };
}

const execEnv = (apiVersion: string) => [
  { name: 'PLUGIN_API_VERSION', value: apiVersion },
  { name: 'PLUGIN_EXPIRY', value: EXPIRY },
];

describe('exec credential plugins', () => {
  for (const apiVersion of ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1']) {
    test(`${apiVersion}: token cached until a minute before expirationTimestamp, then fetched again`, async () => {
      const clock = { now: expiryMs - 10 * 60_000 };
      const { client, runs, dir } = setup(apiVersion.split('/')[1]!, { command: './plugin.sh', apiVersion, args: ['get-token', '--cluster=lab'], env: execEnv(apiVersion), interactiveMode: 'Never' }, PLUGIN, clock);
      await client.request({ path: '/version' });
      await client.request({ path: '/version' });
      assert.equal(runs(), 1, 'a valid credential is reused');
      assert.equal(api.requests.at(-1)?.authorization, 'Bearer exec-token-1');
      clock.now = expiryMs - 30_000; // inside the refresh window
      await client.request({ path: '/version' });
      assert.equal(runs(), 2);
      assert.equal(api.requests.at(-1)?.authorization, 'Bearer exec-token-2');
      assert.deepEqual(fs.readFileSync(path.join(dir, 'args'), 'utf8').trim().split('\n'), ['get-token', '--cluster=lab']);
      const info = JSON.parse(fs.readFileSync(path.join(dir, 'exec-info.json'), 'utf8')) as { apiVersion: string; spec: { interactive: boolean; cluster?: unknown } };
      assert.equal(info.apiVersion, apiVersion);
      assert.equal(info.spec.interactive, false);
      assert.equal(info.spec.cluster, undefined, 'cluster info only with provideClusterInfo');
    });
  }

  test('provideClusterInfo puts the cluster into KUBERNETES_EXEC_INFO', async () => {
    const apiVersion = 'client.authentication.k8s.io/v1';
    const { client, dir } = setup('clusterinfo', { command: './plugin.sh', apiVersion, env: execEnv(apiVersion), provideClusterInfo: true });
    await client.request({ path: '/version' });
    const info = JSON.parse(fs.readFileSync(path.join(dir, 'exec-info.json'), 'utf8')) as { spec: { cluster: Record<string, string> } };
    assert.equal(info.spec.cluster.server, api.url);
    assert.equal(Buffer.from(info.spec.cluster['certificate-authority-data']!, 'base64').toString(), pki.caCert);
  });

  test('a 401 runs the plugin again and retries once with the fresh token', async () => {
    const apiVersion = 'client.authentication.k8s.io/v1';
    const { client, runs } = setup('revoked', { command: './plugin.sh', apiVersion, env: execEnv(apiVersion) }, PLUGIN, { now: expiryMs - 3_600_000 });
    api.tokens.delete('exec-token-1'); // revoked server-side before it expires
    try {
      const before = api.requests.length;
      await client.request({ path: '/version' });
      assert.equal(runs(), 2);
      assert.deepEqual(api.requests.slice(before).map((r) => r.user), [null, 'sso:ada']);
    } finally {
      api.tokens.set('exec-token-1', 'sso:ada');
    }
  });

  test('a missing plugin is exec-missing, naming the command and its installHint (preflight and request)', async () => {
    const { client } = setup('missing', { command: 'gke-gcloud-auth-plugin-not-installed', apiVersion: 'client.authentication.k8s.io/v1beta1', installHint: 'gcloud components install gke-gcloud-auth-plugin' });
    const check = (err: unknown) => {
      assert.ok(err instanceof ClusterConnectionError);
      assert.equal(err.connectionClass, 'exec-missing');
      assert.match(err.message, /gke-gcloud-auth-plugin-not-installed/);
      assert.match(err.hint, /install hint: gcloud components install gke-gcloud-auth-plugin/);
      assert.match(err.hint, /`gke-gcloud-auth-plugin-not-installed --version`/);
      return true;
    };
    assert.throws(() => client.preflight(), check);
    await assert.rejects(client.request({ path: '/version' }), check);
  });

  test('a failing plugin is exec-failed with its stderr and exit code', async () => {
    const failing = '#!/bin/sh\necho "error: refresh token expired; run: sso login" >&2\nexit 3\n';
    const { client } = setup('failing', { command: './plugin.sh', apiVersion: 'client.authentication.k8s.io/v1' }, failing);
    await assert.rejects(client.request({ path: '/version' }), (err: unknown) => {
      assert.ok(err instanceof ClusterConnectionError);
      assert.equal(err.connectionClass, 'exec-failed');
      assert.match(err.message, /exited with code 3/);
      assert.match(err.message, /refresh token expired; run: sso login/);
      assert.equal((err as unknown as { exitCode: number }).exitCode, 3);
      return true;
    });
  });

  test('output that is not an ExecCredential of the configured version is exec-failed', async () => {
    const wrongVersion = `#!/bin/sh\nprintf '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":"x"}}'\n`;
    const { client } = setup('wrongversion', { command: './plugin.sh', apiVersion: 'client.authentication.k8s.io/v1' }, wrongVersion);
    await assert.rejects(client.request({ path: '/version' }), { connectionClass: 'exec-failed', message: /apiVersion "client.authentication.k8s.io\/v1beta1" but the kubeconfig asks for client.authentication.k8s.io\/v1/ });
    const garbage = '#!/bin/sh\necho "Please open https://login.example in a browser"\n';
    const second = setup('garbage', { command: './plugin.sh', apiVersion: 'client.authentication.k8s.io/v1' }, garbage);
    await assert.rejects(second.client.request({ path: '/version' }), { connectionClass: 'exec-failed', message: /not an ExecCredential JSON/ });
  });

  test('interactiveMode Always without a terminal fails clearly instead of hanging', async () => {
    const { client, runs } = setup('always', { command: './plugin.sh', apiVersion: 'client.authentication.k8s.io/v1', interactiveMode: 'Always' });
    await assert.rejects(client.request({ path: '/version' }), { connectionClass: 'exec-failed', message: /needs an interactive terminal/ });
    assert.equal(runs(), 0);
  });

  test('a plugin may return a client certificate instead of a token', async () => {
    const dir = fs.mkdtempSync(path.join(root, 'certcred-'));
    const credential = { kind: 'ExecCredential', apiVersion: 'client.authentication.k8s.io/v1', status: { clientCertificateData: pki.clientCert, clientKeyData: pki.clientKey } };
    fs.writeFileSync(path.join(dir, 'cred.json'), JSON.stringify(credential));
    const { client } = setup('certcred', { command: './plugin.sh', apiVersion: 'client.authentication.k8s.io/v1' }, `#!/bin/sh\ncat "${path.join(dir, 'cred.json')}"\n`);
    await client.request({ path: '/version' });
    assert.equal(api.requests.at(-1)?.user, 'alice');
    assert.equal(api.requests.at(-1)?.authorization, undefined);
  });

  test('a plugin that hangs is killed and reported, and a no-terminal IfAvailable run says it could not prompt', async () => {
    const dir = fs.mkdtempSync(path.join(root, 'hang-'));
    fs.writeFileSync(path.join(dir, 'plugin.sh'), '#!/bin/sh\nexec sleep 30\n', { mode: 0o755 });
    const file = writeKubeconfig(dir, 'config', { cluster: { server: api.url, 'certificate-authority': pki.caCertFile }, user: { exec: { command: './plugin.sh', apiVersion: 'client.authentication.k8s.io/v1', interactiveMode: 'IfAvailable' } } });
    const client = new KubeClient(resolveFile(file), { env: { PATH: process.env.PATH }, exec: { stdinIsTTY: false, timeoutMs: 200 } });
    clients.push(client);
    await assert.rejects(client.request({ path: '/version' }), { connectionClass: 'exec-failed', message: /did not finish within 200 ms \(no terminal was attached/ });
  });

  test('concurrent requests share one plugin run', async () => {
    const apiVersion = 'client.authentication.k8s.io/v1';
    const { client, runs } = setup('concurrent', { command: './plugin.sh', apiVersion, env: execEnv(apiVersion) }, PLUGIN, { now: expiryMs - 3_600_000 });
    await Promise.all([1, 2, 3, 4].map(() => client.request({ path: '/version' })));
    assert.equal(runs(), 1);
  });

  test('a plugin found only on the login shell PATH works with GROUNDCREW_LOGIN_SHELL_PATH=1, and is exec-missing without it', async () => {
    const home = fs.mkdtempSync(path.join(root, 'home-'));
    const bin = path.join(home, 'sdk-bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'gc-sso-plugin'), PLUGIN.replace('dir="$(dirname "$0")"', `dir="${home}"`), { mode: 0o755 });
    fs.writeFileSync(path.join(home, '.bash_profile'), `export PATH="${bin}:$PATH"\n`);
    const apiVersion = 'client.authentication.k8s.io/v1';
    const file = writeKubeconfig(home, 'config', { cluster: { server: api.url, 'certificate-authority': pki.caCertFile }, user: { exec: { command: 'gc-sso-plugin', apiVersion, env: execEnv(apiVersion) } } });
    const env = { HOME: home, SHELL: '/bin/bash', PATH: '/usr/bin:/bin', TERM: 'dumb' };
    const without = await diagnoseContext(env, null, { kubeconfig: file });
    assert.equal(without.class, 'exec-missing');
    assert.match(without.hint ?? '', /GROUNDCREW_LOGIN_SHELL_PATH=1/);
    const withLogin = await diagnoseContext({ ...env, GROUNDCREW_LOGIN_SHELL_PATH: '1' }, null, { kubeconfig: file, client: { exec: { stdinIsTTY: false } } });
    assert.equal(withLogin.class, 'ok', `${withLogin.message} ${withLogin.hint ?? ''}`);
    assert.equal(withLogin.identity?.username, 'sso:ada');
  });
});
