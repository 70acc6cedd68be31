import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { listContexts } from '../../../electron/core/cluster/contexts.ts';
import { loadKubeconfig } from '../../../electron/core/cluster/kubeconfig-load.ts';
import { describeResolvedContext, resolveContext } from '../../../electron/core/cluster/resolve-context.ts';
import { b64, makeTestPki, type TestPki } from '../../support/cluster-certs.ts';

let pki: TestPki;
let dir: string;
before(() => {
  pki = makeTestPki();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-resolve-'));
});
after(() => {
  pki.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

describe('resolveContext', () => {
  test('reads files relative to the kubeconfig folder, like kubectl, and parses the PEM', () => {
    fs.mkdirSync(path.join(dir, 'nested/pki'), { recursive: true });
    fs.copyFileSync(pki.caCertFile, path.join(dir, 'nested/pki/ca.crt'));
    fs.copyFileSync(pki.clientCertFile, path.join(dir, 'nested/pki/alice.crt'));
    fs.copyFileSync(pki.clientKeyFile, path.join(dir, 'nested/pki/alice.key'));
    const file = write(
      'nested/config',
      `apiVersion: v1
kind: Config
clusters:
- name: lab
  cluster:
    server: 127.0.0.1:6443
    certificate-authority: pki/ca.crt
    tls-server-name: kube.groundcrew.test
    proxy-url: http://127.0.0.1:3128
users:
- name: alice
  user:
    client-certificate: pki/alice.crt
    client-key: pki/alice.key
contexts:
- name: lab
  context: {cluster: lab, user: alice, namespace: tracetest}
current-context: lab
`,
    );
    const rc = resolveContext(loadKubeconfig({}, file));
    assert.equal(rc.server, 'https://127.0.0.1:6443', 'a server without scheme means https, like client-go');
    assert.equal(rc.namespace, 'tracetest');
    assert.equal(rc.tls.caPem, pki.caCert);
    assert.equal(rc.tls.serverName, 'kube.groundcrew.test');
    assert.equal(rc.proxyUrl, 'http://127.0.0.1:3128/');
    assert.equal(rc.auth.method, 'client-certificate');
    assert.equal(rc.auth.clientCertificate?.keyPem, pki.clientKey);
    assert.match(rc.auth.clientCertificate!.subject, /CN=alice/);
  });

  test('*-data fields, the default namespace and an exec plugin with client-go defaults', () => {
    const file = write(
      'data.yaml',
      `apiVersion: v1
kind: Config
clusters:
- name: lab
  cluster: {server: "https://localhost:6443", certificate-authority-data: ${b64(pki.caCert)}}
users:
- name: sso
  user:
    client-certificate-data: ${b64(pki.clientCert)}
    client-key-data: ${b64(pki.clientKey)}
    exec:
      command: kubelogin
      apiVersion: client.authentication.k8s.io/v1beta1
      args: [get-token]
      env: [{name: A, value: b}]
      installHint: brew install kubelogin
contexts:
- name: first
  context: {cluster: lab, user: sso}
- name: second
  context: {cluster: lab}
current-context: first
`,
    );
    const merged = loadKubeconfig({ KUBECONFIG: file });
    const rc = resolveContext(merged);
    assert.equal(rc.namespace, 'default');
    assert.equal(rc.auth.method, 'exec');
    assert.equal(rc.auth.exec?.interactiveMode, 'IfAvailable');
    assert.deepEqual(rc.auth.exec?.env, [{ name: 'A', value: 'b' }]);
    assert.equal(rc.auth.exec?.installHint, 'brew install kubelogin');
    assert.ok(rc.auth.clientCertificate, 'a client certificate may accompany an exec plugin');
    const anonymous = resolveContext(merged, 'second');
    assert.equal(anonymous.auth.method, 'none');
    assert.equal(anonymous.userName, '');
  });

  test('first file wins across KUBECONFIG, and a context may use a cluster from another file', () => {
    const a = write('a.yaml', `contexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\nusers:\n- name: u\n  user: {token: from-a}\n`);
    const b = write('b.yaml', `clusters:\n- name: c\n  cluster: {server: https://127.0.0.1:1}\nusers:\n- name: u\n  user: {token: from-b}\ncurrent-context: y\n`);
    const rc = resolveContext(loadKubeconfig({ KUBECONFIG: `${a}${path.delimiter}${b}` }));
    assert.equal(rc.auth.token, 'from-a');
    assert.equal(rc.files.cluster, b);
    assert.equal(rc.files.user, a);
  });

  test('an unknown context name is an invalid_config error listing the known ones', () => {
    const file = write('one.yaml', `clusters:\n- name: c\n  cluster: {server: https://127.0.0.1:1}\ncontexts:\n- name: x\n  context: {cluster: c}\n`);
    assert.throws(() => resolveContext(loadKubeconfig({ KUBECONFIG: file }), 'nope'), { code: 'invalid_config', message: /context "nope" does not exist \(contexts: x\)/ });
  });
});

describe('credentials never leave the core', () => {
  test('the contexts list and the resolved-context summary hold no token, key or password', () => {
    const secrets = { token: 'sEcReT-token-123', password: 'pAsSwOrD-456', idToken: 'eyJhbGciOiJub25lIn0.eyJleHAiOjF9.c2ln' };
    const file = write(
      'secrets.yaml',
      `clusters:
- name: c
  cluster: {server: https://127.0.0.1:6443, proxy-url: "http://proxyuser:${secrets.password}@127.0.0.1:3128"}
users:
- name: t
  user: {token: ${secrets.token}}
- name: k
  user: {client-certificate-data: ${b64(pki.clientCert)}, client-key-data: ${b64(pki.clientKey)}}
- name: o
  user: {auth-provider: {name: oidc, config: {id-token: ${secrets.idToken}, refresh-token: r3fr3sh-SECRET}}}
- name: b
  user: {username: bob, password: ${secrets.password}}
contexts:
- {name: t, context: {cluster: c, user: t}}
- {name: k, context: {cluster: c, user: k}}
- {name: o, context: {cluster: c, user: o}}
- {name: b, context: {cluster: c, user: b}}
current-context: t
`,
    );
    const merged = loadKubeconfig({ KUBECONFIG: file });
    const shown = JSON.stringify([listContexts(merged, null), ...['t', 'k', 'o', 'b'].map((n) => describeResolvedContext(resolveContext(merged, n)))]);
    const forbidden = [secrets.token, secrets.password, secrets.idToken, 'r3fr3sh-SECRET', b64(pki.clientKey).slice(0, 40), 'PRIVATE KEY'];
    for (const s of forbidden) assert.ok(!shown.includes(s), `UI-bound JSON contains a secret: ${s.slice(0, 12)}…`);
    // It is still useful: it says how each context authenticates.
    assert.match(shown, /"authMethod":"oidc"/);
    assert.match(shown, /REDACTED@127\.0\.0\.1:3128/);
  });
});
