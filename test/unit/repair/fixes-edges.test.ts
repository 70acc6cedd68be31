import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildClusterView, type KubeObject } from '../../../electron/core/cluster/view.ts';
import { defaultRepairOptions, PlanError, type PlanContext } from '../../../electron/core/repair/fix.ts';
import { serviceFixSelector } from '../../../electron/core/repair/fixes/service-fix-selector.ts';
import { serviceFixTargetPort } from '../../../electron/core/repair/fixes/service-fix-target-port.ts';
import { service } from '../../support/objects.ts';
import { demoObjects, demoProfile, findingsOf, NS } from '../../support/inspect.ts';

const profile = demoProfile();
const ctx: PlanContext = { profiles: [profile], options: defaultRepairOptions, now: () => new Date('2026-11-22T01:02:03.456Z') };
const view = (objects: KubeObject[]) => buildClusterView(objects);

function planFor(fixId: string, objects: KubeObject[]) {
  const finding = findingsOf('edges', objects).find((f) => f.fixId === fixId);
  assert.ok(finding, `the edges check reports a finding fixed by ${fixId}`);
  const fix = fixId === 'service.fix-target-port' ? serviceFixTargetPort : serviceFixSelector;
  return { finding, result: fix.plan(view(objects), finding, ctx) };
}

describe('service.fix-target-port', () => {
  test('a numeric targetPort nobody listens on → the container port with the Service port name', () => {
    const objects = demoObjects({ replace: [service('d-db', NS, { selector: { app: 'd-db' }, clusterIP: '10.43.0.12', ports: [{ name: 'db', port: 5432, targetPort: 5433 }] })] });
    const { result } = planFor('service.fix-target-port', objects);
    assert.equal(result.changes.length, 1);
    const [c] = result.changes;
    assert.equal(c!.action, 'patch');
    assert.deepEqual(c!.ref, { apiVersion: 'v1', kind: 'Service', namespace: NS, name: 'd-db' });
    assert.deepEqual(c!.patch?.body, { spec: { ports: [{ name: 'db', port: 5432, targetPort: 5432, protocol: 'TCP' }] } });
    assert.match(c!.diff, /-\s+targetPort: 5433\n\+\s+targetPort: 5432/);
    assert.match(result.explanation, /container port named "db"/);
    assert.equal((c!.before!.metadata as { name: string }).name, 'd-db');
  });

  test('a named targetPort matching no container port name → the profile port (by its target)', () => {
    const objects = demoObjects({ replace: [service('d-web', NS, { selector: { app: 'd-web' }, ports: [{ name: 'web', port: 80, targetPort: 'htp' }] })] });
    // No demo edge ends at web, so the finding is written as the edges check would write it.
    const finding = { id: 'edge.target-port-mismatch/app/d-web/http', checkId: 'edge.target-port-mismatch', severity: 'error' as const, profile: 'demo', component: 'web', title: 't', explanation: 'e', evidence: [{ ref: { kind: 'Service', namespace: NS, name: 'd-web' }, path: 'spec.ports[0]' }], edge: { consumer: 'x', provider: 'web', port: 'http' } };
    // The web pods name their port "http"; the Service port is called "web", so the profile decides: targetPort "http" → 8080.
    const result = serviceFixTargetPort.plan(view(objects), finding, ctx);
    const ports = (result.changes[0]!.after!.spec as { ports: Array<{ targetPort: unknown }> }).ports;
    assert.equal(ports[0]!.targetPort, 8080);
    assert.match(result.explanation, /profile demo/);
  });

  test('refuses when the targetPort already matches (nothing to fix)', () => {
    const objects = demoObjects({ replace: [service('d-db', NS, { selector: { app: 'd-db' }, clusterIP: '10.43.0.12', ports: [{ name: 'db', port: 5432, targetPort: 5433 }] })] });
    const { finding } = planFor('service.fix-target-port', objects);
    assert.throws(() => serviceFixTargetPort.plan(view(demoObjects()), finding, ctx), (err: Error) => err instanceof PlanError && /already matches/.test(err.message));
  });
});

describe('service.fix-selector', () => {
  test("replaces the selector with the workload's pod labels, dropping stale keys", () => {
    const objects = demoObjects({ replace: [service('d-db', NS, { selector: { app: 'db', tier: 'old' }, clusterIP: '10.43.0.12', ports: [{ name: 'db', port: 5432, targetPort: 5432 }] })] });
    const { result } = planFor('service.fix-selector', objects);
    const [c] = result.changes;
    assert.deepEqual((c!.after!.spec as { selector: unknown }).selector, { app: 'd-db' });
    assert.deepEqual(c!.patch?.body, { spec: { selector: { app: 'd-db', tier: null } } });
    assert.match(c!.summary ?? '', /app=db,tier=old → app=d-db/);
  });

  test('names the Service when it cannot tell which workload to select', () => {
    const objects = [service('orphan', NS, { selector: { app: 'nothing' } })];
    const finding = { id: 'edge.selector-no-pods/app/orphan', checkId: 'edge.selector-no-pods', severity: 'error' as const, profile: 'demo', component: 'web', title: 't', explanation: 'e', evidence: [{ ref: { kind: 'Service', namespace: NS, name: 'orphan' } }] };
    assert.throws(() => serviceFixSelector.plan(view(objects), { ...finding, component: 'none' }, ctx), /Service app\/orphan/);
  });
});
