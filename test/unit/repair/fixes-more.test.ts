import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildClusterView } from '../../../electron/core/cluster/view.ts';
import type { Finding } from '../../../shared/model/finding.ts';
import { defaultRepairOptions, PlanError, type PlanContext } from '../../../electron/core/repair/fix.ts';
import { certCreateSelfsignedIssuer } from '../../../electron/core/repair/fixes/cert-create-selfsigned-issuer.ts';
import { certFixDnsNames } from '../../../electron/core/repair/fixes/cert-fix-dns-names.ts';
import { certRecreateJwtSignCert } from '../../../electron/core/repair/fixes/cert-recreate-jwt-sign-cert.ts';
import { imageUseMirror, mirroredImage } from '../../../electron/core/repair/fixes/image-use-mirror.ts';
import { tronadorAddPullSecret } from '../../../electron/core/repair/fixes/tronador-add-pull-secret.ts';
import { tronadorRemoveStale } from '../../../electron/core/repair/fixes/tronador-remove-stale.ts';
import { loadBuiltinProfiles } from '../../../electron/core/stacks/load.ts';
import { certificate, crd, custom, deployment, issuer, namespace, secret } from '../../support/objects.ts';

const profiles = loadBuiltinProfiles();
const ctx = (options: Partial<PlanContext['options']> = {}): PlanContext => ({ profiles, options: { ...defaultRepairOptions, ...options }, now: () => new Date('2026-11-22T01:02:03Z') });
const finding = (id: string, evidence: Finding['evidence'], extra: Partial<Finding> = {}): Finding => ({ id, checkId: id.split('/')[0]!, severity: 'error', profile: 'tracetest-onprem', component: 'x', title: 't', explanation: 'e', evidence, ...extra });
const frontend = deployment('tt-tracetest-frontend', 'default');

describe('cert.create-selfsigned-issuer', () => {
  test('creates the missing ClusterIssuer with spec.selfSigned, and refuses when it exists', () => {
    const f = finding('cert.issuer-not-ready/_/issuer-selfsigned', [{ ref: { kind: 'cert-manager.io/ClusterIssuer', name: 'issuer-selfsigned' }, excerpt: 'not found' }]);
    const served = buildClusterView([crd('certificates.cert-manager.io', 'Certificate'), certificate('ttdeps-cert', 'default')]);
    const { changes } = certCreateSelfsignedIssuer.plan(served, f, ctx());
    assert.equal(changes[0]!.action, 'create');
    assert.deepEqual(changes[0]!.after, { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'issuer-selfsigned', labels: { 'app.kubernetes.io/managed-by': 'groundcrew' } }, spec: { selfSigned: {} } });
    assert.throws(() => certCreateSelfsignedIssuer.plan(buildClusterView([issuer('issuer-selfsigned'), certificate('c', 'default')]), f, ctx()), /exists already/);
  });
});

describe('cert.fix-dns-names', () => {
  test('adds what the profile expects (domain and wildcard) after the names already there', () => {
    const cert = certificate('ttdeps-cert', 'default', { dnsNames: ['tracetest.localdev', 'extra.example'] });
    const f = finding('cert.san-mismatch/default/ttdeps-cert', [{ ref: { kind: 'cert-manager.io/Certificate', namespace: 'default', name: 'ttdeps-cert' } }], { title: 'Certificate ttdeps-cert does not cover *.tracetest.localdev' });
    const { changes } = certFixDnsNames.plan(buildClusterView([frontend, cert]), f, ctx());
    assert.deepEqual(changes[0]!.patch?.body, { spec: { dnsNames: ['tracetest.localdev', 'extra.example', '*.tracetest.localdev'] } });
  });
});

describe('cert.recreate-jwt-sign-cert', () => {
  test('creates the isCA RSA-2048 PKCS1 Certificate for the missing Secret', () => {
    const f = finding('cert.jwt-sign-cert-missing/default/jwt-sign-cert', [{ ref: { kind: 'Secret', namespace: 'default', name: 'jwt-sign-cert' } }]);
    const { changes } = certRecreateJwtSignCert.plan(buildClusterView([frontend]), f, ctx());
    assert.equal(changes.length, 1);
    const spec = (changes[0]!.after as { spec: Record<string, unknown> }).spec;
    assert.deepEqual(spec.privateKey, { algorithm: 'RSA', size: 2048, encoding: 'PKCS1', rotationPolicy: 'Always' });
    assert.equal(spec.isCA, true);
    assert.deepEqual(spec.issuerRef, { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'issuer-selfsigned' });
  });

  test('re-creates a Certificate that exists but never produced the Secret', () => {
    const f = finding('cert.jwt-sign-cert-missing/default/jwt-sign-cert', []);
    const { changes } = certRecreateJwtSignCert.plan(buildClusterView([certificate('jwt-sign-cert', 'default', { isCA: true, ready: false })]), f, ctx());
    assert.deepEqual(changes.map((c) => c.action), ['delete', 'create']);
  });
});

describe('image.use-mirror', () => {
  test('mirroredImage keeps path and tag, drops docker.io/library', () => {
    assert.equal(mirroredImage('kubeshop/tracetest-cloud:v1.7.1', 'registry.site:5000'), 'registry.site:5000/kubeshop/tracetest-cloud:v1.7.1');
    assert.equal(mirroredImage('docker.io/library/nginx:1.27', 'registry.site:5000/mirror'), 'registry.site:5000/mirror/nginx:1.27');
    assert.equal(mirroredImage('ghcr.io/org/x@sha256:abc', 'reg.local'), 'reg.local/org/x@sha256:abc');
  });

  test("rewrites the named container's image and adds the pull secret once", () => {
    const w = deployment('tt-tracetest-frontend', 'default', { containers: [{ name: 'web', image: 'kubeshop/tracetest-frontend:v1.7.1' }, { name: 'side', image: 'busybox:1' }] });
    const f = finding('image.not-mirrored/default/tt-tracetest-frontend/web', [{ ref: { kind: 'apps/Deployment', namespace: 'default', name: 'tt-tracetest-frontend' } }]);
    const { changes } = imageUseMirror.plan(buildClusterView([w]), f, ctx({ mirrorRegistry: 'registry.site:5000', pullSecretName: 'site-mirror' }));
    const spec = (changes[0]!.after as { spec: { template: { spec: { containers: Array<{ image: string }>; imagePullSecrets: unknown } } } }).spec.template.spec;
    assert.deepEqual(spec.containers.map((c) => c.image), ['registry.site:5000/kubeshop/tracetest-frontend:v1.7.1', 'busybox:1']);
    assert.deepEqual(spec.imagePullSecrets, [{ name: 'site-mirror' }]);
    assert.throws(() => imageUseMirror.plan(buildClusterView([w]), f, ctx()), (e: Error) => e instanceof PlanError && /no mirror registry/.test(e.message));
  });
});

describe('tronador fixes', () => {
  const env = custom('tronador.stakater.com/v1alpha2', 'Environment', 'pr-42', undefined, { spec: { application: {} } });
  test('remove-stale deletes the Environment and its namespace, and says undo cannot bring back data', () => {
    const f = finding('tronador.stale-environment/_/pr-42', [{ ref: { kind: 'tronador.stakater.com/Environment', name: 'pr-42' } }], { profile: 'tronador' });
    const { changes, undoNote } = tronadorRemoveStale.plan(buildClusterView([env, namespace('pr-42')]), f, ctx());
    assert.deepEqual(changes.map((c) => `${c.action} ${c.ref.kind} ${c.ref.name}`), ['delete Environment pr-42', 'delete Namespace pr-42']);
    assert.match(undoNote ?? '', /data/);
  });

  test('add-pull-secret lists the mapped pull secret in TronadorConfig spec.secrets', () => {
    const config = custom('tronador.stakater.com/v1alpha1', 'TronadorConfig', 'tronador-config', 'tronador', { spec: { mappings: [{ repos: ['org/app'], imagePullSecret: 'regcred' }] } });
    const f = finding('tronador.pull-secret-missing/pr-42/app', [], { profile: 'tronador' });
    const { changes } = tronadorAddPullSecret.plan(buildClusterView([config, env, secret('regcred', 'tronador', { '.dockerconfigjson': '{}' })]), f, ctx());
    assert.deepEqual(changes[0]!.patch?.body, { spec: { secrets: [{ name: 'regcred', namespace: 'tronador' }] } });
    assert.deepEqual(changes[1]!.patch?.body, { spec: { application: { release: { values: { imagePullSecrets: [{ name: 'regcred' }] } } } } });
    assert.equal(changes[1]!.ref.name, 'pr-42');
    assert.throws(() => tronadorAddPullSecret.plan(buildClusterView([config]), f, ctx()), /Secret regcred is not in namespace tronador/);
  });
});
