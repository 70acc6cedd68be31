import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KubeObject } from '../../electron/core/cluster/view.ts';
import { deployment, service } from '../support/objects.ts';
import { comparable, startRig, type RepairRig } from './repair-harness.ts';

let rig: RepairRig;
const SVC = '/api/v1/namespaces/default/services/tt-tracetest-frontend';

before(async () => {
  rig = await startRig();
  rig.seed(
    deployment('tt-tracetest-frontend', 'default', { podLabels: { app: 'frontend' }, containers: [{ ports: [{ name: 'http', containerPort: 3000 }] }] }),
    service('tt-tracetest-frontend', 'default', { selector: { app: 'frontend' }, ports: [{ name: 'http', port: 3000, targetPort: 3999 }] }),
  );
});
after(() => rig.close());

const findingId = 'edge.target-port-mismatch/default/tt-tracetest-frontend/http';

describe('service.fix-target-port on the sandbox', () => {
  test('check fails → plan → apply → check passes → undo → before state → check fails again', async () => {
    assert.ok((await rig.findings()).some((f) => f.id === findingId), 'the check reports the mismatch');
    const before = await rig.get(SVC);
    const plan = await rig.service.plan(findingId);
    assert.equal(plan.appliable, true, plan.blockedBy);
    assert.equal(plan.changes.length, 1);
    assert.match(plan.changes[0]!.diff, /-\s+targetPort: 3999\n\+\s+targetPort: 3000/);
    assert.deepEqual(plan.dryRun.map((d) => d.ok), [true]);
    const events: string[] = [];
    const { entry, verification } = await rig.service.apply(plan.planId, (e) => events.push(e.phase));
    assert.equal(verification.ok, true, verification.message);
    assert.ok(events.includes('write') && events.includes('verify') && events.at(-1) === 'done');
    const fixed = await rig.get(SVC);
    assert.equal((fixed.spec as { ports: Array<{ targetPort: number }> }).ports[0]!.targetPort, 3000);
    assert.ok(!(await rig.findings()).some((f) => f.id === findingId));
    assert.ok(JSON.stringify(fixed.metadata.managedFields ?? []).includes('groundcrew'), 'written by field manager groundcrew');

    const undo = await rig.service.undo(entry.id);
    assert.equal(undo.undoOf, entry.id);
    const restored = await rig.get(SVC);
    assert.deepEqual(comparable(restored), comparable(before as KubeObject));
    assert.ok((await rig.findings()).some((f) => f.id === findingId), 'the check fails again after undo');
    const journal = await rig.service.journal();
    const original = journal.entries.find((e) => e.id === entry.id);
    assert.equal(original?.undoneBy, undo.id);
  });
});

describe('refusals leave the cluster as it was', () => {
  const targetPort = async () => ((await rig.get(SVC)).spec as { ports: Array<{ targetPort: number }> }).ports[0]!.targetPort;

  test('a concurrent edit between plan and apply is refused, naming the object and both resourceVersions', async () => {
    const plan = await rig.service.plan(findingId);
    const seen = (plan.changes[0]!.before!.metadata as { resourceVersion: string }).resourceVersion;
    await rig.client.request({ method: 'PATCH', path: SVC, body: { metadata: { labels: { touched: 'by-someone-else' } } }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    const now = (await rig.get(SVC)).metadata.resourceVersion!;
    await assert.rejects(rig.service.apply(plan.planId), (err: Error) => {
      assert.equal(err.message, `Service default/tt-tracetest-frontend changed since the plan (resourceVersion ${seen} → ${now}); re-plan; nothing was changed`);
      return true;
    });
    assert.equal(await targetPort(), 3999);
    assert.equal((await rig.get(SVC)).metadata.labels?.touched, 'by-someone-else');
  });

  test('an RBAC deny rule blocks the plan and the apply with the verb and resource named; nothing changes', async () => {
    const plan = await rig.service.plan(findingId);
    assert.equal(plan.appliable, true);
    rig.sandbox.faults.set({ deny: [{ verbs: ['patch'], group: '', resource: 'services', namespace: 'default' }] });
    try {
      await assert.rejects(rig.service.apply(plan.planId), /not allowed to patch services in namespace default( \([^)]*\))?; nothing was changed/);
      const blocked = await rig.service.plan(findingId);
      assert.equal(blocked.appliable, false);
      assert.match(blocked.blockedBy ?? '', /not allowed to patch services in namespace default/);
      await assert.rejects(rig.service.apply(blocked.planId), /cannot be applied: not allowed to patch services/);
    } finally {
      rig.sandbox.faults.set({});
    }
    assert.equal(await targetPort(), 3999);
  });

  test('a failing server-side dry run stops the fix before any write', async () => {
    rig.sandbox.faults.set({ errors: [{ verb: 'patch', resource: 'services', rate: 1, message: 'admission webhook "policy.example" denied the request' }] });
    let plan;
    try {
      plan = await rig.service.plan(findingId);
    } finally {
      rig.sandbox.faults.set({});
    }
    assert.equal(plan.appliable, false);
    assert.equal(plan.dryRun[0]!.ok, false);
    assert.match(plan.dryRun[0]!.message ?? '', /policy\.example/);
    assert.match(plan.blockedBy ?? '', /dry run refused Service default\/tt-tracetest-frontend/);
    await assert.rejects(rig.service.apply(plan.planId), /cannot be applied/);
    assert.equal(await targetPort(), 3999);
  });
});

describe('undo refuses when someone changed what the fix wrote', () => {
  test('an edit to the same field since the fix is refused naming the object; an unrelated edit is not', async () => {
    const plan = await rig.service.plan(findingId);
    const { entry } = await rig.service.apply(plan.planId);
    const merge = { 'Content-Type': 'application/merge-patch+json' };
    const ports = (targetPort: number) => ({ spec: { ports: [{ name: 'http', port: 3000, targetPort, protocol: 'TCP' }] } });
    await rig.client.request({ method: 'PATCH', path: SVC, body: ports(3001), headers: merge });
    await assert.rejects(rig.service.undo(entry.id), /^.*Service default\/tt-tracetest-frontend changed since the fix was applied \(resourceVersion \d+ → \d+\): spec\.ports differs; undo refused$/);
    assert.equal(((await rig.get(SVC)).spec as { ports: Array<{ targetPort: number }> }).ports[0]!.targetPort, 3001, 'nothing was written');

    await rig.client.request({ method: 'PATCH', path: SVC, body: { ...ports(3000), metadata: { annotations: { note: 'unrelated' } } }, headers: merge });
    await rig.service.undo(entry.id);
    const restored = await rig.get(SVC);
    assert.equal((restored.spec as { ports: Array<{ targetPort: number }> }).ports[0]!.targetPort, 3999);
    assert.equal(restored.metadata.annotations?.note, 'unrelated', 'the unrelated edit is kept');
  });
});
