import assert from 'node:assert/strict';
import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { diagnoseContext, type ConnectionDiagnosis } from '../../electron/core/cluster/diagnose.ts';
import type { KubeClientOptions } from '../../electron/core/cluster/kube-client.ts';
import { ConnectionDiagnosisSchema } from '../../shared/model/connection.ts';
import { b64, makeTestPki, type TestPki } from '../support/cluster-certs.ts';
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy.ts';
import { startFakeApiServer, type FakeApiServer } from '../support/cluster-fake-apiserver.ts';
import { writeKubeconfig } from '../support/cluster-kubeconfig.ts';

let pki: TestPki;
let api: FakeApiServer;
let dir: string;
let closedPort: number;
let silentPort: number;
let plainHttpPort: number;
let proxy502: ConnectProxy;
const cleanups: Array<() => unknown> = [];

const SECRET_TOKEN = 'good-token-7f3a9c';
const MISMATCH = 'mismatch.groundcrew.test';
/** Pins one test name to loopback; every other name goes to the system resolver (only loopback names are used). */
const asked: string[] = [];
const lookup = ((hostname: string, options: dns.LookupOptions, cb: (...a: unknown[]) => void) => {
  asked.push(hostname);
  if (hostname !== MISMATCH) return dns.lookup(hostname, options, cb as never);
  if (options.all) cb(null, [{ address: '127.0.0.1', family: 4 }]);
  else cb(null, '127.0.0.1', 4);
}) as NonNullable<KubeClientOptions['lookup']>;

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

before(async () => {
  pki = makeTestPki();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-fail-'));
  api = await startFakeApiServer({ pki, tokens: { [SECRET_TOKEN]: 'alice', 'readonly-token': 'mallory' }, forbidden: ['mallory'] });
  // A port that was free a moment ago: connecting is refused.
  const spare = net.createServer();
  closedPort = await listen(spare);
  await new Promise<void>((r) => spare.close(() => r()));
  // Accepts TCP and never speaks TLS: the client must time out, not hang.
  const sockets = new Set<net.Socket>();
  const silent = net.createServer((s) => sockets.add(s));
  silentPort = await listen(silent);
  // Plain HTTP where HTTPS is expected, answering 503 pages to HTTP clients.
  const plain = http.createServer((_q, res) => {
    res.writeHead(503, { 'content-type': 'text/html' });
    res.end('<html>upstream unavailable</html>');
  });
  plainHttpPort = await listen(plain);
  proxy502 = await startConnectProxy({ mode: '502' });
  cleanups.push(
    () => {
      for (const s of sockets) s.destroy();
      silent.close();
    },
    () => {
      plain.closeAllConnections();
      plain.close();
    },
    () => proxy502.close(),
  );
});
after(async () => {
  for (const c of cleanups) await c();
  await api.close();
  pki.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ca = () => ({ 'certificate-authority': pki.caCertFile });
const execScript = (body: string) => {
  const file = path.join(dir, `plugin-${Math.random().toString(36).slice(2)}.sh`);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
};

interface Row {
  name: string;
  expect: ConnectionDiagnosis['class'];
  cluster?: () => Record<string, unknown>;
  user?: () => Record<string, unknown> | undefined;
  /** Write this text as the kubeconfig instead. */
  raw?: string;
  message?: RegExp;
  hint?: RegExp;
}

const rows: Row[] = [
  { name: 'everything right', expect: 'ok', cluster: () => ({ server: api.url, ...ca() }), user: () => ({ token: SECRET_TOKEN }), message: /as alice \(Kubernetes v1\.32\.0-fake\)/ },
  { name: 'kubeconfig invalid', expect: 'kubeconfig-invalid', raw: 'clusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:1\n    certificate-authority-date: x\n', message: /config-\d+:5: unknown field "certificate-authority-date"/ },
  { name: 'exec plugin missing', expect: 'exec-missing', cluster: () => ({ server: api.url, ...ca() }), user: () => ({ exec: { command: 'gke-gcloud-auth-plugin-absent', apiVersion: 'client.authentication.k8s.io/v1beta1', installHint: 'gcloud components install gke-gcloud-auth-plugin' } }), message: /gke-gcloud-auth-plugin-absent/, hint: /install hint: gcloud components install/ },
  { name: 'exec plugin failing', expect: 'exec-failed', cluster: () => ({ server: api.url, ...ca() }), user: () => ({ exec: { command: execScript('echo "login expired" >&2; exit 2'), apiVersion: 'client.authentication.k8s.io/v1' } }), message: /exited with code 2 \(no terminal was attached, so it could not prompt\); its stderr: login expired/ },
  { name: 'DNS failure (.invalid never resolves, no query sent)', expect: 'dns', cluster: () => ({ server: 'https://kube.groundcrew.invalid:6443', ...ca() }), user: () => ({ token: SECRET_TOKEN }), message: /kube\.groundcrew\.invalid does not resolve/ },
  { name: 'closed port', expect: 'refused', cluster: () => ({ server: `https://127.0.0.1:${closedPort}`, ...ca() }), message: /refused/ },
  { name: 'TCP accepted, TLS never answered', expect: 'timeout', cluster: () => ({ server: `https://127.0.0.1:${silentPort}`, ...ca() }), message: /did not complete a TLS handshake within 300 ms/ },
  { name: 'wrong CA', expect: 'tls-unknown-authority', cluster: () => ({ server: api.url, 'certificate-authority-data': b64(pki.otherCaCert) }), user: () => ({ token: SECRET_TOKEN }), hint: /certificate-authority-data does not sign the server's certificate: check certificate-authority-data in .*config-\d+/ },
  { name: 'no CA and a private server certificate', expect: 'tls-unknown-authority', cluster: () => ({ server: api.url }), hint: /not signed by a CA this machine trusts/ },
  { name: 'wrong server name', expect: 'tls-name-mismatch', cluster: () => ({ server: `https://${MISMATCH}:${api.port}`, ...ca() }), user: () => ({ token: SECRET_TOKEN }), message: /not valid for "mismatch\.groundcrew\.test"/, hint: /set tls-server-name .* to one of: .*kube\.groundcrew\.test/ },
  { name: 'wrong server name, fixed by tls-server-name', expect: 'ok', cluster: () => ({ server: `https://${MISMATCH}:${api.port}`, 'tls-server-name': 'kube.groundcrew.test', ...ca() }), user: () => ({ token: SECRET_TOKEN }) },
  { name: 'https to a plain-http port', expect: 'tls-other', cluster: () => ({ server: `https://127.0.0.1:${plainHttpPort}`, ...ca() }) },
  { name: 'unknown token', expect: 'unauthorized', cluster: () => ({ server: api.url, ...ca() }), user: () => ({ token: 'revoked-token' }), hint: /likely cause: the token of user "test" .* expired, revoked/ },
  { name: 'exec credential rejected', expect: 'unauthorized', cluster: () => ({ server: api.url, ...ca() }), user: () => ({ exec: { command: execScript(`printf '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"stale"}}'`), apiVersion: 'client.authentication.k8s.io/v1' } }), hint: /exec plugin ".*plugin-.*\.sh" was rejected even after running it again/ },
  { name: 'no user at all', expect: 'unauthorized', cluster: () => ({ server: api.url, ...ca() }), hint: /names no user/ },
  { name: 'authenticated but forbidden', expect: 'forbidden', cluster: () => ({ server: api.url, ...ca() }), user: () => ({ token: 'readonly-token' }), message: /403 Forbidden.*User "mallory"/ },
  { name: 'proxy answers 502', expect: 'proxy', cluster: () => ({ server: api.url, ...ca(), 'proxy-url': proxy502.url }), message: /502/ },
  { name: 'proxy accepts TCP but never answers CONNECT', expect: 'timeout', cluster: () => ({ server: api.url, ...ca(), 'proxy-url': `http://127.0.0.1:${silentPort}` }), message: /no tunnel to 127\.0\.0\.1:\d+ through proxy .* within 300 ms/ },
  { name: 'proxy port closed', expect: 'proxy', cluster: () => ({ server: api.url, ...ca(), 'proxy-url': `http://127.0.0.1:${closedPort}` }), message: /cannot reach proxy .*refused/ },
  { name: 'plain-http server answering 503 pages', expect: 'http-error', cluster: () => ({ server: `http://127.0.0.1:${plainHttpPort}` }), message: /503 ServiceUnavailable/ },
];

let n = 0;
describe('connection failures are produced for real and classified', () => {
  for (const row of rows) {
    test(`${row.name} → ${row.expect}`, async () => {
      const name = `config-${++n}`;
      let file: string;
      if (row.raw !== undefined) {
        file = path.join(dir, name);
        fs.writeFileSync(file, row.raw);
      } else {
        const user = row.user?.();
        file = writeKubeconfig(dir, name, user ? { cluster: row.cluster!(), user } : { cluster: row.cluster!() });
      }
      const d = await diagnoseContext({ PATH: process.env.PATH }, row.raw !== undefined ? 'any' : null, { kubeconfig: file, timeoutMs: 300, client: { lookup, exec: { stdinIsTTY: false } } });
      assert.equal(d.class, row.expect, `${d.class}: ${d.message} — ${d.hint ?? ''}`);
      assert.equal(d.ok, row.expect === 'ok');
      ConnectionDiagnosisSchema.parse(d);
      if (row.message) assert.match(d.message, row.message);
      if (row.hint) assert.match(d.hint ?? '', row.hint);
      if (!d.ok) assert.ok(d.hint && d.hint.length > 10, 'every failure says what to do');
      assert.ok(!JSON.stringify(d).includes(SECRET_TOKEN), 'a diagnosis never carries the token');
      assert.ok(!asked.some((h) => h.endsWith('.invalid')), '.invalid names are never handed to a resolver');
      if (process.env.GC_SHOW_DIAGNOSES) console.log(JSON.stringify(d));
    });
  }

  test('a successful diagnosis names the identity from the SelfSubjectReview and the server version', async () => {
    const file = writeKubeconfig(dir, 'ok-cert', { cluster: { server: api.url, ...ca() }, user: { 'client-certificate-data': b64(pki.clientCert), 'client-key-data': b64(pki.clientKey) } });
    const d = await diagnoseContext({}, null, { kubeconfig: file });
    assert.equal(d.ok, true);
    assert.deepEqual(d.identity, { username: 'alice', groups: ['devs', 'system:authenticated'] });
    assert.equal(d.serverVersion, 'v1.32.0-fake');
    assert.equal(typeof d.roundTripMs, 'number');
    const shown = JSON.stringify(d);
    assert.ok(!shown.includes(b64(pki.clientKey).slice(0, 32)) && !shown.includes('PRIVATE KEY'));
  });
});
