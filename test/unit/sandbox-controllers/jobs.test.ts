import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.ts';
import type { KubeObject } from '../../../electron/core/cluster/view.ts';
import { lastScheduledTime, parseCron } from '../../../electron/core/sandbox/controllers/cron-schedule.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const st = (o: KubeObject | undefined) => (o?.status ?? {}) as Any;
const cond = (o: KubeObject | undefined, type: string): Any => (st(o).conditions as Any[] | undefined)?.find((c) => c.type === type) as Any;

const job = (name: string, o: { annotations?: Record<string, string>; backoffLimit?: number; image?: string } = {}): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: 'default', ...(o.annotations ? { annotations: o.annotations } : {}) },
  spec: { backoffLimit: o.backoffLimit ?? 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: o.image ?? 'natsio/nats-box:0.14.5' }] } } },
});

describe('Jobs and CronJobs', () => {
  const h = startHarness({ plants: [{ kind: 'CronJob', namespace: 'default', name: 'broken-janitor', fault: 'JobFailed' }] });
  after(() => h.stop());

  test('a job completes with succeeded, completionTime and Complete', async () => {
    h.create(job('ok'));
    await h.settle();
    const j = h.get('batch/v1', 'Job', 'default', 'ok');
    assert.equal(st(j).succeeded, 1);
    assert.ok(st(j).completionTime);
    assert.equal(cond(j, 'Complete')?.status, 'True');
    assert.equal(cond(j, 'Complete')?.reason, 'CompletionsReached');
    const pod = h.list('v1', 'Pod', 'default').find((p) => p.metadata.labels?.['job-name'] === 'ok')!;
    assert.equal(st(pod).phase, 'Succeeded');
    assert.equal(st(pod).containerStatuses[0].state.terminated.reason, 'Completed');
    assert.ok((h.logs.get(`default/${pod.metadata.name}/main`) ?? []).includes('Stream tests was created'));
  });

  test('a planted failure retries up to backoffLimit, then Failed BackoffLimitExceeded', async () => {
    // Planted on the Job itself; its pods find it through their owner.
    h.create(job('bad', { annotations: { 'sandbox.groundcrew.dev/fault': 'JobFailed' }, backoffLimit: 2 }));
    await h.settle();
    const j = h.get('batch/v1', 'Job', 'default', 'bad');
    assert.equal(cond(j, 'Failed')?.status, 'True');
    assert.equal(cond(j, 'Failed')?.reason, 'BackoffLimitExceeded');
    assert.equal(st(j).failed, 3);
    assert.equal(cond(j, 'Complete'), undefined);
  });

  test('cron schedules: */N and fixed minutes', () => {
    const now = new Date('2026-11-22T10:07:30Z');
    assert.equal(lastScheduledTime(parseCron('*/5 * * * *'), now)?.toISOString(), '2026-11-22T10:05:00.000Z');
    assert.equal(lastScheduledTime(parseCron('30 2 * * *'), now)?.toISOString(), '2026-11-22T02:30:00.000Z');
    assert.equal(lastScheduledTime(parseCron('@hourly'), now)?.toISOString(), '2026-11-22T10:00:00.000Z');
    assert.throws(() => parseCron('* * *'), /expected 5 fields/);
  });

  test('a CronJob creates Jobs on schedule and records lastScheduleTime and lastSuccessfulTime', async () => {
    const cj = (name: string): KubeObject => ({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name, namespace: 'default' },
      spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'janitor', image: 'ctferio/chall-manager-janitor:v0.5.0' }] } } } } },
    });
    h.create(cj('janitor'));
    h.create(cj('broken-janitor'));
    await h.settle();
    assert.equal(h.list('batch/v1', 'Job', 'default').filter((j) => j.metadata.ownerReferences?.[0]?.name === 'janitor').length, 0, 'nothing runs before the first scheduled minute');
    await h.tick(60_000);
    await h.tick(60_000);
    const ok = h.get('batch/v1', 'CronJob', 'default', 'janitor');
    assert.equal(st(ok).lastScheduleTime, '2026-11-22T10:02:00Z');
    assert.ok(st(ok).lastSuccessfulTime);
    const jobs = h.list('batch/v1', 'Job', 'default').filter((j) => j.metadata.ownerReferences?.[0]?.name === 'janitor');
    assert.equal(jobs.length, 2);
    const broken = h.get('batch/v1', 'CronJob', 'default', 'broken-janitor');
    assert.ok(st(broken).lastScheduleTime);
    assert.equal(st(broken).lastSuccessfulTime, undefined);
    const failed = h.list('batch/v1', 'Job', 'default').filter((j) => j.metadata.ownerReferences?.[0]?.name === 'broken-janitor');
    assert.equal(failed.length, 1, 'failedJobsHistoryLimit keeps one');
    assert.equal(cond(failed[0], 'Failed')?.reason, 'BackoffLimitExceeded');
  });
});

describe('Event time-to-live', () => {
  const h = startHarness();
  after(() => h.stop());

  test('Events older than an hour are deleted on resync, recent ones kept', async () => {
    h.create(job('once', { image: 'example/tool:1' }));
    await h.settle();
    const before = h.list('v1', 'Event', 'default').length;
    assert.ok(before > 0);
    await h.tick(30 * 60_000);
    assert.equal(h.list('v1', 'Event', 'default').length, before);
    await h.tick(31 * 60_000);
    assert.equal(h.list('v1', 'Event', 'default').length, 0);
  });
});
