import type { KubeObject } from '../../cluster/view.ts';
import type { Finding } from '../../../../shared/model/finding.ts';
import { evidence, finding, missingEvidence } from '../finding.ts';
import { ageMs, condition, containersOf, endpointsOf, field, podTemplateOf, str } from '../kube.ts';
import type { Check, CheckContext } from '../types.ts';
import { providerServiceName } from './edges.ts';

/**
 * Chall-Manager: the janitor (a CronJob every minute) deletes instances whose `until` passed;
 * if it has not succeeded lately, expired instances pile up. etcd holds the distributed locks;
 * without ready endpoints every instance operation blocks.
 */

const MINUTE = 60_000;
/** Annotations (or labels) that carry an instance's expiry on the objects a scenario deploys. */
const UNTIL_KEYS = ['chall-manager.ctfer.io/until', 'ctfer.io/until', 'until'];

function janitor(ctx: CheckContext): Finding[] {
  const cfg = ctx.inst.profile.challManager!;
  const c = ctx.inst.component(cfg.janitor);
  const w = c?.workload;
  if (!c || !w || w.kind !== 'CronJob') return [];
  const limit = ctx.options.janitorStaleMinutes ?? cfg.janitorStaleMinutes;
  const lastSuccess = str(field(w, 'status', 'lastSuccessfulTime'));
  const lastSchedule = str(field(w, 'status', 'lastScheduleTime'));
  const age = ageMs(ctx.now, lastSuccess) ?? ageMs(ctx.now, w.metadata.creationTimestamp) ?? 0;
  // The latest finished run failing is reported at once: waiting for the age limit hides a broken janitor.
  const runs = ctx.view
    .list('batch/Job', c.namespace)
    .filter((j) => j.metadata.ownerReferences?.some((o) => o.kind === 'CronJob' && o.name === w.metadata.name))
    .filter((j) => condition(j, 'Complete')?.status === 'True' || condition(j, 'Failed')?.status === 'True')
    .sort((a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)) || a.metadata.name.localeCompare(b.metadata.name));
  const latest = runs.at(-1);
  const latestFailed = latest !== undefined && condition(latest, 'Failed')?.status === 'True';
  if (age <= limit * MINUTE && !latestFailed) return [];
  const suspended = field(w, 'spec', 'suspend') === true;
  return [
    finding(ctx, {
      checkId: 'chall.janitor-stale',
      severity: 'warning',
      component: c.spec.id,
      namespace: c.namespace,
      name: w.metadata.name,
      title: latestFailed && age <= limit * MINUTE ? `Janitor's last run ${latest!.metadata.name} failed` : `Janitor has not succeeded for ${Math.floor(age / MINUTE)} minutes`,
      explanation: `CronJob ${w.metadata.name} (schedule ${str(field(w, 'spec', 'schedule')) ?? '?'}) last succeeded ${lastSuccess ?? 'never'}${lastSchedule ? `, last scheduled ${lastSchedule}` : ''}${latestFailed ? `; its latest run ${latest!.metadata.name} failed (${condition(latest, 'Failed')?.message ?? ''})` : ''}${suspended ? '; it is suspended' : ''}. Instances past their until are not being deleted. Check its Jobs' logs (the URL it calls must reach chall-manager).`,
      evidence: [evidence(w, 'status', { lastSuccessfulTime: lastSuccess ?? null, lastScheduleTime: lastSchedule ?? null, suspend: suspended }), ...(latestFailed ? [evidence(latest!, 'status.conditions', condition(latest, 'Failed'))] : [])],
      // Re-running needs a Job to re-create: only when the latest run failed.
      ...(latestFailed ? { fixId: 'job.rerun' } : {}),
    }),
  ];
}

function etcd(ctx: CheckContext): Finding[] {
  const cfg = ctx.inst.profile.challManager!;
  if (!cfg.etcd) return [];
  const c = ctx.inst.component(cfg.etcd)!;
  const port = c.spec.ports[0];
  const api = ctx.inst.components.find((x) => x.spec.anchor && x.workload);
  const endpointEnv = api?.workload ? containersOf(podTemplateOf(api.workload)).flatMap((k) => k.env).find((e) => field(e, 'name') === 'ETCD_ENDPOINT') : undefined;
  // etcd is optional (locks are local without it): only check it when deployed or configured.
  if (!c.workload && !endpointEnv) return [];
  const svcName = port ? providerServiceName(ctx, c, port) : c.name;
  const svc = ctx.view.get('Service', c.namespace, svcName);
  const eps = endpointsOf(ctx.view, c.namespace, svcName);
  if (svc && eps.ready.length > 0) return [];
  const epObj = ctx.view.get('Endpoints', c.namespace, svcName);
  return [
    finding(ctx, {
      checkId: 'chall.etcd-unreachable',
      severity: 'error',
      component: c.spec.id,
      namespace: c.namespace,
      name: svcName,
      title: `etcd is unreachable (${svc ? 'no ready endpoints' : 'Service missing'})`,
      explanation: `Chall-Manager takes distributed locks in etcd${endpointEnv ? ' (ETCD_ENDPOINT is set)' : ''}; ${svc ? `Service ${svcName} has ${eps.notReady.length} not-ready and no ready endpoints` : `Service ${svcName} does not exist`}, so instance creation, renewal and deletion block and /healthcheck fails.`,
      evidence: [!svc ? missingEvidence('Service', c.namespace, svcName) : epObj ? evidence(epObj, 'subsets', field(epObj, 'subsets') ?? []) : evidence(svc, 'spec.selector', field(svc, 'spec', 'selector') ?? {})],
    }),
  ];
}

function untilOf(obj: KubeObject): string | undefined {
  for (const k of UNTIL_KEYS) {
    const v = obj.metadata.annotations?.[k] ?? obj.metadata.labels?.[k];
    if (v && !Number.isNaN(Date.parse(v))) return v;
  }
  return undefined;
}

/** Instance objects (in the chall-manager namespace or `cm-target-*` namespaces) whose until has passed. */
function expiredInstances(ctx: CheckContext): Finding[] {
  const namespaces = new Set([ctx.inst.namespace, ...ctx.view.namespaces().filter((n) => n.startsWith('cm-target-'))]);
  const out: Finding[] = [];
  const candidates: KubeObject[] = [
    ...ctx.view.list('Namespace').filter((n) => namespaces.has(n.metadata.name)),
    ...[...namespaces].flatMap((ns) => ['apps/Deployment', 'Pod', 'ConfigMap', 'Service'].flatMap((k) => [...ctx.view.list(k, ns)])),
  ];
  for (const obj of candidates) {
    const until = untilOf(obj);
    if (!until || Date.parse(until) > ctx.now.getTime()) continue;
    const overdue = Math.floor((ctx.now.getTime() - Date.parse(until)) / MINUTE);
    out.push(
      finding(ctx, {
        checkId: 'chall.instance-expired',
        severity: 'warning',
        component: ctx.inst.profile.challManager!.janitor,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
        title: `Instance ${obj.metadata.name} is ${overdue} minutes past its until`,
        explanation: `It should have been deleted at ${until}. The janitor deletes expired instances every run; one still present means the janitor is failing or cannot reach chall-manager.`,
        evidence: [evidence(obj, 'metadata.annotations', { until })],
      }),
    );
  }
  return out;
}

export const challManagerCheck: Check = {
  area: 'chall-manager',
  checkIds: ['chall.janitor-stale', 'chall.etcd-unreachable', 'chall.instance-expired'],
  run(ctx) {
    if (!ctx.inst.profile.challManager) return [];
    return [...janitor(ctx), ...etcd(ctx), ...expiredInstances(ctx)];
  },
};
