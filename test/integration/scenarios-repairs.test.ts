/**
 * The sandbox answers repairs the way a cluster would: fixing a planted fault's cause in the
 * objects (what the repair engine does through the API) makes the symptom go away once the
 * controllers have converged.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../electron/core/cluster/view.ts';
import { runScenario, type RunningScenario } from '../support/sandbox-scenario.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const cond = (o: KubeObject | undefined, type: string): Any | undefined => ((o?.status as Any)?.conditions as Any[] | undefined)?.find((c) => c.type === type);

function edit(s: RunningScenario, apiVersion: string, kind: string, ns: string | undefined, name: string, mutate: (o: Any) => void): void {
  const t = s.store.resourceTypeForKind(apiVersion, kind)!;
  const o = s.get(apiVersion, kind, ns, name)!;
  mutate(o as Any);
  s.store.update({ group: t.group, resource: t.resource }, o);
}

describe('repairs on tracetest-broken', () => {
  let s: RunningScenario;
  before(async () => {
    s = await runScenario('tracetest-broken', { settleMinutes: 1 });
  });
  after(() => s.stop());

  test('fixing the target port puts the container port into the Endpoints', async () => {
    edit(s, 'v1', 'Service', 'tracetest', 'tt-tracetest-cloud', (svc) => {
      svc.spec.ports.find((p: Any) => p.name === 'http').targetPort = 'http';
    });
    await s.manager.settle();
    const ep = s.get('v1', 'Endpoints', 'tracetest', 'tt-tracetest-cloud') as Any;
    assert.ok(ep.subsets[0].ports.some((p: Any) => p.name === 'http' && p.port === 8090));
  });

  test('fixing the selector gives the Service ready endpoints', async () => {
    edit(s, 'v1', 'Service', 'tracetest', 'tt-kratos-admin', (svc) => {
      svc.spec.selector = { 'app.kubernetes.io/name': 'kratos', 'app.kubernetes.io/instance': 'tt' };
    });
    await s.manager.settle();
    assert.equal((s.get('v1', 'Endpoints', 'tracetest', 'tt-kratos-admin') as Any).subsets[0].addresses.length, 1);
  });

  test('creating the missing StorageClass binds the claim and MongoDB starts', async () => {
    s.store.create({ group: 'storage.k8s.io', resource: 'storageclasses' }, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast-ssd' }, provisioner: 'rancher.io/local-path' } as KubeObject);
    await s.manager.settle();
    assert.equal((s.get('v1', 'PersistentVolumeClaim', 'tracetest', 'datadir-ttdeps-tracetest-dependencies-mongodb-0')!.status as Any).phase, 'Bound');
    assert.equal((s.get('apps/v1', 'StatefulSet', 'tracetest', 'ttdeps-tracetest-dependencies-mongodb')!.status as Any).readyReplicas, 1);
  });

  test('renewing the expired certificate (Issuing=True) makes it Ready with a valid Secret', async () => {
    const cert = s.get('cert-manager.io/v1', 'Certificate', 'tracetest', 'ttdeps-cert')!;
    const status = cert.status as Any;
    const conditions = [...status.conditions, { type: 'Issuing', status: 'True', reason: 'ManuallyTriggered', message: 'Certificate re-issuance manually triggered', lastTransitionTime: s.clock.now.toISOString() }];
    s.store.updateStatus({ group: 'cert-manager.io', resource: 'certificates' }, { ...cert, status: { ...status, conditions } });
    await s.manager.settle();
    const after = s.get('cert-manager.io/v1', 'Certificate', 'tracetest', 'ttdeps-cert');
    assert.equal(cond(after, 'Ready')?.reason, 'Ready');
    assert.ok(Date.parse((after!.status as Any).notAfter) > s.clock.now.getTime());
  });

  test('pointing the frontend at a mirrored image rolls out a ready pod', async () => {
    edit(s, 'apps/v1', 'Deployment', 'tracetest', 'tt-tracetest-frontend', (d) => {
      d.spec.template.spec.containers[0].image = 'registry.airgap.local:5000/kubeshop/tracetest-frontend:v1.7.1';
    });
    await s.manager.settle();
    const d = s.get('apps/v1', 'Deployment', 'tracetest', 'tt-tracetest-frontend')!;
    assert.equal((d.status as Any).readyReplicas, 1);
    assert.equal(cond(d, 'Progressing')?.reason, 'NewReplicaSetAvailable');
  });

  test('re-running the failed post-install Job completes it', async () => {
    const job = s.get('batch/v1', 'Job', 'tracetest', 'nats-initial-config') as Any;
    s.store.delete({ group: 'batch', resource: 'jobs' }, 'tracetest', 'nats-initial-config', { propagationPolicy: 'Background' });
    // The planted failure belongs to the run made at install time; a later run succeeds.
    await s.tick(1000);
    s.store.create({ group: 'batch', resource: 'jobs' }, { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'nats-initial-config', namespace: 'tracetest', labels: job.metadata.labels }, spec: { backoffLimit: 3, template: { spec: { restartPolicy: 'Never', containers: job.spec.template.spec.containers } } } });
    await s.manager.settle();
    assert.equal(cond(s.get('batch/v1', 'Job', 'tracetest', 'nats-initial-config'), 'Complete')?.status, 'True');
  });
});

describe('repairs on tronador-environments', () => {
  let s: RunningScenario;
  before(async () => {
    s = await runScenario('tronador-environments', { settleMinutes: 1 });
  });
  after(() => s.stop());

  test("adding the pull secret to an environment's release values lets its pods pull", async () => {
    edit(s, 'tronador.stakater.com/v1alpha2', 'Environment', undefined, 'pr-099-login', (env) => {
      env.spec.application.release.values.imagePullSecrets = [{ name: 'ghcr-pull' }];
    });
    await s.manager.settle();
    const pods = s.list('v1', 'Pod', 'pr-099-login');
    assert.equal(pods.length, 1);
    assert.deepEqual((pods[0]!.spec as Any).imagePullSecrets, [{ name: 'ghcr-pull' }]);
    assert.equal(cond(pods[0], 'Ready')?.status, 'True');
  });
});
