import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildClusterView } from '../../../electron/core/cluster/view.ts';
import type { Finding } from '../../../shared/model/finding.ts';
import { defaultRepairOptions, PlanError, type PlanContext } from '../../../electron/core/repair/fix.ts';
import { certRenew } from '../../../electron/core/repair/fixes/cert-renew.ts';
import { jobRerun } from '../../../electron/core/repair/fixes/job-rerun.ts';
import { workloadRolloutRestart } from '../../../electron/core/repair/fixes/workload-rollout-restart.ts';
import { workloadScale } from '../../../electron/core/repair/fixes/workload-scale.ts';
import { certificate, deployment, job, pod } from '../../support/objects.ts';
import { demoObjects, demoProfile, NS } from '../../support/inspect.ts';

const ctx: PlanContext = { profiles: [demoProfile()], options: defaultRepairOptions, now: () => new Date('2026-11-22T01:02:03.456Z') };

function finding(id: string, evidence: Finding['evidence'], extra: Partial<Finding> = {}): Finding {
  return { id, checkId: id.split('/')[0]!, severity: 'error', profile: 'demo', component: 'web', title: 't', explanation: 'e', evidence, ...extra };
}

describe('workload.rollout-restart', () => {
  test("stamps kubectl's restartedAt annotation on the pod template of the pod's Deployment", () => {
    const objects = [...demoObjects(), { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'd-web-6f7c9', namespace: NS, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'd-web', uid: 'u', controller: true }] } }];
    const f = finding('workload.crashloop/app/d-web-6f7c9-abcde/web', [{ ref: { kind: 'Pod', namespace: NS, name: 'd-web-6f7c9-abcde' } }]);
    const { changes } = workloadRolloutRestart.plan(buildClusterView(objects), f, ctx);
    assert.equal(changes.length, 1);
    assert.equal(changes[0]!.ref.name, 'd-web');
    assert.deepEqual(changes[0]!.patch?.body, { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-22T01:02:03Z' } } } } });
  });
});

describe('workload.scale', () => {
  test("scales to the profile's replicas, and refuses when already there", () => {
    const objects = demoObjects({ replace: [deployment('d-web', NS, { podLabels: { app: 'd-web' }, replicas: 0 })] });
    const f = finding('workload.not-ready/app/d-web', [{ ref: { kind: 'apps/Deployment', namespace: NS, name: 'd-web' } }]);
    const { changes, explanation } = workloadScale.plan(buildClusterView(objects), f, ctx);
    assert.deepEqual(changes[0]!.patch?.body, { spec: { replicas: 1 } });
    assert.match(explanation, /profile demo expects 1/);
    assert.throws(() => workloadScale.plan(buildClusterView(demoObjects()), f, ctx), PlanError);
  });
});

describe('job.rerun', () => {
  test('deletes the failed Job and re-creates it without controller-set selector, labels and status', () => {
    const failed = job('nats-initial-config', NS, { failed: true, labels: { app: 'nats', 'controller-uid': 'abc', 'batch.kubernetes.io/controller-uid': 'abc', 'batch.kubernetes.io/job-name': 'nats-initial-config' } });
    (failed.spec as Record<string, unknown>).selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } };
    ((failed.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels)['controller-uid'] = 'abc';
    failed.metadata.resourceVersion = '77';
    const f = finding('job.failed/app/nats-initial-config', [{ ref: { kind: 'batch/Job', namespace: NS, name: 'nats-initial-config' } }]);
    const { changes } = jobRerun.plan(buildClusterView([failed]), f, ctx);
    assert.deepEqual(changes.map((c) => c.action), ['delete', 'create']);
    assert.equal((changes[0]!.before!.metadata as { resourceVersion: string }).resourceVersion, '77');
    const created = changes[1]!.after as { metadata: Record<string, unknown>; spec: Record<string, unknown>; status?: unknown };
    assert.deepEqual(created.metadata.labels, { app: 'nats' });
    assert.equal(created.metadata.uid, undefined);
    assert.equal(created.metadata.resourceVersion, undefined);
    assert.equal(created.spec.selector, undefined);
    assert.equal(created.status, undefined);
    // job-name and controller-uid were the template's only labels: the Job controller sets them again.
    assert.equal((created.spec.template as { metadata?: unknown }).metadata, undefined);
    assert.equal((created.spec.template as { spec: { restartPolicy: string } }).spec.restartPolicy, 'Never');
  });
});

describe('cert.renew', () => {
  test("adds Issuing=True (ManuallyTriggered) with observedGeneration, keeping the other conditions, as cmctl renew does", () => {
    const cert = certificate('d-cert', NS, { ready: false, reason: 'Expired' });
    cert.metadata.generation = 3;
    const f = finding('cert.expired/app/d-cert', [{ ref: { kind: 'Secret', namespace: NS, name: 'd-cert' } }]);
    const { changes, undoNote } = certRenew.plan(buildClusterView([cert]), f, ctx);
    assert.equal(changes[0]!.action, 'status');
    const conditions = (changes[0]!.after!.status as { conditions: Array<Record<string, unknown>> }).conditions;
    assert.deepEqual(conditions.map((c) => c.type), ['Ready', 'Issuing']);
    assert.deepEqual(conditions[1], { type: 'Issuing', status: 'True', reason: 'ManuallyTriggered', message: 'Certificate re-issuance manually triggered', lastTransitionTime: '2026-11-22T01:02:03Z', observedGeneration: 3 });
    assert.match(undoNote ?? '', /cannot be un-issued/);
  });

  test('plans nothing for a certificate already being issued', () => {
    const cert = certificate('d-cert', NS, { issuing: { type: 'Issuing', status: 'True', reason: 'ManuallyTriggered' } });
    const f = finding('cert.expired/app/d-cert', []);
    const { changes, explanation } = certRenew.plan(buildClusterView([cert]), f, ctx);
    assert.deepEqual(changes, []);
    assert.match(explanation, /already being re-issued/);
  });
});

describe('targets', () => {
  test('a finding naming an object that is gone is a PlanError naming the finding', () => {
    const f = finding('job.failed/app/gone', [{ ref: { kind: 'batch/Job', namespace: NS, name: 'gone' } }]);
    assert.throws(() => jobRerun.plan(buildClusterView([pod('x', NS)]), f, ctx), (err: Error) => err instanceof PlanError && /job\.failed\/app\/gone/.test(err.message));
  });
});
