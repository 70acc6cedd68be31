import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { startHarness } from './harness.ts';
import type { KubeObject } from '../../../electron/core/cluster/view.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const st = (o: KubeObject | undefined) => (o?.status ?? {}) as Any;
const cond = (o: KubeObject | undefined, type: string): Any => (st(o).conditions as Any[] | undefined)?.find((c) => c.type === type) as Any;
const CM = 'cert-manager.io/v1';

const certificate = (name: string, o: { dnsNames?: string[]; issuer?: string; kind?: string; isCA?: boolean; secretName?: string; annotations?: Record<string, string>; algorithm?: string }): KubeObject => ({
  apiVersion: CM,
  kind: 'Certificate',
  metadata: { name, namespace: 'apps', ...(o.annotations ? { annotations: o.annotations } : {}) },
  spec: {
    secretName: o.secretName ?? `${name}-tls`,
    ...(o.dnsNames ? { dnsNames: o.dnsNames } : {}),
    ...(o.isCA ? { isCA: true, commonName: name } : {}),
    ...(o.algorithm ? { privateKey: { algorithm: o.algorithm } } : {}),
    issuerRef: { name: o.issuer ?? 'selfsigned', kind: o.kind ?? 'ClusterIssuer', group: 'cert-manager.io' },
  },
});

function pemOf(h: ReturnType<typeof startHarness>, name: string, key = 'tls.crt'): string {
  const secret = h.get('v1', 'Secret', 'apps', name) as Any;
  assert.ok(secret, `secret ${name} exists`);
  return Buffer.from(secret.data[key], 'base64').toString('utf8');
}
const sans = (pem: string) => (new X509Certificate(pem).subjectAltName ?? '').split(', ').filter(Boolean).sort();

describe('cert-manager simulation', () => {
  const h = startHarness({
    namespaces: ['apps', 'cert-manager'],
    plants: [{ kind: 'Certificate', namespace: 'apps', name: 'stale', fault: 'WrongSANs', dnsNames: ['old.example.test'] }],
  });
  after(() => h.stop());

  before(async () => {
    const crds = parse(readFileSync(new URL('../../../resources/sandbox/scenarios/fragments/crds-cert-manager.yaml', import.meta.url), 'utf8')) as { objects: KubeObject[] };
    for (const crd of crds.objects) h.create(crd);
    h.create({ apiVersion: CM, kind: 'ClusterIssuer', metadata: { name: 'selfsigned' }, spec: { selfSigned: {} } });
    h.create({ apiVersion: CM, kind: 'ClusterIssuer', metadata: { name: 'root-ca' }, spec: { ca: { secretName: 'root-ca' } } });
    h.create({ ...certificate('root-ca', { isCA: true, algorithm: 'ECDSA' }), metadata: { name: 'root-ca', namespace: 'cert-manager' }, spec: { isCA: true, commonName: 'sandbox root CA', secretName: 'root-ca', privateKey: { algorithm: 'ECDSA' }, issuerRef: { name: 'selfsigned', kind: 'ClusterIssuer' } } });
    h.create(certificate('web', { dnsNames: ['web.example.test', '*.web.example.test'], issuer: 'root-ca' }));
    h.create(certificate('jwt', { isCA: true }));
    h.create(certificate('old', { dnsNames: ['old.example.test'], annotations: { 'sandbox.groundcrew.dev/fault': 'Expired' } }));
    h.create(certificate('stale', { dnsNames: ['new.example.test'] }));
    h.create(certificate('orphan', { dnsNames: ['x.example.test'], issuer: 'missing' }));
    await h.settle();
  });

  test('issuers report Ready with cert-manager reasons', () => {
    assert.equal(cond(h.get(CM, 'ClusterIssuer', undefined, 'selfsigned'), 'Ready').reason, 'IsReady');
    const ca = cond(h.get(CM, 'ClusterIssuer', undefined, 'root-ca'), 'Ready');
    assert.equal(ca.status, 'True');
    assert.equal(ca.reason, 'KeyPairVerified');
  });

  test('a certificate becomes a kubernetes.io/tls Secret with a real certificate carrying the dnsNames, signed by the CA', () => {
    const secret = h.get('v1', 'Secret', 'apps', 'web-tls') as Any;
    assert.equal(secret.type, 'kubernetes.io/tls');
    const pem = pemOf(h, 'web-tls');
    const x = new X509Certificate(pem);
    assert.deepEqual(sans(pem), ['DNS:*.web.example.test', 'DNS:web.example.test']);
    const ca = new X509Certificate(pemOf(h, 'web-tls', 'ca.crt'));
    assert.ok(x.checkIssued(ca), 'issued by the CA in ca.crt');
    assert.ok(x.verify(ca.publicKey));
    assert.match(ca.subject, /sandbox root CA/);
    assert.equal(x.ca, false);
    assert.ok(x.checkPrivateKey(createPrivateKey(pemOf(h, 'web-tls', 'tls.key'))), 'key matches');
    const c = h.get(CM, 'Certificate', 'apps', 'web');
    assert.equal(cond(c, 'Ready').reason, 'Ready');
    assert.equal(cond(c, 'Ready').message, 'Certificate is up to date and has not expired');
    assert.equal(st(c).revision, 1);
    assert.equal(new Date(st(c).notAfter).getTime(), new Date(x.validTo).getTime());
    assert.ok(st(c).renewalTime < st(c).notAfter);
    assert.ok(h.get(CM, 'CertificateRequest', 'apps', 'web-1'));
  });

  test('isCA is honoured', () => {
    assert.equal(new X509Certificate(pemOf(h, 'jwt-tls')).ca, true);
    assert.match(pemOf(h, 'jwt-tls', 'tls.key'), /BEGIN RSA PRIVATE KEY/);
  });

  test('a planted expiry: notAfter in the past and Ready False reason Expired', () => {
    const x = new X509Certificate(pemOf(h, 'old-tls'));
    assert.ok(new Date(x.validTo).getTime() < h.clock.now.getTime());
    const c = h.get(CM, 'Certificate', 'apps', 'old');
    assert.equal(cond(c, 'Ready').status, 'False');
    assert.equal(cond(c, 'Ready').reason, 'Expired');
    assert.match(cond(c, 'Ready').message, /^Certificate expired on /);
  });

  test('planted wrong SANs: the Secret holds names that differ from the spec', () => {
    assert.deepEqual(sans(pemOf(h, 'stale-tls')), ['DNS:old.example.test']);
    assert.deepEqual((h.get(CM, 'Certificate', 'apps', 'stale')!.spec as Any).dnsNames, ['new.example.test']);
  });

  test('a missing issuer leaves the certificate Issuing without a Secret', () => {
    const c = h.get(CM, 'Certificate', 'apps', 'orphan');
    assert.equal(cond(c, 'Ready').status, 'False');
    assert.equal(cond(c, 'Issuing').status, 'True');
    assert.equal(h.get('v1', 'Secret', 'apps', 'orphan-tls'), undefined);
  });

  test('renew (Issuing=True, reason ManuallyTriggered) re-issues: new key, revision+1, Issuing removed, plant cleared', async () => {
    for (const name of ['web', 'old']) {
      const before = pemOf(h, `${name}-tls`, 'tls.key');
      const c = h.get(CM, 'Certificate', 'apps', name)!;
      const conditions = [...(st(c).conditions as Any[]), { type: 'Issuing', status: 'True', reason: 'ManuallyTriggered', message: 'Certificate re-issuance manually triggered', observedGeneration: c.metadata.generation, lastTransitionTime: '2026-11-22T10:00:00Z' }];
      h.store.updateStatus({ group: 'cert-manager.io', resource: 'certificates' }, { ...c, status: { ...st(c), conditions } });
      await h.settle();
      const after = h.get(CM, 'Certificate', 'apps', name);
      assert.equal(st(after).revision, 2);
      assert.equal(cond(after, 'Issuing'), undefined);
      assert.equal(cond(after, 'Ready').status, 'True');
      assert.notEqual(pemOf(h, `${name}-tls`, 'tls.key'), before);
      assert.ok(new Date(new X509Certificate(pemOf(h, `${name}-tls`)).validTo).getTime() > h.clock.now.getTime());
    }
  });

  test('a changed dnsNames re-issues', async () => {
    const c = h.get(CM, 'Certificate', 'apps', 'web')!;
    (c.spec as Any).dnsNames = ['web.example.test', 'api.example.test'];
    h.store.update({ group: 'cert-manager.io', resource: 'certificates' }, c);
    await h.settle();
    assert.deepEqual(sans(pemOf(h, 'web-tls')), ['DNS:api.example.test', 'DNS:web.example.test']);
    assert.equal(st(h.get(CM, 'Certificate', 'apps', 'web')).revision, 3);
  });
});
