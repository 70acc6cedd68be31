import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../electron/core/cluster/view.ts';
import { loadBuiltinProfiles } from '../../../electron/core/stacks/load.ts';
import { configMap, cronJob, deployment, endpoints, job, namespace, service, statefulSet } from '../../support/objects.ts';
import { findingsOf, ids } from '../../support/inspect.ts';

const profile = loadBuiltinProfiles().find((p) => p.name === 'chall-manager')!;
const NS = 'chall-manager';
const NOW = '2026-11-22T00:00:00Z';
const api = deployment('chall-manager', NS, { containers: [{ name: 'chall-manager', ports: [{ name: 'grpc', containerPort: 8080 }], env: [{ name: 'ETCD_ENDPOINT', value: 'etcd-cluster-headless:2379' }] }] });
const etcdSts = statefulSet('etcd-cluster', NS, { containers: [{ name: 'etcd', ports: [{ name: 'client', containerPort: 2379 }] }] });
const etcdSvc = service('etcd-cluster-headless', NS, { selector: { app: 'etcd-cluster' }, clusterIP: 'None', ports: [{ name: 'client', port: 2379 }] });
const janitor = (lastSuccessfulTime?: string) => cronJob('chall-manager-janitor', NS, { lastSuccessfulTime, lastScheduleTime: '2026-11-21T23:59:00Z' });

function world(o: { janitor?: KubeObject; etcdReady?: boolean; extra?: KubeObject[] } = {}): KubeObject[] {
  return [api, etcdSts, etcdSvc, endpoints('etcd-cluster-headless', NS, o.etcdReady === false ? { ready: [], notReady: ['10.42.1.5'] } : { ready: ['10.42.1.5'] }), o.janitor ?? janitor('2026-11-21T23:59:30Z'), ...(o.extra ?? [])];
}
const run = (objects: KubeObject[], options = {}) => findingsOf('chall-manager', objects, profile, { now: NOW, ...options });

describe('chall-manager', () => {
  test('a janitor that just ran and a reachable etcd: no findings', () => {
    assert.deepEqual(run(world()), []);
  });

  test('chall.janitor-stale when the last success is older than the limit', () => {
    const f = run(world({ janitor: janitor('2026-11-21T23:00:00Z') }));
    assert.deepEqual(ids(f), ['chall.janitor-stale/chall-manager/chall-manager-janitor']);
    assert.match(f[0]!.title, /60 minutes/);
    assert.deepEqual(run(world({ janitor: janitor('2026-11-21T23:00:00Z') }), { janitorStaleMinutes: 120 }), []);
  });

  test('chall.janitor-stale at once when its latest run failed', () => {
    const failed = job('chall-manager-janitor-29001', NS, { failed: true, owner: 'chall-manager-janitor', creationTimestamp: '2026-11-21T23:59:00Z', message: 'connection refused' });
    const older = job('chall-manager-janitor-29000', NS, { succeeded: true, owner: 'chall-manager-janitor', creationTimestamp: '2026-11-21T23:58:00Z' });
    const f = run(world({ extra: [older, failed] }));
    assert.deepEqual(ids(f), ['chall.janitor-stale/chall-manager/chall-manager-janitor']);
    assert.match(f[0]!.explanation, /connection refused/);
    const recovered = job('chall-manager-janitor-29002', NS, { succeeded: true, owner: 'chall-manager-janitor', creationTimestamp: '2026-11-21T23:59:50Z' });
    assert.deepEqual(run(world({ extra: [older, failed, recovered] })), []);
  });

  test('chall.etcd-unreachable when the headless Service has no ready endpoint', () => {
    const f = run(world({ etcdReady: false }));
    assert.deepEqual(ids(f), ['chall.etcd-unreachable/chall-manager/etcd-cluster-headless']);
    assert.match(f[0]!.explanation, /ETCD_ENDPOINT is set/);
  });

  test('no etcd deployed and none configured: locks are local, nothing to report', () => {
    const localApi = deployment('chall-manager', NS, { containers: [{ name: 'chall-manager', ports: [{ name: 'grpc', containerPort: 8080 }] }] });
    assert.deepEqual(run([localApi, janitor('2026-11-21T23:59:30Z')]), []);
  });

  test('chall.instance-expired for an instance past its until, not for one still valid', () => {
    const target = 'cm-target-ab12cd34';
    const expired = configMap('instance-chall1-team7', target, {});
    expired.metadata.annotations = { 'chall-manager.ctfer.io/until': '2026-11-21T23:30:00Z' };
    const valid = configMap('instance-chall1-team8', target, {});
    valid.metadata.annotations = { 'chall-manager.ctfer.io/until': '2026-11-22T01:00:00Z' };
    const f = run(world({ extra: [namespace(target), expired, valid] }));
    assert.deepEqual(ids(f), ['chall.instance-expired/cm-target-ab12cd34/instance-chall1-team7']);
    assert.match(f[0]!.title, /30 minutes past/);
  });
});
