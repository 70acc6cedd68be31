import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { InspectionReport } from '../../shared/model/finding.ts';
import { listScenarios, scenariosDir } from '../../electron/core/sandbox/scenarios/index.ts';
import { readScenarioFile } from '../../electron/core/sandbox/scenarios/read.ts';
import { builtinFixes } from '../../electron/core/repair/index.ts';
import { runCliAsync } from '../support/cli.ts';
import { tempDir } from '../support/temp.ts';
import { testSandbox } from '../support/sandbox.ts';

/** Runs `groundcrew inspect --json` until two runs in a row agree (the controllers have settled). */
async function settledInspection(kubeconfig: string, home: string): Promise<{ status: number | null; report: InspectionReport }> {
  let previous = '';
  for (let attempt = 0; attempt < 15; attempt++) {
    const r = await runCliAsync(['inspect', '--json', '--kubeconfig', kubeconfig], { GROUNDCREW_HOME: home });
    assert.ok(r.status === 0 || r.status === 3 || r.status === 4, `inspect exit ${r.status}: ${r.stderr}`);
    const report = JSON.parse(r.stdout) as InspectionReport;
    const ids = JSON.stringify(report.findings.map((f) => f.id));
    if (ids === previous) return { status: r.status, report };
    previous = ids;
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
  assert.fail('the inspection never settled');
}

const matches = (id: string, check: string, object: string) => id === `${check}/${object}` || id.startsWith(`${check}/${object}/`);

describe('groundcrew inspect on every sandbox scenario', () => {
  for (const name of listScenarios()) {
    const scenario = readScenarioFile(path.join(scenariosDir(), `${name}.yaml`));
    const planted = scenario.faults ?? [];
    test(`${name}: ${planted.length ? `reports each of its ${planted.length} planted faults` : 'reports no error or warning'}`, async () => {
      const sandbox = await testSandbox({ scenario: name });
      const { status, report } = await settledInspection(sandbox.kubeconfigPath, tempDir());
      const ids = report.findings.map((f) => f.id);
      // Every fix a finding offers exists and is meant for that check.
      for (const f of report.findings.filter((x) => x.fixId)) {
        const fix = builtinFixes.find((x) => x.id === f.fixId);
        assert.ok(fix, `${f.id} offers ${f.fixId}, which no fix implements`);
        assert.ok(fix.checks.includes(f.checkId), `${f.fixId} does not list ${f.checkId} among the checks it fixes`);
      }
      if (planted.length === 0) {
        const bad = report.findings.filter((f) => f.severity !== 'info');
        assert.deepEqual(bad.map((f) => `${f.severity} ${f.id}: ${f.title}`), []);
        assert.equal(status, 0);
        if (name !== 'empty') assert.ok(report.installations.length > 0, `${name}: no installation detected`);
        return;
      }
      for (const fault of planted) {
        const hit = ids.find((id) => matches(id, fault.expect.check, fault.expect.object));
        assert.ok(hit, `${name}: planted fault "${fault.id}" should produce ${fault.expect.check} on ${fault.expect.object}; got:\n${ids.join('\n')}`);
      }
      assert.equal(status, report.counts.error > 0 ? 3 : 4);
    });
  }
});
