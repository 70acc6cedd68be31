import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { KubeClient, type WatchEvent } from '../../electron/core/cluster/kube-client.ts';
import { KubeApiError } from '../../electron/core/cluster/kube-errors.ts';
import { b64, makeTestPki, type TestPki } from '../support/cluster-certs.ts';
import { startFakeApiServer, type FakeApiServer } from '../support/cluster-fake-apiserver.ts';
import { resolveFile, writeKubeconfig } from '../support/cluster-kubeconfig.ts';

let pki: TestPki;
let api: FakeApiServer;
let dir: string;
const clients: KubeClient[] = [];

before(async () => {
  pki = makeTestPki();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-auth-'));
  api = await startFakeApiServer({ pki, tokens: { 'static-token-1': 'tina', 'oidc-id-token.x.y': 'oidc:olga' } });
});
after(async () => {
  for (const c of clients) c.close();
  await api.close();
  pki.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

function clientFor(name: string, user: Record<string, unknown>, cluster: Record<string, unknown> = {}): KubeClient {
  const file = writeKubeconfig(dir, name, { cluster: { server: api.url, 'certificate-authority': pki.caCertFile, ...cluster }, user });
  const client = new KubeClient(resolveFile(file), { env: {} });
  clients.push(client);
  return client;
}

async function whoAmI(client: KubeClient): Promise<string> {
  const review = await client.request<{ status: { userInfo: { username: string } } }>({
    method: 'POST',
    path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
  });
  return review.status.userInfo.username;
}

describe('KubeClient authenticates over HTTPS', () => {
  test('client certificate from files', async () => {
    const client = clientFor('cert-file.yaml', { 'client-certificate': pki.clientCertFile, 'client-key': pki.clientKeyFile });
    assert.equal(await whoAmI(client), 'alice');
  });

  test('client certificate from *-data, with the CA as data too', async () => {
    const client = clientFor('cert-data.yaml', { 'client-certificate-data': b64(pki.clientCert), 'client-key-data': b64(pki.clientKey) }, { 'certificate-authority': undefined, 'certificate-authority-data': b64(pki.caCert) });
    assert.equal(await whoAmI(client), 'alice');
  });

  test('bearer token', async () => {
    const client = clientFor('token.yaml', { token: 'static-token-1' });
    assert.equal(await whoAmI(client), 'tina');
    assert.equal(api.requests.at(-1)?.authorization, 'Bearer static-token-1');
  });

  test('tokenFile is read again on every request, so a rotated token is used at once', async () => {
    const tokenFile = path.join(dir, 'sa-token');
    fs.writeFileSync(tokenFile, 'rotating-1\n');
    api.tokens.set('rotating-1', 'robot-v1');
    api.tokens.set('rotating-2', 'robot-v2');
    const client = clientFor('token-file.yaml', { tokenFile: 'sa-token' });
    assert.equal(await whoAmI(client), 'robot-v1');
    fs.writeFileSync(tokenFile, 'rotating-2\n');
    assert.equal(await whoAmI(client), 'robot-v2');
  });

  test('OIDC auth-provider id-token is sent as the bearer token', async () => {
    const client = clientFor('oidc.yaml', { 'auth-provider': { name: 'oidc', config: { 'id-token': 'oidc-id-token.x.y', 'idp-issuer-url': 'https://idp.invalid' } } });
    assert.equal(await whoAmI(client), 'oidc:olga');
  });

  test('one keep-alive connection serves many requests of a context', async () => {
    const client = clientFor('keepalive.yaml', { token: 'static-token-1' });
    const before = api.connections();
    for (let i = 0; i < 4; i++) await client.request({ path: '/version' });
    assert.equal(api.connections() - before, 1);
    assert.equal(client.requestCount, 4);
  });

  test('an error answer becomes a KubeApiError carrying the Kubernetes Status', async () => {
    const client = clientFor('notfound.yaml', { token: 'static-token-1' });
    await assert.rejects(client.request({ path: '/api/v1/namespaces/default/pods/missing' }), (err: unknown) => {
      assert.ok(err instanceof KubeApiError);
      assert.equal(err.status.code, 404);
      assert.equal(err.status.reason, 'NotFound');
      assert.equal(err.code, 'not_found');
      assert.match(err.status.message, /could not find the requested resource/);
      return true;
    });
  });

  test('stream() yields newline-delimited watch events, including one split across chunks', async () => {
    const client = clientFor('watch.yaml', { token: 'static-token-1' });
    const events: Array<WatchEvent<{ metadata: { name: string } }>> = [];
    for await (const ev of client.stream<{ metadata: { name: string } }>({ path: '/api/v1/namespaces/default/configmaps' })) events.push(ev);
    assert.deepEqual(
      events.map((e) => `${e.type}:${e.object.metadata.name}`),
      ['ADDED:a', 'ADDED:b', 'DELETED:a'],
    );
  });

  test('an aborted signal cancels the request with an AbortError, not a connection class', async () => {
    const client = clientFor('abort.yaml', { token: 'static-token-1' });
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(client.request({ path: '/version', signal: controller.signal }), { name: 'AbortError' });
  });

  test('impersonation fields become Impersonate-* headers', async () => {
    const client = clientFor('impersonate.yaml', { token: 'static-token-1', as: 'bob', 'as-groups': ['ops', 'devs'] });
    let seen: Record<string, unknown> = {};
    api.onHeaders = (h) => (seen = h);
    try {
      await client.request({ path: '/version' });
    } finally {
      api.onHeaders = undefined;
    }
    assert.equal(seen['impersonate-user'], 'bob');
    assert.equal(seen['impersonate-group'], 'ops, devs');
  });

  test('responses are gzip-compressed like client-go asks, unless the cluster sets disable-compression', async () => {
    const gz = clientFor('gzip.yaml', { token: 'static-token-1' });
    let seen: Record<string, unknown> = {};
    api.onHeaders = (h) => (seen = h);
    try {
      const list = await gz.request<{ kind: string }>({ path: '/api/v1/namespaces/default/configmaps' });
      assert.equal(list.kind, 'ConfigMapList');
      assert.equal(seen['accept-encoding'], 'gzip');
      const plain = clientFor('nogzip.yaml', { token: 'static-token-1' }, { 'disable-compression': true });
      assert.equal((await plain.request<{ kind: string }>({ path: '/api/v1/namespaces/default/configmaps' })).kind, 'ConfigMapList');
      assert.equal(seen['accept-encoding'], undefined);
    } finally {
      api.onHeaders = undefined;
    }
  });
});
