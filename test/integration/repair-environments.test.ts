import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ClusterView } from '../../electron/core/cluster/view.ts';
import { inspect } from '../../electron/core/inspect/index.ts';
import type { StackProfile } from '../../shared/model/profile.ts';
import { deployment, namespace } from '../support/objects.ts';
import { comparable, eventually, startRig, type RepairRig } from './repair-harness.ts';

let rig: RepairRig;
const has = async (id: string) => ((await rig.findings()).some((f) => f.id === id) ? true : undefined);
const MIRROR = 'registry.site:5000';

before(async () => {
  rig = await startRig({}, { controllers: true });
  rig.seedCrds('flux-tronador');
  rig.seed(
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec: { podCIDR: '10.244.0.0/24' } },
    namespace('tronador'),
    deployment('tronador-controller-manager', 'tronador', { containers: [{ name: 'manager', image: 'stakater/tronador:v0.1.0' }] }),
  );
});
after(() => rig.close());

describe('tronador.remove-stale on the sandbox', () => {
  test("an environment whose branch is gone → Environment and namespace deleted → undo re-creates them → stale again", async () => {
    const id = 'tronador.stale-environment/_/pr-42';
    await rig.plant([{ kind: 'GitRepository', namespace: 'pr-42', name: 'dte-feature-x', fault: 'BranchDeleted' }]);
    await rig.client.request({
      method: 'POST',
      path: '/apis/tronador.stakater.com/v1alpha2/environments',
      body: { apiVersion: 'tronador.stakater.com/v1alpha2', kind: 'Environment', metadata: { name: 'pr-42' }, spec: { application: { gitRepository: { url: 'https://git.example/app.git', ref: { branch: 'feature-x' } } } } },
    });
    await eventually(() => has(id), 'the stale finding');
    const envBefore = await rig.get('/apis/tronador.stakater.com/v1alpha2/environments/pr-42');
    const plan = await rig.service.plan(id);
    assert.deepEqual(plan.changes.map((c) => `${c.action} ${c.ref.kind} ${c.ref.name}`), ['delete Environment pr-42', 'delete Namespace pr-42']);
    assert.match(plan.undoNote ?? '', /gone/);
    const { entry, verification } = await rig.service.apply(plan.planId);
    assert.equal(verification.ok, true, verification.message);
    await eventually(async () => (await rig.get('/api/v1/namespaces/pr-42').then(() => undefined, () => true)), 'the namespace to be gone');

    await rig.service.undo(entry.id);
    const envAfter = await rig.get('/apis/tronador.stakater.com/v1alpha2/environments/pr-42');
    assert.deepEqual(comparable(envAfter, true), comparable(envBefore, true));
    await eventually(() => has(id), 'the environment to be stale again');
  });
});

describe('image.use-mirror on the sandbox', () => {
  test("an air-gapped site's workload pulling from Docker Hub → pulls from the mirror with its pull secret → undo", async () => {
    const DEPLOY = '/apis/apps/v1/namespaces/default/deployments/tt-tracetest-frontend';
    await rig.plant([], { host: MIRROR, images: ['kubeshop/tracetest-frontend:v1.7.1'] });
    rig.seed(deployment('tt-tracetest-frontend', 'default', { containers: [{ name: 'frontend', image: 'kubeshop/tracetest-frontend:v1.7.1', ports: [{ name: 'http', containerPort: 3000 }] }] }));
    const airGapped = (v: ClusterView, p: readonly StackProfile[]) => inspect(v, p, { airGapped: true, mirrorRegistry: MIRROR }).findings;
    const site = rig.newService(rig.home, { runChecks: airGapped, options: { mirrorRegistry: MIRROR, pullSecretName: 'site-mirror', verifyTimeoutMs: 10_000, verifyIntervalMs: 50 } });
    const id = 'image.not-mirrored/default/tt-tracetest-frontend/frontend';
    const reported = async () => airGapped(await rig.view(), rig.profiles).some((f) => f.id === id);
    assert.equal(await reported(), true);
    const before = await rig.get(DEPLOY);
    const plan = await site.plan(id);
    assert.match(plan.changes[0]!.diff, /\+\s+image: registry\.site:5000\/kubeshop\/tracetest-frontend:v1\.7\.1/);
    assert.match(plan.changes[0]!.diff, /\+\s+- name: site-mirror/);
    const { entry, verification } = await site.apply(plan.planId);
    assert.equal(verification.ok, true, verification.message);
    await site.undo(entry.id);
    assert.deepEqual(comparable(await rig.get(DEPLOY), true), comparable(before, true));
    assert.equal(await reported(), true);
  });
});
