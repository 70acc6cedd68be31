import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { diagnoseConnection, diagnoseContext } from '../../electron/core/cluster/diagnose.ts';
import { KubeClient } from '../../electron/core/cluster/kube-client.ts';
import { loadKubeconfig } from '../../electron/core/cluster/kubeconfig-load.ts';
import { resolveContext } from '../../electron/core/cluster/resolve-context.ts';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/index.ts';

let sandbox: Sandbox;
let dir: string;
const clients: KubeClient[] = [];

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-sbx-'));
  sandbox = await startSandbox({ controllers: false, kubeconfigOut: path.join(dir, 'kubeconfig') });
});
after(async () => {
  for (const c of clients) c.close();
  await sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function clientFor(context: string): KubeClient {
  const c = new KubeClient(resolveContext(loadKubeconfig({ KUBECONFIG: sandbox.kubeconfigPath }), context), { env: {} });
  clients.push(c);
  return c;
}

describe('against the sandbox API server', () => {
  test('both sandbox contexts (token and client certificate) diagnose as ok with an identity', async () => {
    for (const context of ['sandbox', 'sandbox-cert']) {
      const d = await diagnoseContext({ KUBECONFIG: sandbox.kubeconfigPath }, context);
      assert.equal(d.class, 'ok', `${context}: ${d.message} ${d.hint ?? ''}`);
      assert.ok(d.identity?.username, 'SelfSubjectReview names the user');
      assert.match(d.serverVersion ?? '', /^v1\./);
      assert.ok(!JSON.stringify(d).includes(sandbox.token));
    }
  });

  test('request() lists, creates and gets objects; stream() sees the change', async () => {
    const c = clientFor('sandbox');
    const list = await c.request<{ metadata: { resourceVersion: string }; items: unknown[] }>({ path: '/api/v1/namespaces/default/configmaps' });
    const controller = new AbortController();
    const seen: string[] = [];
    const watching = (async () => {
      for await (const ev of c.stream<{ metadata: { name: string } }>({ path: '/api/v1/namespaces/default/configmaps', query: { resourceVersion: list.metadata.resourceVersion }, signal: controller.signal })) {
        seen.push(`${ev.type}:${ev.object.metadata.name}`);
        if (ev.object.metadata.name === 'gc-cluster-access') controller.abort();
      }
    })();
    await c.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gc-cluster-access' }, data: { a: '1' } } });
    const got = await c.request<{ data: Record<string, string> }>({ path: '/api/v1/namespaces/default/configmaps/gc-cluster-access' });
    assert.deepEqual(got.data, { a: '1' });
    await watching;
    assert.ok(seen.includes('ADDED:gc-cluster-access'), seen.join(', '));
    await assert.rejects(c.request({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gc-cluster-access' } } }), {
      name: 'KubeApiError',
      code: 'conflict',
    });
  });

  test('an RBAC denial of the SelfSubjectReview is "forbidden"; expired tokens are "unauthorized" while the certificate still works', async () => {
    sandbox.faults.addDenyRule({ verbs: ['create'], group: 'authentication.k8s.io', resource: 'selfsubjectreviews' });
    try {
      const d = await diagnoseConnection(clientFor('sandbox'));
      assert.equal(d.class, 'forbidden', d.message);
    } finally {
      sandbox.faults.clear();
    }
    sandbox.faults.expireTokens();
    try {
      const token = await diagnoseConnection(clientFor('sandbox'));
      assert.equal(token.class, 'unauthorized');
      assert.match(token.hint ?? '', /token of user "sandbox-token" .* expired, revoked/);
      const cert = await diagnoseConnection(clientFor('sandbox-cert'));
      assert.equal(cert.class, 'ok', cert.message);
    } finally {
      sandbox.faults.clear();
    }
  });
});
