/**
 * The repair engine against the broken Tracetest scenario as an operator meets it: every finding
 * that offers a fix plans with a clean server-side dry run, and the common faults (CoreDNS, the
 * Cloud API target port, the Kratos admin selector, the expired certificate) are fixed and verified.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadScenario } from '../../electron/core/sandbox/scenarios/index.ts';
import type { Finding } from '../../shared/model/finding.ts';
import { eventually, startRig, type RepairRig } from './repair-harness.ts';

let rig: RepairRig;
const expected = [
  'dns.hostname-unresolved/kube-system/coredns/tracetest.localdev',
  'edge.target-port-mismatch/tracetest/tt-tracetest-cloud/http',
  'edge.selector-no-pods/tracetest/tt-kratos-admin',
  'cert.expired/tracetest/ttdeps-cert',
  'job.failed/tracetest/nats-initial-config',
];

before(async () => {
  rig = await startRig({}, { controllers: true });
  loadScenario('tracetest-broken', rig.sandbox.store);
});
after(() => rig.close());

describe('repairing the broken Tracetest scenario', () => {
  let findings: Finding[];

  test('every fixable finding plans: exact changes, diffs, permissions, clean dry runs', async () => {
    findings = await eventually(async () => {
      const now = await rig.findings();
      return expected.every((id) => now.some((f) => f.id === id)) ? now : undefined;
    }, 'the planted faults to be reported', 30_000);
    const fixable = findings.filter((f) => f.fixId && rig.service.fixes().some((x) => x.id === f.fixId));
    assert.ok(fixable.length >= expected.length);
    for (const f of fixable) {
      let plan;
      try {
        plan = await rig.service.plan(f.id);
      } catch (err) {
        // A fix may decline a finding it cannot help with; it must say why, naming what it saw.
        assert.match((err as Error).message, new RegExp(`${f.fixId!.replace('.', '\\.')} cannot fix`), `${f.id}: ${(err as Error).message}`);
        continue;
      }
      assert.ok(plan.changes.length > 0 || plan.blockedBy === 'nothing to change', f.id);
      for (const c of plan.changes) assert.ok(c.diff.includes('@@'), `${f.id}: ${c.ref.kind} ${c.ref.name} has a diff`);
      assert.ok(plan.dryRun.every((d) => d.ok), `${f.id}: ${JSON.stringify(plan.dryRun)}`);
    }
  });

  test('the CoreDNS rewrite, the target port, the selector and the certificate are fixed and verified', async () => {
    for (const id of expected.slice(0, 4)) {
      const plan = await rig.service.plan(id);
      const { verification } = await rig.service.apply(plan.planId);
      assert.equal(verification.ok, true, `${id}: ${verification.message}`);
    }
    const after = await rig.findings();
    for (const id of expected.slice(0, 4)) assert.ok(!after.some((f) => f.id === id), `${id} is gone`);
    const journal = await rig.service.journal();
    assert.deepEqual(journal.entries.filter((e) => !e.undoOf).map((e) => e.findingId).sort(), expected.slice(0, 4).sort());
  });
});
