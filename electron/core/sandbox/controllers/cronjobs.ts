/**
 * CronJobs: a Job for the most recent scheduled minute not yet run (no catch-up, as the real
 * controller after a long pause), lastScheduleTime / lastSuccessfulTime, the active list, and
 * the successful/failed history limits.
 */
import type { KubeObject } from '../../cluster/view.ts';
import { GR } from './api.ts';
import { lastScheduledTime, parseCron } from './cron-schedule.ts';
import { ownerKeys, primaryReconciler } from './reconciler.ts';
import { conditionOf, isoTime, ownedBy, ownerRef, status, type Json } from './util.ts';

interface CronJobSpec {
  schedule?: string;
  suspend?: boolean;
  concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Json };
}

const finished = (job: KubeObject) => (conditionOf(job, 'Complete')?.status === 'True' ? 'Complete' : conditionOf(job, 'Failed')?.status === 'True' ? 'Failed' : undefined);

export const cronJobsController = () =>
  primaryReconciler({
    name: 'cronjob',
    source: { component: 'cronjob-controller' },
    primary: GR.cronjobs,
    related: (event) => ownerKeys(event, GR.jobs, 'CronJob'),
    reconcile(cj, api) {
      const spec = (cj.spec ?? {}) as CronJobSpec;
      const ns = cj.metadata.namespace!;
      const prev = status<Json>(cj);
      let jobs = api.list(GR.jobs, ns).filter((j) => ownedBy(j, cj));
      let lastScheduleTime = prev.lastScheduleTime as string | undefined;

      let schedule;
      try {
        schedule = parseCron(spec.schedule ?? '');
      } catch (err) {
        api.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${spec.schedule}" : ${(err as Error).message}`);
        return;
      }
      const due = lastScheduledTime(schedule, api.now());
      const since = Date.parse(lastScheduleTime ?? cj.metadata.creationTimestamp ?? api.nowIso());
      const running = jobs.filter((j) => !finished(j));
      if (due && due.getTime() > since && !spec.suspend && !(spec.concurrencyPolicy === 'Forbid' && running.length > 0)) {
        const name = `${cj.metadata.name}-${Math.floor(due.getTime() / 60_000)}`;
        if (!api.get(GR.jobs, ns, name)) {
          const tpl = spec.jobTemplate ?? {};
          const job = api.create(GR.jobs, {
            apiVersion: 'batch/v1',
            kind: 'Job',
            metadata: {
              name,
              namespace: ns,
              labels: { ...(tpl.metadata?.labels ?? {}) },
              annotations: { ...(tpl.metadata?.annotations ?? {}), 'batch.kubernetes.io/cronjob-scheduled-timestamp': isoTime(due) },
              ownerReferences: [ownerRef(cj)],
            },
            spec: structuredClone(tpl.spec ?? {}),
          });
          api.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name}`);
          jobs = [...jobs, job];
        }
        lastScheduleTime = isoTime(due);
      }

      // History limits, oldest first.
      const trim = (kind: 'Complete' | 'Failed', limit: number) => {
        const done = jobs.filter((j) => finished(j) === kind).sort((a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)) || a.metadata.name.localeCompare(b.metadata.name));
        for (const j of done.slice(0, Math.max(0, done.length - limit))) {
          api.delete(GR.jobs, ns, j.metadata.name);
          api.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`);
          jobs = jobs.filter((x) => x !== j);
        }
      };
      trim('Complete', spec.successfulJobsHistoryLimit ?? 3);
      trim('Failed', spec.failedJobsHistoryLimit ?? 1);

      let lastSuccessfulTime = prev.lastSuccessfulTime as string | undefined;
      for (const j of jobs) {
        const done = status<{ completionTime?: string }>(j).completionTime;
        if (finished(j) === 'Complete' && done && (!lastSuccessfulTime || done > lastSuccessfulTime)) lastSuccessfulTime = done;
      }
      const active = jobs.filter((j) => !finished(j)).map((j) => ({ apiVersion: 'batch/v1', kind: 'Job', name: j.metadata.name, namespace: ns, uid: j.metadata.uid }));
      const fresh = api.get(GR.cronjobs, ns, cj.metadata.name);
      if (!fresh) return;
      api.setStatus(GR.cronjobs, fresh, {
        ...(active.length ? { active } : {}),
        ...(lastScheduleTime ? { lastScheduleTime } : {}),
        ...(lastSuccessfulTime ? { lastSuccessfulTime } : {}),
      });
    },
  });
