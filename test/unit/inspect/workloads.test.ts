import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cronJob, deployment, job, pod, pvc, statefulSet } from '../../support/objects.ts';
import { demoObjects, demoProfile, findingsOf, ids, NS } from '../../support/inspect.ts';

const webPod = (o: Parameters<typeof pod>[2]) => pod('d-web-6f7c9-abcde', NS, { labels: { app: 'd-web' }, owner: { kind: 'ReplicaSet', name: 'd-web-6f7c9' }, containers: [{ name: 'web', image: 'example/web:1.0', ports: [{ name: 'http', containerPort: 8080 }] }], ...o });
const webDeploy = (o: Parameters<typeof deployment>[2]) => deployment('d-web', NS, { podLabels: { app: 'd-web' }, containers: [{ name: 'web', image: 'example/web:1.0', ports: [{ name: 'http', containerPort: 8080 }] }], ...o });
const run = (objects = demoObjects(), options = {}) => findingsOf('workloads', objects, demoProfile(), options);

describe('workloads', () => {
  test('a healthy install has no findings', () => {
    assert.deepEqual(run(), []);
  });

  test('workload.missing: a required component is absent, an optional one is not reported', () => {
    const objects = demoObjects({ drop: ['StatefulSet/app/d-db'] });
    const [f, ...rest] = run(objects);
    assert.equal(rest.length, 0);
    assert.equal(f!.id, 'workload.missing/app/d-db');
    assert.equal(f!.severity, 'error');
    assert.equal(f!.component, 'db');
    const optionalDb = demoProfile({ components: [demoProfile().components[0]!, { ...demoProfile().components[1]!, optional: true }] });
    assert.deepEqual(findingsOf('workloads', objects, optionalDb), []);
  });

  test('workload.missing is not concluded when the kind could not be listed', () => {
    const objects = demoObjects({ drop: ['StatefulSet/app/d-db'] });
    const findings = findingsOf('workloads', objects, demoProfile(), {}, { kindStates: { 'apps/StatefulSet': { state: 'forbidden', reason: 'RBAC: list denied' } } });
    assert.deepEqual(ids(findings), ['inspect.forbidden/_/apps/StatefulSet']);
    assert.equal(findings[0]!.severity, 'info');
    assert.match(findings[0]!.title, /forbidden/);
  });

  test('forbidden Pods: readiness from the workload status, plus a note that causes could not be read', () => {
    const f = findingsOf('workloads', demoObjects({ replace: [webDeploy({ readyReplicas: 0 })], drop: ['Pod/app/d-web-6f7c9-abcde', 'Pod/app/d-db-0'] }), demoProfile(), {}, { kindStates: { Pod: { state: 'forbidden', reason: 'denied' } } });
    assert.deepEqual(ids(f), ['inspect.forbidden/_/Pod', 'workload.not-ready/app/d-web']);
  });

  test('workload.not-ready: fewer ready replicas than desired', () => {
    const f = run(demoObjects({ replace: [webDeploy({ replicas: 2, readyReplicas: 1 })] }));
    assert.deepEqual(ids(f), ['workload.not-ready/app/d-web']);
    assert.match(f[0]!.title, /1\/2/);
  });

  test('workload.not-ready: scaled to zero offers workload.scale', () => {
    const f = run(demoObjects({ replace: [webDeploy({ replicas: 0, readyReplicas: 0 })], drop: ['Pod/app/d-web-6f7c9-abcde'] }));
    assert.deepEqual(ids(f), ['workload.not-ready/app/d-web']);
    assert.equal(f[0]!.fixId, 'workload.scale');
  });

  test('workload.crashloop replaces the generic not-ready', () => {
    const objects = demoObjects({
      replace: [webDeploy({ readyReplicas: 0 }), webPod({ ready: false, statuses: [{ name: 'web', restartCount: 7, waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s' }, lastTerminated: { reason: 'Error', exitCode: 1 } }] })],
    });
    const f = run(objects);
    assert.deepEqual(ids(f), ['workload.crashloop/app/d-web/web']);
    assert.match(f[0]!.explanation, /code 1/);
    assert.equal(f[0]!.evidence[0]!.ref.kind, 'Pod');
  });

  test('workload.oom-killed', () => {
    const objects = demoObjects({ replace: [webPod({ statuses: [{ name: 'web', restartCount: 2, lastTerminated: { reason: 'OOMKilled', exitCode: 137 } }] })] });
    assert.deepEqual(ids(run(objects)), ['workload.oom-killed/app/d-web/web']);
  });

  test('workload.image-pull, with the mirror hint on an air-gapped site', () => {
    const objects = demoObjects({
      replace: [webDeploy({ readyReplicas: 0 }), webPod({ ready: false, statuses: [{ name: 'web', image: 'docker.io/example/web:1.0', waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' } }] })],
    });
    const plain = run(objects);
    assert.deepEqual(ids(plain), ['workload.image-pull/app/d-web/web']);
    assert.equal(plain[0]!.fixId, undefined);
    const gapped = run(objects, { airGapped: true, mirrorRegistry: 'mirror.local:5000', mirroredImages: ['example/web'] }).filter((f) => f.checkId === 'workload.image-pull');
    assert.equal(gapped[0]!.fixId, 'image.use-mirror');
    assert.match(gapped[0]!.explanation, /in the mirror list: pull it from mirror\.local:5000/);
    const otherTag = run(objects, { airGapped: true, mirrorRegistry: 'mirror.local:5000', mirroredImages: ['example/web:0.9'] }).find((f) => f.checkId === 'workload.image-pull');
    assert.match(otherTag!.explanation, /example\/web:1\.0 is not in the mirror list/);
  });

  test('workload.pending-unschedulable: no node fits, or an unbound claim', () => {
    const unsched = webPod({ phase: 'Pending', ready: false, conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient memory.' }] });
    const f = run(demoObjects({ replace: [webDeploy({ readyReplicas: 0 }), unsched] }));
    assert.deepEqual(ids(f), ['workload.pending-unschedulable/app/d-web']);
    assert.match(f[0]!.explanation, /Insufficient memory/);
    const waiting = webPod({ phase: 'Pending', ready: false, conditions: [{ type: 'PodScheduled', status: 'True' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-d-web' } }] });
    const g = run(demoObjects({ replace: [webDeploy({ readyReplicas: 0 }), waiting], add: [pvc('data-d-web', NS, 'Pending')] }));
    assert.match(g.find((x) => x.checkId === 'workload.pending-unschedulable')!.explanation, /data-d-web/);
  });

  test('workload.restarts above the threshold only', () => {
    const many = demoObjects({ replace: [webPod({ statuses: [{ name: 'web', restartCount: 9 }] })] });
    assert.deepEqual(ids(run(many)), ['workload.restarts/app/d-web/web']);
    assert.equal(run(many)[0]!.severity, 'warning');
    assert.deepEqual(run(many, { restartThreshold: 10 }), []);
  });

  test('job.failed, but not a CronJob failure a later run made good', () => {
    const failed = job('nats-initial-config', NS, { failed: true });
    const f = run(demoObjects({ add: [failed] }));
    assert.deepEqual(ids(f), ['job.failed/app/nats-initial-config']);
    assert.equal(f[0]!.fixId, 'job.rerun');
    assert.match(f[0]!.explanation, /stream "tests"/);
    assert.deepEqual(run(demoObjects({ add: [job('nats-initial-config', NS, { succeeded: true })] })), []);
    const old = job('janitor-1', NS, { failed: true, owner: 'janitor', creationTimestamp: '2026-11-21T23:00:00Z' });
    const later = job('janitor-2', NS, { succeeded: true, owner: 'janitor', creationTimestamp: '2026-11-21T23:59:00Z' });
    assert.deepEqual(run(demoObjects({ add: [cronJob('janitor', NS), old, later] })), []);
    const latestFailed = job('janitor-3', NS, { failed: true, owner: 'janitor', creationTimestamp: '2026-11-21T23:59:30Z' });
    assert.deepEqual(ids(run(demoObjects({ add: [cronJob('janitor', NS), old, later, latestFailed] }))), ['job.failed/app/janitor']);
  });

  test('image.not-mirrored on an air-gapped site, quiet once images come from the mirror', () => {
    const options = { airGapped: true, mirrorRegistry: 'mirror.local:5000' };
    assert.deepEqual(ids(run(demoObjects(), options)), ['image.not-mirrored/app/d-db/db', 'image.not-mirrored/app/d-web/web']);
    const mirrored = demoObjects({
      replace: [
        webDeploy({ containers: [{ name: 'web', image: 'mirror.local:5000/example/web:1.0', ports: [{ name: 'http', containerPort: 8080 }] }] }),
        statefulSet('d-db', NS, { podLabels: { app: 'd-db' }, containers: [{ name: 'db', image: 'mirror.local:5000/example/db:16' }] }),
      ],
    });
    assert.deepEqual(run(mirrored, options), []);
  });
});
