import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { KubeClient } from '../../electron/core/cluster/kube-client.ts';
import { loadKubeconfig } from '../../electron/core/cluster/kubeconfig-load.ts';
import { resolveContext } from '../../electron/core/cluster/resolve-context.ts';
import { diagnoseConnection } from '../../electron/core/cluster/diagnose.ts';
import { startConnectProxy } from '../support/connect-proxy.ts';
import { tempDir } from '../support/temp.ts';
import { testSandbox } from '../support/sandbox.ts';

/**
 * Every way of authenticating, against the sandbox API server over HTTPS (its own CA): the two
 * users it writes (token, client certificate) and kubeconfigs an operator would write by hand
 * for tokenFile, an exec plugin and a CONNECT proxy.
 */
interface Kubeconfig {
  clusters: Array<{ name: string; cluster: Record<string, unknown> }>;
  users: Array<{ name: string; user: Record<string, unknown> }>;
}

describe('authenticating to the sandbox', async () => {
  const sandbox = await testSandbox({ controllers: false });
  const dir = tempDir();
  const written = parse(sandbox.kubeconfig) as Kubeconfig;
  const cluster = written.clusters[0]!.cluster;

  /** A kubeconfig with the sandbox's cluster entry and the given user. */
  function kubeconfigWith(user: Record<string, unknown>, clusterExtra: Record<string, unknown> = {}): string {
    const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}`);
    fs.writeFileSync(
      file,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': 'c',
        clusters: [{ name: 'sb', cluster: { ...cluster, ...clusterExtra } }],
        users: [{ name: 'u', user }],
        contexts: [{ name: 'c', context: { cluster: 'sb', user: 'u' } }],
      }),
    );
    return file;
  }
  const client = (file: string, options: ConstructorParameters<typeof KubeClient>[1] = {}) => new KubeClient(resolveContext(loadKubeconfig({}, file), 'c'), { env: { PATH: process.env.PATH }, ...options });
  const whoAmI = async (c: KubeClient) => {
    const d = await diagnoseConnection(c);
    c.close();
    assert.equal(d.ok, true, `${d.class}: ${d.message}`);
    return d.identity?.username;
  };

  test('bearer token and client certificate (the kubeconfig the sandbox writes)', async () => {
    for (const [context, user] of [['sandbox', 'sandbox-admin'], ['sandbox-cert', 'sandbox-cert-admin']] as const) {
      const c = new KubeClient(resolveContext(loadKubeconfig({}, sandbox.kubeconfigPath), context));
      assert.equal(await whoAmI(c), user);
    }
  });

  test('tokenFile', async () => {
    const tokenFile = path.join(dir, 'token');
    fs.writeFileSync(tokenFile, `${sandbox.token}\n`);
    assert.equal(await whoAmI(client(kubeconfigWith({ tokenFile }))), 'sandbox-admin');
    fs.writeFileSync(tokenFile, 'not-the-token\n');
    const d = await diagnoseConnection(client(kubeconfigWith({ tokenFile })));
    assert.equal(d.class, 'unauthorized');
  });

  test('an exec plugin (a real executable) whose token expires and is fetched again', async () => {
    const plugin = path.join(dir, 'plugin.sh');
    const count = path.join(dir, 'runs');
    fs.writeFileSync(
      plugin,
      `#!/bin/sh
n=$(cat "${count}" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "${count}"
printf '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"%s","expirationTimestamp":"%s"}}' "$SANDBOX_TOKEN" "$EXPIRES"
`,
      { mode: 0o755 },
    );
    const expires = Date.now() + 10 * 60_000;
    const clock = { now: Date.now() };
    const file = kubeconfigWith({
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: plugin,
        env: [
          { name: 'SANDBOX_TOKEN', value: sandbox.token },
          { name: 'EXPIRES', value: new Date(expires).toISOString() },
        ],
        interactiveMode: 'Never',
      },
    });
    const c = client(file, { exec: { stdinIsTTY: false, now: () => clock.now } });
    await c.request({ path: '/api/v1/namespaces' });
    await c.request({ path: '/api/v1/namespaces' });
    assert.equal(fs.readFileSync(count, 'utf8').trim(), '1', 'the credential is cached while valid');
    clock.now = expires - 30_000; // inside the last minute: refresh before it expires
    await c.request({ path: '/api/v1/namespaces' });
    assert.equal(fs.readFileSync(count, 'utf8').trim(), '2', 'fetched again near expiry');
    assert.equal(await whoAmI(c), 'sandbox-admin');
  });

  test('through a real HTTP CONNECT proxy named by proxy-url', async () => {
    const proxy = await startConnectProxy();
    try {
      const file = kubeconfigWith({ token: sandbox.token }, { 'proxy-url': proxy.url });
      assert.equal(await whoAmI(client(file)), 'sandbox-admin');
      assert.ok(proxy.tunnels >= 1, 'the connection went through the proxy');
      assert.equal(proxy.targets[0], new URL(String(cluster.server)).host);
    } finally {
      await proxy.close();
    }
  });
});
