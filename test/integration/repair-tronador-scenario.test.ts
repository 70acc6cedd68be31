/** Repairs on the tronador-environments scenario: a missing pull secret and a stale environment. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadScenario } from '../../electron/core/sandbox/scenarios/index.ts';
import { comparable, eventually, startRig, type RepairRig } from './repair-harness.ts';

let rig: RepairRig;
const has = async (id: string) => ((await rig.findings()).some((f) => f.id === id) ? true : undefined);
const lacks = async (id: string) => ((await rig.findings()).some((f) => f.id === id) ? undefined : true);

before(async () => {
  rig = await startRig({}, { controllers: true });
  loadScenario('tronador-environments', rig.sandbox.store);
});
after(() => rig.close());

describe('tronador.add-pull-secret on the tronador-environments scenario', () => {
  test("the environment's values get the mapped pull secret → the pods carry it → undo takes it away again", async () => {
    const finding = await eventually(async () => (await rig.findings()).find((f) => f.checkId === 'tronador.pull-secret-missing' && f.id.startsWith('tronador.pull-secret-missing/pr-099-login/')), 'the pull secret finding', 30_000);
    const ENV = '/apis/tronador.stakater.com/v1alpha2/environments/pr-099-login';
    const before = await rig.get(ENV);
    const quick = rig.newService(rig.home, { options: { verifyTimeoutMs: 300, verifyIntervalMs: 100 } });
    const plan = await quick.plan(finding.id);
    // TronadorConfig already copies ghcr-pull; only the environment's values lack it.
    assert.deepEqual(plan.changes.map((c) => `${c.action} ${c.ref.kind} ${c.ref.name}`), ['patch Environment pr-099-login']);
    assert.match(plan.changes[0]!.diff, /\+\s+imagePullSecrets:\n\+\s+- name: ghcr-pull/);
    // The scenario's planted pull failure ignores pull secrets, so the old pod never goes away and
    // verification cannot pass here; what the fix controls is that the pods get the secret.
    const { entry } = await quick.apply(plan.planId);
    const DEPLOY = '/apis/apps/v1/namespaces/pr-099-login/deployments/shop';
    const secrets = async () => ((await rig.get(DEPLOY)).spec as { template: { spec: { imagePullSecrets?: Array<{ name: string }> } } }).template.spec.imagePullSecrets;
    await eventually(async () => ((await secrets())?.some((s) => s.name === 'ghcr-pull') ? true : undefined), 'the chart to put the pull secret on the pods');
    await rig.service.undo(entry.id);
    await eventually(async () => ((await secrets()) === undefined ? true : undefined), 'the pull secret to be gone from the pods again');
    assert.deepEqual((comparable(await rig.get(ENV), true) as { spec: unknown }).spec, (comparable(before, true) as { spec: unknown }).spec);
    await eventually(() => has(finding.id), 'the check to fail again', 20_000);
  });
});

describe('tronador.remove-stale on the tronador-environments scenario', () => {
  test('the merged pull request environment is removed with its namespace', async () => {
    const id = 'tronador.stale-environment/_/pr-087-search';
    await eventually(() => has(id), 'the stale finding', 30_000);
    const plan = await rig.service.plan(id);
    assert.deepEqual(plan.changes.map((c) => `${c.action} ${c.ref.kind} ${c.ref.name}`), ['delete Environment pr-087-search', 'delete Namespace pr-087-search']);
    const { verification } = await rig.service.apply(plan.planId);
    assert.equal(verification.ok, true, verification.message);
    assert.equal(await lacks(id), true);
  });
});
