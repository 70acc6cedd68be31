import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KubeObject } from '../../electron/core/cluster/view.ts';
import { deployment } from '../support/objects.ts';
import { comparable, eventually, startRig, type RepairRig } from './repair-harness.ts';

let rig: RepairRig;
const ISSUER = '/apis/cert-manager.io/v1/clusterissuers/issuer-selfsigned';
const CERT = '/apis/cert-manager.io/v1/namespaces/default/certificates/ttdeps-cert';
const has = async (id: string) => ((await rig.findings()).some((f) => f.id === id) ? true : undefined);
const lacks = async (id: string) => ((await rig.findings()).some((f) => f.id === id) ? undefined : true);

before(async () => {
  rig = await startRig({}, { controllers: true });
  rig.seedCrds('cert-manager');
  rig.seed(
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec: { podCIDR: '10.244.0.0/24' } },
    deployment('tt-tracetest-frontend', 'default', { containers: [{ ports: [{ name: 'http', containerPort: 3000 }] }] }),
  );
});
after(() => rig.close());

describe('cert.create-selfsigned-issuer on the sandbox', () => {
  test('missing ClusterIssuer → created → Ready → undo deletes it → missing again', async () => {
    const id = 'cert.issuer-not-ready/_/issuer-selfsigned';
    await eventually(() => has(id), 'the missing issuer finding');
    const plan = await rig.service.plan(id);
    assert.deepEqual(plan.changes.map((c) => `${c.action} ${c.ref.kind} ${c.ref.name}`), ['create ClusterIssuer issuer-selfsigned']);
    assert.deepEqual(plan.permissions, [{ verb: 'create', group: 'cert-manager.io', resource: 'clusterissuers' }]);
    const { entry, verification } = await rig.service.apply(plan.planId);
    assert.equal(verification.ok, true, verification.message);
    await rig.service.undo(entry.id);
    await assert.rejects(rig.get(ISSUER), /404|NotFound/);
    await eventually(() => has(id), 'the finding to come back');
    // The other certificate tests need the issuer.
    await rig.client.request({ method: 'POST', path: '/apis/cert-manager.io/v1/clusterissuers', body: { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'issuer-selfsigned' }, spec: { selfSigned: {} } } });
  });
});

describe('cert.renew on the sandbox', () => {
  test('an expired certificate is re-issued through Issuing=True on /status; undo says it cannot un-issue', async () => {
    const id = 'cert.expired/default/ttdeps-cert';
    await rig.client.request({
      method: 'POST',
      path: '/apis/cert-manager.io/v1/namespaces/default/certificates',
      body: {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: { name: 'ttdeps-cert', annotations: { 'sandbox.groundcrew.dev/fault': 'Expired' } },
        spec: { secretName: 'ttdeps-cert', dnsNames: ['tracetest.localdev', '*.tracetest.localdev'], issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'issuer-selfsigned' } },
      },
    });
    await eventually(() => has(id), 'the expired finding');
    const plan = await rig.service.plan(id);
    assert.equal(plan.changes[0]!.action, 'status');
    assert.deepEqual(plan.permissions, [{ verb: 'update', group: 'cert-manager.io', resource: 'certificates', subresource: 'status', namespace: 'default' }]);
    assert.match(plan.changes[0]!.diff, /\+\s+reason: ManuallyTriggered/);
    assert.match(plan.undoNote ?? '', /cannot be un-issued/);
    const { entry, verification } = await rig.service.apply(plan.planId);
    assert.equal(verification.ok, true, verification.message);
    const undo = await rig.service.undo(entry.id);
    assert.equal(undo.changes.length, 0);
    assert.match(undo.verification.message, /status is owned by its controller and is not put back/);
    assert.equal(await lacks(id), true, 'the renewed certificate stays');
  });

});

describe('cert.fix-dns-names on the sandbox', () => {
  test('a Certificate lacking the wildcard gets it added, is re-issued; undo drops it and the check fails again', async () => {
    const id = 'cert.san-mismatch/default/ttdeps-cert';
    await rig.client.request({ method: 'PATCH', path: CERT, body: { spec: { dnsNames: ['tracetest.localdev'] } }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    const finding = await eventually(async () => (await rig.findings()).find((f) => f.id === id && f.fixId === 'cert.fix-dns-names'), 'the SAN finding');
    const before = await rig.get(CERT);
    const plan = await rig.service.plan(finding.id);
    assert.deepEqual(plan.changes[0]!.patch?.body, { spec: { dnsNames: ['tracetest.localdev', '*.tracetest.localdev'] } });
    const { entry, verification } = await rig.service.apply(plan.planId);
    assert.equal(verification.ok, true, verification.message);
    await rig.service.undo(entry.id);
    assert.deepEqual((comparable(await rig.get(CERT), true) as KubeObject).spec, (comparable(before, true) as KubeObject).spec);
    await eventually(() => has(id), 'the check to fail again');
  });
});
