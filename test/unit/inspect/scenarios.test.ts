import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from '../../../electron/core/inspect/index.ts';
import { listScenarios } from '../../../electron/core/sandbox/scenarios/index.ts';
import { loadBuiltinProfiles } from '../../../electron/core/stacks/load.ts';
import type { Finding } from '../../../shared/model/finding.ts';
import { runScenario } from '../../support/sandbox-scenario.ts';

/**
 * The sandbox scenarios list the faults they plant by check id and `<namespace>/<name>`. Each
 * scenario is run in process on a hand-driven clock until the simulated controllers settle;
 * the inspection of the resulting view must report every planted fault, and a scenario without
 * faults must give no warning or error. (test/integration/inspect-scenarios.test.ts does the
 * same end to end through the CLI and the API server.)
 */
const profiles = loadBuiltinProfiles();
const matches = (f: Finding, check: string, object: string) => f.checkId === check && (f.id === `${check}/${object}` || f.id.startsWith(`${check}/${object}/`));

describe('sandbox scenarios produce the findings they plant', () => {
  for (const name of listScenarios()) {
    test(name, async () => {
      const run = await runScenario(name);
      try {
        const mirror = run.info.plants.mirror;
        const report = inspect(run.view(), profiles, mirror ? { airGapped: true, mirrorRegistry: mirror.host, mirroredImages: mirror.images } : {});
        for (const stack of run.info.stacks) assert.ok(report.installations.some((i) => i.profile === stack), `${stack} detected`);
        const got = report.findings.map((f) => `${f.severity} ${f.id}`).join('\n');
        for (const fault of run.info.faults) {
          assert.ok(report.findings.some((f) => matches(f, fault.expect.check, fault.expect.object)), `fault ${fault.id}: expected ${fault.expect.check} on ${fault.expect.object}; got\n${got}`);
        }
        if (run.info.faults.length === 0) assert.deepEqual(report.findings.filter((f) => f.severity !== 'info').map((f) => f.id), []);
      } finally {
        run.stop();
      }
    });
  }
});
