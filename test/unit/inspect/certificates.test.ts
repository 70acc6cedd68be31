import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../electron/core/cluster/view.ts';
import { certificate, crd, deployment, issuer, tlsSecret, webhookConfiguration } from '../../support/objects.ts';
import { demoObjects, demoProfile, findingsOf, ids, NS } from '../../support/inspect.ts';
import { makeCert, type TestCert } from '../../support/tls.ts';

const profile = (production = false) =>
  demoProfile({
    production,
    prerequisites: { certManager: true },
    hostnames: { domain: 'demo.localdev', wildcard: true, ingressService: { name: '{release}-web' } },
    issuers: [{ kind: 'ClusterIssuer', name: 'issuer-selfsigned', type: 'selfSigned' }],
    certificates: [
      { name: '{release}-cert', issuer: { kind: 'ClusterIssuer', name: 'issuer-selfsigned' }, dnsNamesFromHostnames: true },
      { name: 'jwt-sign-cert', issuer: { kind: 'ClusterIssuer', name: 'issuer-selfsigned' }, isCA: true },
    ],
  });

const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const names = ['demo.localdev', '*.demo.localdev'];
let ca: TestCert;
let serving: TestCert;
let jwt: TestCert;

before(() => {
  ca = makeCert({ cn: 'site-ca', isCA: true, days: 3650 });
  serving = makeCert({ dnsNames: names, issuer: ca, days: 365 });
  jwt = makeCert({ cn: 'jwt-sign-cert', isCA: true, days: 3650 });
});

function world(o: { replace?: KubeObject[]; drop?: string[] } = {}): KubeObject[] {
  const certManager: KubeObject[] = [
    crd('certificates.cert-manager.io', 'Certificate'),
    deployment('cert-manager', 'cert-manager'),
    deployment('cert-manager-webhook', 'cert-manager'),
    webhookConfiguration('ValidatingWebhookConfiguration', 'cert-manager-webhook', 'LS0tLS1CRUdJTi'),
    issuer('issuer-selfsigned'),
    certificate('d-cert', NS, { dnsNames: names }),
    tlsSecret('d-cert', NS, serving),
    certificate('jwt-sign-cert', NS, { isCA: true }),
    tlsSecret('jwt-sign-cert', NS, jwt),
  ];
  return demoObjects({ add: certManager, ...o });
}

const run = (objects: KubeObject[], options: { now?: string; certExpiryDays?: number; production?: boolean } = {}, production = false) =>
  findingsOf('certificates', objects, profile(production), { now: at(0), ...options });

describe('certificates', () => {
  test('a healthy cert-manager and certificates give no findings', () => {
    assert.deepEqual(run(world()), []);
  });

  test('cert.manager-missing stops the other certificate checks', () => {
    const f = run(demoObjects());
    assert.deepEqual(ids(f), ['cert.manager-missing/_/cert-manager']);
  });

  test('cert.webhook-not-ready: the Deployment, and a missing CA bundle', () => {
    const f = run(world({ replace: [deployment('cert-manager-webhook', 'cert-manager', { replicas: 1, readyReplicas: 0 }), webhookConfiguration('ValidatingWebhookConfiguration', 'cert-manager-webhook', undefined)] }));
    assert.deepEqual(ids(f), ['cert.webhook-not-ready/_/cert-manager-webhook/ca-bundle', 'cert.webhook-not-ready/cert-manager/cert-manager-webhook']);
  });

  test('cert.issuer-not-ready: not Ready, or missing (with the self-signed issuer fix)', () => {
    const notReady = run(world({ replace: [issuer('issuer-selfsigned', { ready: false, message: 'secret not found' })] }));
    assert.deepEqual(ids(notReady), ['cert.issuer-not-ready/_/issuer-selfsigned']);
    assert.match(notReady[0]!.explanation, /secret not found/);
    const missing = run(world({ drop: ['ClusterIssuer//issuer-selfsigned'] }));
    assert.deepEqual(ids(missing), ['cert.issuer-not-ready/_/issuer-selfsigned']);
    assert.equal(missing[0]!.fixId, 'cert.create-selfsigned-issuer');
  });

  test('cert.not-ready carries the reason and offers a renewal', () => {
    const f = run(world({ replace: [certificate('d-cert', NS, { dnsNames: names, ready: false, reason: 'Renewing', message: 'Renewing certificate as renewal was scheduled', issuing: { type: 'Issuing', status: 'False', reason: 'Failed', message: 'The certificate request has failed to complete' } })] }));
    assert.deepEqual(ids(f), ['cert.not-ready/app/d-cert']);
    assert.equal(f[0]!.fixId, 'cert.renew');
    assert.match(f[0]!.explanation, /Issuing=False \(Failed/);
  });

  test('cert.expired and cert.expiring follow "now" and the warning window', () => {
    assert.deepEqual(ids(run(world(), { now: at(400) })), ['cert.expired/app/d-cert']);
    // cert-manager also marks it Ready=False (Expired): still one finding.
    const marked = world({ replace: [certificate('d-cert', NS, { dnsNames: names, ready: false, reason: 'Expired', message: 'Certificate expired' })] });
    assert.deepEqual(ids(run(marked, { now: at(400) })), ['cert.expired/app/d-cert']);
    const soon = run(world(), { now: at(360) });
    assert.deepEqual(ids(soon), ['cert.expiring/app/d-cert']);
    assert.equal(soon[0]!.severity, 'warning');
    assert.match(soon[0]!.evidence[0]!.excerpt ?? '', /dnsNames: \[demo\.localdev, \*\.demo\.localdev\]/);
    assert.deepEqual(run(world(), { now: at(360), certExpiryDays: 3 }), []);
  });

  test('cert.san-mismatch: a stale Secret (renew) or a spec lacking the name (fix dnsNames)', () => {
    const narrow = makeCert({ dnsNames: ['demo.localdev'], issuer: ca });
    const stale = run(world({ replace: [tlsSecret('d-cert', NS, narrow)] }));
    assert.deepEqual(ids(stale), ['cert.san-mismatch/app/d-cert']);
    assert.equal(stale[0]!.fixId, 'cert.renew');
    assert.match(stale[0]!.title, /\*\.demo\.localdev/);
    const spec = run(world({ replace: [tlsSecret('d-cert', NS, narrow), certificate('d-cert', NS, { dnsNames: ['demo.localdev'] })] }));
    assert.equal(spec[0]!.fixId, 'cert.fix-dns-names');
  });

  test('cert.key-mismatch compares tls.key with tls.crt, without showing the key', () => {
    const f = run(world({ replace: [tlsSecret('d-cert', NS, { cert: serving.cert, key: jwt.key })] }));
    assert.deepEqual(ids(f), ['cert.key-mismatch/app/d-cert']);
    assert.ok(!JSON.stringify(f).includes('PRIVATE KEY'));
  });

  test('cert.self-signed-production only when the profile is production', () => {
    assert.deepEqual(ids(run(world(), {}, true)), ['cert.self-signed-production/app/d-cert']);
    const selfSigned = makeCert({ dnsNames: names });
    const acme = [issuer('issuer-selfsigned', { type: 'acme' }), tlsSecret('d-cert', NS, selfSigned)];
    assert.deepEqual(ids(run(world({ replace: acme }), {}, true)), ['cert.self-signed-production/app/d-cert']);
    assert.deepEqual(run(world({ replace: [issuer('issuer-selfsigned', { type: 'acme' })] }), {}, true), []);
  });

  test('cert.jwt-sign-cert-missing when the signing Secret is absent', () => {
    const f = run(world({ drop: ['Secret/app/jwt-sign-cert'] }));
    assert.deepEqual(ids(f), ['cert.jwt-sign-cert-missing/app/jwt-sign-cert']);
    assert.equal(f[0]!.fixId, 'cert.recreate-jwt-sign-cert');
    assert.match(f[0]!.explanation, /Certificate jwt-sign-cert exists/);
    const none = run(world({ drop: ['Secret/app/jwt-sign-cert', 'Certificate/app/jwt-sign-cert'] }));
    assert.deepEqual(ids(none), ['cert.jwt-sign-cert-missing/app/jwt-sign-cert']);
    assert.match(none[0]!.explanation, /does not exist either/);
  });

  test('cert.secret-invalid when tls.crt is not a certificate', () => {
    const broken = tlsSecret('d-cert', NS, { cert: '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n', key: serving.key });
    const f = run(world({ replace: [broken] }));
    assert.deepEqual(ids(f), ['cert.secret-invalid/app/d-cert']);
    assert.ok(!JSON.stringify(f).includes('PRIVATE KEY'));
  });

  test('an expected Certificate that does not exist is reported', () => {
    assert.deepEqual(ids(run(world({ drop: ['Certificate/app/d-cert', 'Secret/app/d-cert'] }))), ['cert.missing/app/d-cert']);
  });

  test('forbidden Secrets do not produce a false jwt-sign-cert-missing', () => {
    const f = findingsOf('certificates', world({ drop: ['Secret/app/jwt-sign-cert', 'Secret/app/d-cert'] }), profile(), { now: at(0) }, { kindStates: { Secret: { state: 'forbidden', reason: 'denied' } } });
    assert.deepEqual(ids(f), ['inspect.forbidden/_/Secret']);
  });
});
