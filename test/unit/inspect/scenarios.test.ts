import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildClusterView } from '../../../electron/core/cluster/view.ts';
import { inspect } from '../../../electron/core/inspect/index.ts';
import { startControllerManager } from '../../../electron/core/sandbox/controllers/index.ts';
import { listScenarios, loadScenario } from '../../../electron/core/sandbox/scenarios/index.ts';
import { trackUpdate } from '../../../electron/core/sandbox/server/patch-engine.ts';
import { createStore, seedCluster } from '../../../electron/core/sandbox/store/index.ts';
import { loadBuiltinProfiles } from '../../../electron/core/stacks/load.ts';
import type { Finding } from '../../../shared/model/finding.ts';

/**
 * The sandbox scenarios list the faults they plant by check id and `<namespace>/<name>`; the
 * inspection of each scenario, after the simulated controllers have settled, must report every
 * one of them, and a scenario without faults must give no warning or error.
 */
const profiles = loadBuiltinProfiles();

async function inspectScenario(name: string) {
  const store = createStore({ trackUpdate });
  seedCluster(store);
  const info = loadScenario(name, store);
  const manager = startControllerManager(store, {
    now: () => new Date(),
    appendLog: (ns, pod, c, line) => store.logs.append(ns, pod, c, line),
    restartLog: (ns, pod, c) => store.logs.restart(ns, pod, c),
    plants: info.plants,
  });
  try {
    await manager.settle();
    // Time-driven state (crash loops, schedules, expiry) is evaluated on resync.
    manager.resync();
    await manager.settle();
  } finally {
    manager.stop();
  }
  const view = buildClusterView(store.resourceTypes().flatMap((t) => store.list({ group: t.group, resource: t.resource })), { source: { kind: 'fixture', name } });
  const mirror = info.plants.mirror;
  const report = inspect(view, profiles, mirror ? { airGapped: true, mirrorRegistry: mirror.host, mirroredImages: mirror.images } : {});
  return { info, report };
}

const matches = (f: Finding, check: string, object: string) => f.checkId === check && (f.id === `${check}/${object}` || f.id.startsWith(`${check}/${object}/`));

describe('sandbox scenarios produce the findings they plant', () => {
  for (const name of listScenarios()) {
    test(name, async () => {
      const { info, report } = await inspectScenario(name);
      for (const stack of info.stacks) assert.ok(report.installations.some((i) => i.profile === stack), `${stack} detected`);
      const got = report.findings.map((f) => `${f.severity} ${f.id}`);
      for (const fault of info.faults) {
        assert.ok(report.findings.some((f) => matches(f, fault.expect.check, fault.expect.object)), `fault ${fault.id}: expected ${fault.expect.check} on ${fault.expect.object}; got\n${got.join('\n')}`);
      }
      if (info.faults.length === 0) assert.deepEqual(report.findings.filter((f) => f.severity !== 'info').map((f) => f.id), []);
    });
  }
});
