/**
 * Jobs: pods until `completions` succeed (condition Complete) or more than `backoffLimit` fail
 * (condition Failed, reason BackoffLimitExceeded), with the 1.31+ SuccessCriteriaMet /
 * FailureTarget conditions in front, as the job controller writes them.
 */
import { GR } from './api.ts';
import { isPodReady, podFromTemplate, podPhase, type PodTemplate } from './pod-template.ts';
import { ownerKeys, primaryReconciler } from './reconciler.ts';
import { conditionOf, mergeConditions, ownedBy, randomSuffix, status, type Condition, type Json, type LabelSelector } from './util.ts';

interface JobSpec {
  parallelism?: number;
  completions?: number;
  backoffLimit?: number;
  suspend?: boolean;
  selector?: LabelSelector;
  manualSelector?: boolean;
  template?: PodTemplate;
}

export const jobsController = () =>
  primaryReconciler({
    name: 'job',
    source: { component: 'job-controller' },
    primary: GR.jobs,
    related: (event) => ownerKeys(event, GR.pods, 'Job'),
    reconcile(job, api) {
      if (['Complete', 'Failed'].some((t) => conditionOf(job, t)?.status === 'True')) return;
      const ns = job.metadata.namespace!;
      const uid = job.metadata.uid!;
      // The API server's defaulting: selector and template labels tie pods to this job.
      const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': job.metadata.name, 'controller-uid': uid, 'job-name': job.metadata.name };
      job = api.patch(GR.jobs, job, (d) => {
        const s = d.spec as JobSpec;
        if (s.manualSelector) return;
        s.selector ??= { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
        s.template ??= {};
        s.template.metadata = { ...(s.template.metadata ?? {}), labels: { ...(s.template.metadata?.labels ?? {}), ...labels } };
        s.parallelism ??= 1;
        s.completions ??= 1;
        s.backoffLimit ??= 6;
      });
      const spec = job.spec as JobSpec;
      const completions = spec.completions ?? 1;
      const backoffLimit = spec.backoffLimit ?? 6;
      const pods = api.list(GR.pods, ns).filter((p) => ownedBy(p, job));
      const succeeded = pods.filter((p) => podPhase(p) === 'Succeeded').length;
      const failed = pods.filter((p) => podPhase(p) === 'Failed').length;
      let active = pods.filter((p) => podPhase(p) !== 'Succeeded' && podPhase(p) !== 'Failed');
      const prev = status<Json>(job);
      const now = api.nowIso();
      const conditions: Condition[] = [];
      let completionTime: string | undefined;
      if (succeeded >= completions) {
        const message = 'Reached expected number of succeeded pods';
        conditions.push({ type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached', message, lastProbeTime: now }, { type: 'Complete', status: 'True', reason: 'CompletionsReached', message, lastProbeTime: now });
        completionTime = now;
        api.event(job, 'Normal', 'Completed', 'Job completed');
      } else if (failed > backoffLimit) {
        const message = 'Job has reached the specified backoff limit';
        conditions.push({ type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded', message, lastProbeTime: now }, { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message, lastProbeTime: now });
        api.event(job, 'Warning', 'BackoffLimitExceeded', message);
      } else if (!spec.suspend) {
        for (let i = active.length; i < Math.min(spec.parallelism ?? 1, completions - succeeded); i++) {
          const pod = api.create(GR.pods, podFromTemplate(job, { ...spec.template, spec: { restartPolicy: 'Never', ...(spec.template?.spec ?? {}) } }, `${job.metadata.name}-${randomSuffix()}`, { generateName: `${job.metadata.name}-` }));
          api.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
          active = [...active, pod];
        }
      }
      const fresh = api.get(GR.jobs, ns, job.metadata.name);
      if (!fresh) return;
      const terminal = conditions.length > 0;
      const st: Json = {
        startTime: prev.startTime ?? now,
        ...(terminal ? {} : { active: active.length }),
        ready: terminal ? 0 : active.filter(isPodReady).length,
        ...(succeeded ? { succeeded } : {}),
        ...(failed ? { failed } : {}),
        terminating: 0,
        uncountedTerminatedPods: {},
        ...(completionTime ? { completionTime } : {}),
        ...(terminal ? { conditions: mergeConditions(prev.conditions as Condition[] | undefined, conditions, now) } : {}),
      };
      if (st.active === 0) delete st.active;
      api.setStatus(GR.jobs, fresh, st);
    },
  });
