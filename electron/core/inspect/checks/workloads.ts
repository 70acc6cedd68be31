import type { KubeObject } from '../../cluster/view.ts';
import type { Finding } from '../../../../shared/model/finding.ts';
import type { ResolvedComponent } from '../../stacks/detect.ts';
import { evidence, finding, forbiddenFinding, missingEvidence } from '../finding.ts';
import { describeImage, fromRegistry, isMirrored, parseImage } from '../images.ts';
import { condition, containersOf, containerStates, field, num, podsOf, podTemplateOf, str, type ContainerState } from '../kube.ts';
import type { Check, CheckContext } from '../types.ts';

/**
 * Workloads of every profile component: present, ready, and if not, why (crash loop, image pull,
 * OOM, unschedulable, restarts), plus failed Jobs and, on air-gapped sites, images not served
 * by the mirror. A specific cause replaces the generic "not ready" for the same workload.
 */

const PULL_REASONS = new Set(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull']);

export function mirrorOf(ctx: CheckContext): { registry: string; images: string[] } | undefined {
  const airGap = ctx.inst.profile.airGap;
  const registry = ctx.options.mirrorRegistry ?? airGap?.mirrorRegistry;
  if (!registry || !(ctx.options.airGapped || airGap)) return undefined;
  // What the mirror holds: the profile's air-gap list plus the site's (options). Component images say what the stack runs, not what was mirrored.
  return { registry, images: [...(airGap?.images ?? []), ...(ctx.options.mirroredImages ?? [])] };
}

const skippedOffline = (ctx: CheckContext, c: ResolvedComponent) => c.spec.online && (ctx.options.airGapped || ctx.inst.profile.airGap !== undefined);

function componentFindings(ctx: CheckContext, c: ResolvedComponent): Finding[] {
  const { view } = ctx;
  const out: Finding[] = [];
  const base = { component: c.spec.id, namespace: c.namespace };
  if (!c.workload) {
    const forbidden = forbiddenFinding(ctx, c.kindKey, `${c.spec.title} (${c.kindKey})`);
    if (forbidden) return [forbidden];
    if (c.spec.optional || c.spec.kind === 'Job' || skippedOffline(ctx, c)) return [];
    return [
      finding(ctx, {
        ...base,
        checkId: 'workload.missing',
        severity: 'error',
        name: c.name,
        title: `${c.spec.title} is not installed`,
        explanation: `No ${c.spec.kind} named ${c.name} was found in namespace ${c.namespace}. The stack needs it; reinstall or check the release name.`,
        evidence: [missingEvidence(c.kindKey, c.namespace, c.name)],
      }),
    ];
  }
  const w = c.workload;
  const name = w.metadata.name;
  if (c.spec.kind === 'Job') return []; // failed Jobs are reported by job.failed, across the namespace
  const pods = podsOf(view, w);
  const states = pods.flatMap(containerStates);
  const threshold = ctx.options.restartThreshold ?? 5;
  const mirror = mirrorOf(ctx);

  const byContainer = new Map<string, ContainerState[]>();
  for (const s of states) byContainer.set(s.name, [...(byContainer.get(s.name) ?? []), s]);
  for (const [container, list] of byContainer) {
    const worst = list[0]!;
    const oom = list.find((s) => s.terminated?.reason === 'OOMKilled' || s.lastTerminated?.reason === 'OOMKilled');
    const crash = list.find((s) => s.waiting?.reason === 'CrashLoopBackOff');
    const pull = list.find((s) => s.waiting?.reason && PULL_REASONS.has(s.waiting.reason));
    const configError = list.find((s) => s.waiting?.reason === 'CreateContainerConfigError' || s.waiting?.reason === 'CreateContainerError');
    const restarts = Math.max(...list.map((s) => s.restartCount));
    const podEvidence = (s: ContainerState) =>
      evidence(s.pod, `status.containerStatuses[${s.name}]`, {
        name: s.name,
        ...(s.waiting ? { state: { waiting: s.waiting } } : {}),
        ...(s.lastTerminated ? { lastState: { terminated: s.lastTerminated } } : {}),
        restartCount: s.restartCount,
      });
    if (oom) {
      out.push(
        finding(ctx, {
          ...base,
          checkId: 'workload.oom-killed',
          severity: 'error',
          name,
          detail: container,
          title: `${c.spec.title}: container ${container} was OOMKilled`,
          explanation: `The kernel killed container ${container} for exceeding its memory limit (restarts: ${oom.restartCount}). Raise resources.limits.memory or find the leak.`,
          evidence: [podEvidence(oom)],
        }),
      );
    } else if (crash) {
      out.push(
        finding(ctx, {
          ...base,
          checkId: 'workload.crashloop',
          severity: 'error',
          name,
          detail: container,
          title: `${c.spec.title}: container ${container} is crash-looping`,
          explanation: `Container ${container} keeps exiting${crash.lastTerminated ? ` (last exit: ${crash.lastTerminated.reason ?? 'Error'}, code ${crash.lastTerminated.exitCode ?? '?'})` : ''} and is in CrashLoopBackOff after ${crash.restartCount} restarts. Its logs show why; a restart helps only once the cause (configuration, a dependency) is fixed.`,
          evidence: [podEvidence(crash)],
          fixId: 'workload.rollout-restart',
        }),
      );
    } else if (restarts > threshold) {
      const s = list.find((x) => x.restartCount === restarts) ?? worst;
      out.push(
        finding(ctx, {
          ...base,
          checkId: 'workload.restarts',
          severity: 'warning',
          name,
          detail: container,
          title: `${c.spec.title}: container ${container} restarted ${restarts} times`,
          explanation: `More than ${threshold} restarts suggests an intermittent crash, a failing liveness probe or memory pressure.`,
          evidence: [podEvidence(s)],
        }),
      );
    }
    if (pull) {
      const ref = parseImage(pull.image || containersOf(pull.pod).find((x) => x.name === container)?.image || '');
      const hint = mirror
        ? isMirrored(ref, mirror.registry, mirror.images)
          ? fromRegistry(ref, mirror.registry)
            ? ` ${describeImage(ref)} is in the mirror list but ${mirror.registry} did not serve it: push it to the mirror again.`
            : ` ${describeImage(ref)} is in the mirror list: pull it from ${mirror.registry} instead of ${ref.registry}.`
          : ` ${describeImage(ref)} is not in the mirror list of ${mirror.registry}: add it to the offline bundle and push it to the mirror.`
        : ` The image comes from ${ref.registry}; check the name, the tag and the pull secret.`;
      out.push(
        finding(ctx, {
          ...base,
          checkId: 'workload.image-pull',
          severity: 'error',
          name,
          detail: container,
          title: `${c.spec.title}: image for ${container} cannot be pulled`,
          explanation: `${pull.waiting?.reason}: ${pull.waiting?.message ?? pull.image}.${hint}`,
          evidence: [podEvidence(pull)],
          ...(mirror ? { fixId: 'image.use-mirror' } : {}),
        }),
      );
    }
    if (configError) {
      out.push(
        finding(ctx, {
          ...base,
          checkId: 'workload.not-ready',
          severity: 'error',
          name,
          title: `${c.spec.title}: container ${container} cannot be created`,
          explanation: `${configError.waiting?.reason}: ${configError.waiting?.message ?? ''} Usually a referenced Secret or ConfigMap is missing (Tracetest: the jwt-sign-cert Secret from cert-manager).`,
          evidence: [podEvidence(configError)],
        }),
      );
    }
  }

  for (const p of pods) {
    if (str(field(p, 'status', 'phase')) !== 'Pending') continue;
    const scheduled = condition(p, 'PodScheduled');
    const unboundClaims = podClaims(p).filter((claim) => str(field(view.get('PersistentVolumeClaim', c.namespace, claim), 'status', 'phase')) !== 'Bound');
    if (scheduled?.status === 'False' || unboundClaims.length > 0) {
      out.push(
        finding(ctx, {
          ...base,
          checkId: 'workload.pending-unschedulable',
          severity: 'error',
          name,
          title: `${c.spec.title}: pod ${p.metadata.name} cannot be scheduled`,
          explanation:
            unboundClaims.length > 0
              ? `The pod waits for PersistentVolumeClaim ${unboundClaims.join(', ')} to be bound (no matching PersistentVolume or StorageClass).`
              : `The scheduler found no node: ${scheduled?.message ?? scheduled?.reason ?? 'Unschedulable'}.`,
          evidence: [evidence(p, 'status.conditions', scheduled ?? { phase: 'Pending' })],
        }),
      );
      break;
    }
  }

  const specific = out.length > 0;
  const desired = num(field(w, 'spec', 'replicas')) ?? 1;
  const ready = c.spec.kind === 'DaemonSet' ? (num(field(w, 'status', 'numberReady')) ?? 0) : (num(field(w, 'status', 'readyReplicas')) ?? 0);
  const want = c.spec.kind === 'DaemonSet' ? (num(field(w, 'status', 'desiredNumberScheduled')) ?? 0) : desired;
  if (c.spec.kind !== 'CronJob' && !specific) {
    if (c.spec.kind !== 'DaemonSet' && desired === 0 && (c.spec.replicas ?? 1) > 0) {
      out.push(
        finding(ctx, {
          ...base,
          checkId: 'workload.not-ready',
          severity: 'error',
          name,
          title: `${c.spec.title} is scaled to zero`,
          explanation: `${c.spec.kind} ${name} has spec.replicas 0; the stack expects ${c.spec.replicas ?? 1}.`,
          evidence: [evidence(w, 'spec.replicas', { replicas: 0 })],
          fixId: 'workload.scale',
        }),
      );
    } else if (ready < want) {
      out.push(
        finding(ctx, {
          ...base,
          checkId: 'workload.not-ready',
          severity: 'error',
          name,
          title: `${c.spec.title} is not ready (${ready}/${want})`,
          explanation: `${c.spec.kind} ${name} has ${ready} of ${want} replicas ready${pods.length === 0 ? ' and no pods' : ''}. Its pods' events and logs tell why.`,
          evidence: [evidence(w, 'status', { replicas: want, readyReplicas: ready })],
          fixId: 'workload.rollout-restart',
        }),
      );
    }
  }

  if (mirror) {
    for (const container of containersOf(podTemplateOf(w), true)) {
      const ref = parseImage(container.image);
      if (fromRegistry(ref, mirror.registry)) continue;
      out.push(
        finding(ctx, {
          ...base,
          checkId: 'image.not-mirrored',
          severity: 'warning',
          name,
          detail: container.name,
          title: `${c.spec.title}: ${container.name} pulls from ${ref.registry}, not the mirror`,
          explanation: `This site is air-gapped; images must come from ${mirror.registry}. ${isMirrored(ref, mirror.registry, mirror.images) ? `${describeImage(ref)} is in the mirror list.` : `${describeImage(ref)} is not in the mirror list either.`}`,
          evidence: [evidence(w, `spec.template.spec.containers[${container.name}].image`, container.image)],
          fixId: 'image.use-mirror',
        }),
      );
    }
  }
  return out;
}

function podClaims(p: KubeObject): string[] {
  const vols = field(p, 'spec', 'volumes');
  return (Array.isArray(vols) ? vols : []).flatMap((v) => {
    const claim = str(field(v, 'persistentVolumeClaim', 'claimName'));
    return claim ? [claim] : [];
  });
}

/**
 * Failed Jobs in the installation's namespaces. A CronJob's runs are judged together, by the
 * latest finished one, and reported under the CronJob's name so the finding id stays stable
 * from run to run.
 */
function failedJobs(ctx: CheckContext): Finding[] {
  const forbidden = forbiddenFinding(ctx, 'batch/Job', 'Jobs');
  if (forbidden) return [forbidden];
  const namespaces = new Set(ctx.inst.components.map((c) => c.namespace));
  const out: Finding[] = [];
  const finished = (j: KubeObject) => condition(j, 'Complete')?.status === 'True' || condition(j, 'Failed')?.status === 'True';
  for (const ns of namespaces) {
    const jobs = ctx.view.list('batch/Job', ns);
    const byCron = new Map<string, KubeObject[]>();
    const single: KubeObject[] = [];
    for (const j of jobs) {
      const cron = j.metadata.ownerReferences?.find((o) => o.kind === 'CronJob')?.name;
      if (cron) byCron.set(cron, [...(byCron.get(cron) ?? []), j]);
      else single.push(j);
    }
    const judged: Array<{ job: KubeObject; name: string; cron?: string }> = single.map((job) => ({ job, name: job.metadata.name }));
    for (const [cron, runs] of byCron) {
      const latest = runs.filter(finished).sort((a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)) || a.metadata.name.localeCompare(b.metadata.name)).at(-1);
      if (latest) judged.push({ job: latest, name: cron, cron });
    }
    for (const { job: j, name, cron } of judged) {
      const failed = condition(j, 'Failed');
      if (failed?.status !== 'True') continue;
      const component = ctx.inst.components.find((c) => (c.spec.kind === 'Job' && c.name === j.metadata.name) || (c.spec.kind === 'CronJob' && c.name === cron));
      out.push(
        finding(ctx, {
          checkId: 'job.failed',
          severity: 'error',
          component: component?.spec.id ?? 'jobs',
          namespace: ns,
          name,
          title: cron ? `CronJob ${cron}: latest run ${j.metadata.name} failed` : `Job ${j.metadata.name} failed`,
          explanation: `${failed.reason ?? 'Failed'}: ${failed.message ?? ''}${j.metadata.name.includes('nats-initial-config') ? ' Without it the NATS stream "tests" and the KV buckets are missing and Tracetest workers stay idle.' : ''} Read its pod logs, fix the cause and run it again.`,
          evidence: [evidence(j, 'status.conditions', failed)],
          fixId: 'job.rerun',
        }),
      );
    }
  }
  return out;
}

export const workloadsCheck: Check = {
  area: 'workloads',
  checkIds: ['workload.missing', 'workload.not-ready', 'workload.crashloop', 'workload.image-pull', 'workload.oom-killed', 'workload.pending-unschedulable', 'workload.restarts', 'job.failed', 'image.not-mirrored'],
  run(ctx) {
    // Without Pods, readiness still comes from workload status, but no cause (crash loop, pull, OOM) can be named.
    const pods = forbiddenFinding(ctx, 'Pod', 'why workloads are not ready (Pods)');
    return [...(pods ? [pods] : []), ...ctx.inst.components.flatMap((c) => componentFindings(ctx, c)), ...failedJobs(ctx)];
  },
};
