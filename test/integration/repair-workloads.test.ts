import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KubeObject } from '../../electron/core/cluster/view.ts';
import { deployment, service } from '../support/objects.ts';
import { comparable, eventually, startRig, type RepairRig } from './repair-harness.ts';

let rig: RepairRig;
const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } }, spec: { podCIDR: '10.244.0.0/24' } };
const has = async (id: string) => ((await rig.findings()).some((f) => f.id === id) ? true : undefined);
const lacks = async (id: string) => ((await rig.findings()).some((f) => f.id === id) ? undefined : true);

before(async () => {
  rig = await startRig({}, { controllers: true });
  rig.seed(node, deployment('tt-tracetest-frontend', 'default', { containers: [{ ports: [{ name: 'http', containerPort: 3000 }] }] }));
});
after(() => rig.close());

describe('job.rerun on the sandbox', () => {
  test('failed → delete and re-create → the new run succeeds → undo re-creates the old Job (which fails again)', async () => {
    const JOB = '/apis/batch/v1/namespaces/default/jobs/nats-initial-config';
    const id = 'job.failed/default/nats-initial-config';
    await rig.plant([{ kind: 'Job', namespace: 'default', name: 'nats-initial-config', fault: 'JobFailed' }]);
    await rig.client.request({
      method: 'POST',
      path: '/apis/batch/v1/namespaces/default/jobs',
      body: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'nats-initial-config', labels: { app: 'nats-box' } }, spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'nats-box', image: 'natsio/nats-box:0.14.5', command: ['nats', 'stream', 'add', 'tests'] }] } } } },
    });
    await eventually(() => has(id), 'the Job to fail');
    const before = await rig.get(JOB);

    await rig.plant([]); // the cause is fixed: the next run succeeds
    const plan = await rig.service.plan(id);
    assert.equal(plan.appliable, true, plan.blockedBy);
    assert.deepEqual(plan.changes.map((c) => c.action), ['delete', 'create']);
    assert.deepEqual(plan.dryRun.map((d) => d.ok), [true, true]);
    const created = plan.changes[1]!.after as KubeObject;
    assert.equal(JSON.stringify(created).includes('controller-uid'), false, 'no controller-set labels or selector');
    const { entry, verification } = await rig.service.apply(plan.planId);
    assert.equal(verification.ok, true, verification.message);
    const rerun = await rig.get(JOB);
    assert.notEqual(rerun.metadata.uid, before.metadata.uid);
    await eventually(async () => (((await rig.get(JOB)).status as { succeeded?: number } | undefined)?.succeeded ? true : undefined), 'the new run to succeed');

    await rig.plant([{ kind: 'Job', namespace: 'default', name: 'nats-initial-config', fault: 'JobFailed' }]);
    await rig.service.undo(entry.id);
    const restored = await rig.get(JOB);
    const spec = (o: KubeObject) => {
      const s = structuredClone(o.spec) as { selector?: unknown; template: { metadata?: { labels?: Record<string, string> } } };
      delete s.selector;
      delete s.template.metadata;
      return s;
    };
    assert.deepEqual(spec(restored), spec(before), 'the old Job spec is back');
    assert.deepEqual(restored.metadata.labels?.app, 'nats-box');
    await eventually(() => has(id), 'the check to fail again');
  });
});

describe('workload.scale on the sandbox', () => {
  test('CoreDNS scaled to 0 → scaled to 1 → ready → undo → 0 again', async () => {
    const DEPLOY = '/apis/apps/v1/namespaces/kube-system/deployments/coredns';
    const id = 'dns.coredns-not-ready/kube-system/coredns';
    rig.seed(deployment('coredns', 'kube-system', { replicas: 0, podLabels: { 'k8s-app': 'kube-dns' } }));
    await eventually(() => has(id), 'the CoreDNS finding');
    const before = await rig.get(DEPLOY);
    const plan = await rig.service.plan(id);
    assert.match(plan.changes[0]!.diff, /-\s+replicas: 0\n\+\s+replicas: 1/);
    const { entry, verification } = await rig.service.apply(plan.planId);
    assert.equal(verification.ok, true, verification.message);
    await rig.service.undo(entry.id);
    assert.deepEqual(comparable(await rig.get(DEPLOY), true), comparable(before, true));
    await eventually(() => has(id), 'the check to fail again');
  });
});

describe('service.fix-selector on the sandbox', () => {
  test('a selector matching no pods → the workload pod labels → endpoints → undo', async () => {
    const SVC = '/api/v1/namespaces/default/services/tt-tracetest-cloud';
    const id = 'edge.selector-no-pods/default/tt-tracetest-cloud';
    rig.seed(
      deployment('tt-tracetest-cloud', 'default', { podLabels: { 'app.kubernetes.io/name': 'tracetest-cloud' }, containers: [{ ports: [{ name: 'http', containerPort: 8090 }] }] }),
      service('tt-tracetest-cloud', 'default', { selector: { app: 'cloud' }, ports: [{ name: 'http', port: 8090, targetPort: 8090 }] }),
    );
    await eventually(() => has(id), 'the selector finding');
    const before = await rig.get(SVC);
    const plan = await rig.service.plan(id);
    const { entry, verification } = await rig.service.apply(plan.planId);
    assert.equal(verification.ok, true, verification.message);
    assert.deepEqual(((await rig.get(SVC)).spec as { selector: unknown }).selector, { 'app.kubernetes.io/name': 'tracetest-cloud' });
    await rig.service.undo(entry.id);
    assert.deepEqual(comparable(await rig.get(SVC), true), comparable(before, true));
    await eventually(() => has(id), 'the check to fail again');
  });
});

describe('workload.rollout-restart on the sandbox', () => {
  test('a restart does not cure a crashing binary: applied, journaled as not verified, undone', async () => {
    const DEPLOY = '/apis/apps/v1/namespaces/default/deployments/tt-tracetest-core-api';
    rig.seed(deployment('tt-tracetest-core-api', 'default', { containers: [{ name: 'api', ports: [{ name: 'http', containerPort: 11633 }] }] }));
    await rig.plant([{ kind: 'Deployment', namespace: 'default', name: 'tt-tracetest-core-api', fault: 'CrashLoopBackOff' }]);
    const finding = await eventually(async () => (await rig.findings()).find((f) => f.checkId === 'workload.crashloop' && f.component === 'core-api'), 'the crashloop finding');
    const before = await rig.get(DEPLOY);
    const impatient = rig.newService(rig.home, { options: { verifyTimeoutMs: 1500, verifyIntervalMs: 100 } });
    const plan = await impatient.plan(finding.id);
    assert.equal(plan.changes[0]!.ref.name, 'tt-tracetest-core-api');
    const { entry, verification } = await impatient.apply(plan.planId);
    assert.equal(verification.ok, false);
    assert.match(verification.message, /workload\.crashloop still reports/);
    assert.equal(entry.verification.ok, false, 'the journal says it was not verified');
    const annotations = ((await rig.get(DEPLOY)).spec as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata.annotations;
    assert.ok(annotations['kubectl.kubernetes.io/restartedAt']);
    await impatient.undo(entry.id);
    assert.deepEqual(comparable(await rig.get(DEPLOY), true), comparable(before, true));
    await rig.plant([]);
    await eventually(() => lacks(finding.id), 'the crashloop to clear once the cause is gone');
  });
});
