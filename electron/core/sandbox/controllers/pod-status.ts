/**
 * The kubelet's report for a scheduled pod, as a pure function of the pod, the clock and the
 * faults planted on it. Time-driven faults (crash loops, image pull back-off) are computed from
 * the time elapsed since the pod started, so a resync at a later clock shows more restarts
 * without the controller keeping any state of its own.
 */
import type { KubeObject } from '../../cluster/view.ts';
import type { Plant } from './context.ts';
import { imageDigest, parseImage } from './images.ts';
import { fnv32a, isoTime, mergeConditions, type Condition, type Json } from './util.ts';

export interface PodRun {
  now: Date;
  startTime: Date;
  hostIP: string;
  podIP: string;
  /** The fault planted on this pod (applies to its first container). */
  plant?: Plant;
  /** Containers whose image cannot be pulled, with containerd's error. */
  pullErrors: Map<string, string>;
  /** For run-to-completion pods (Jobs): the exit code of the first container, or 'running' while undecided. */
  completion?: { exitCode: number } | 'running';
}

/** After this long, ErrImagePull turns into ImagePullBackOff (the kubelet's first back-off). */
export const PULL_BACKOFF_AFTER_MS = 5_000;
/** How long a crashing container runs before it dies again. */
const CRASH_RUN_MS = 2_000;

/** Restart back-off after the k-th crash: 10s doubling up to 5 minutes, as the kubelet does. */
export const backoffMs = (k: number) => Math.min(10_000 * 2 ** k, 300_000);

/** Where a crash-looping container is at `elapsed` ms after its first crash. */
export function crashLoopAt(elapsedMs: number): { restartCount: number; lastCrashMs: number; backoffMs: number } {
  let t = 0;
  let k = 0;
  for (;;) {
    const next = t + backoffMs(k) + CRASH_RUN_MS;
    if (next > elapsedMs) return { restartCount: k + 1, lastCrashMs: t, backoffMs: backoffMs(k) };
    t = next;
    k++;
  }
}

const containerId = (pod: KubeObject, name: string, restart: number) => {
  const seed = `${pod.metadata.uid}/${name}/${restart}`;
  return `containerd://${[0, 1, 2, 3, 4, 5, 6, 7].map((i) => fnv32a(`${seed}#${i}`).toString(16).padStart(8, '0')).join('')}`;
};

const imageId = (image: string) => {
  const ref = parseImage(image);
  const host = ref.host || 'docker.io';
  const repo = ref.host || ref.repository.includes('/') ? ref.repository : `library/${ref.repository}`;
  return `${host}/${repo}@sha256:${imageDigest(image)}`;
};

interface ContainerSpec {
  name: string;
  image: string;
  restartPolicy?: string;
  resources?: Record<string, unknown>;
}

export function simulatePodStatus(pod: KubeObject, previous: Json | undefined, run: PodRun): Json {
  const podSpec = (pod.spec ?? {}) as { containers?: ContainerSpec[]; initContainers?: ContainerSpec[] };
  const containers = podSpec.containers ?? [];
  const started = isoTime(run.startTime);
  const elapsed = Math.max(0, run.now.getTime() - run.startTime.getTime());
  const fault = run.plant?.fault;
  const at = (ms: number) => isoTime(new Date(run.startTime.getTime() + ms));
  const completion = run.completion;

  const statuses = containers.map((c, index): Json => {
    const main = index === 0;
    const base = { name: c.name, image: c.image, imageID: imageId(c.image) };
    const pullError = run.pullErrors.get(c.name);
    if (pullError) {
      const backoff = main && fault === 'ErrImagePull' ? false : elapsed >= PULL_BACKOFF_AFTER_MS;
      return {
        name: c.name,
        image: c.image,
        imageID: '',
        ready: false,
        started: false,
        restartCount: 0,
        state: { waiting: backoff ? { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}": ErrImagePull: ${pullError}` } : { reason: 'ErrImagePull', message: pullError } },
        lastState: {},
      };
    }
    if (main && (fault === 'CrashLoopBackOff' || fault === 'OOMKilled')) {
      const loop = crashLoopAt(elapsed);
      const oom = fault === 'OOMKilled';
      return {
        ...base,
        containerID: containerId(pod, c.name, loop.restartCount),
        ready: false,
        started: false,
        restartCount: loop.restartCount,
        state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${loop.backoffMs / 1000}s restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})` } },
        lastState: {
          terminated: {
            exitCode: oom ? 137 : 1,
            reason: oom ? 'OOMKilled' : 'Error',
            startedAt: at(Math.max(0, loop.lastCrashMs - CRASH_RUN_MS)),
            finishedAt: at(loop.lastCrashMs),
            containerID: containerId(pod, c.name, loop.restartCount - 1),
          },
        },
      };
    }
    if (main && completion && completion !== 'running') {
      const ok = completion.exitCode === 0;
      return {
        ...base,
        containerID: containerId(pod, c.name, 0),
        ready: false,
        started: false,
        restartCount: 0,
        state: { terminated: { exitCode: completion.exitCode, reason: ok ? 'Completed' : 'Error', startedAt: started, finishedAt: at(1000), containerID: containerId(pod, c.name, 0) } },
        lastState: {},
      };
    }
    return {
      ...base,
      containerID: containerId(pod, c.name, 0),
      ready: !(main && fault === 'NotReady'),
      started: true,
      restartCount: 0,
      state: { running: { startedAt: started } },
      lastState: {},
    };
  });

  const initStatuses = (podSpec.initContainers ?? []).map((c) =>
    c.restartPolicy === 'Always'
      ? { name: c.name, image: c.image, imageID: imageId(c.image), containerID: containerId(pod, c.name, 0), ready: true, started: true, restartCount: 0, state: { running: { startedAt: started } }, lastState: {} }
      : {
          name: c.name,
          image: c.image,
          imageID: imageId(c.image),
          containerID: containerId(pod, c.name, 0),
          ready: true,
          started: false,
          restartCount: 0,
          state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: started, finishedAt: started, containerID: containerId(pod, c.name, 0) } },
          lastState: {},
        },
  );

  const waitingOnPull = statuses.some((s) => ((s.state as Json).waiting as Json | undefined)?.reason?.toString().includes('ImagePull'));
  const terminated = completion && completion !== 'running' && !waitingOnPull && fault !== 'CrashLoopBackOff' && fault !== 'OOMKilled';
  const phase = terminated ? ((completion as { exitCode: number }).exitCode === 0 ? 'Succeeded' : 'Failed') : waitingOnPull ? 'Pending' : 'Running';
  const allReady = statuses.every((s) => s.ready === true);
  const unready = statuses.filter((s) => s.ready !== true).map((s) => s.name);
  const notReadyMessage = `containers with unready status: [${unready.join(' ')}]`;
  const now = isoTime(run.now);
  const readyCond = (type: string): Condition =>
    terminated
      ? { type, status: 'False', reason: 'PodCompleted', lastProbeTime: null }
      : allReady
        ? { type, status: 'True', lastProbeTime: null }
        : { type, status: 'False', reason: 'ContainersNotReady', message: notReadyMessage, lastProbeTime: null };
  const prevConditions = (previous?.conditions as Condition[] | undefined) ?? [];
  const conditions = mergeConditions(
    prevConditions,
    [
      { type: 'PodReadyToStartContainers', status: terminated ? 'False' : 'True', lastProbeTime: null },
      { type: 'Initialized', status: 'True', lastProbeTime: null, ...(terminated ? { reason: 'PodCompleted' } : {}) },
      readyCond('Ready'),
      readyCond('ContainersReady'),
      { type: 'PodScheduled', status: 'True', lastProbeTime: null },
    ],
    now,
  ).map((c) => (c.type === 'PodScheduled' || c.type === 'Initialized' ? { ...c, lastTransitionTime: prevConditions.find((p) => p.type === c.type)?.lastTransitionTime ?? started } : c));

  const resources = containers.some((c) => c.resources && Object.keys(c.resources).length > 0);
  return {
    phase,
    conditions,
    hostIP: run.hostIP,
    hostIPs: [{ ip: run.hostIP }],
    podIP: run.podIP,
    podIPs: [{ ip: run.podIP }],
    startTime: started,
    ...(initStatuses.length ? { initContainerStatuses: initStatuses } : {}),
    containerStatuses: statuses,
    qosClass: resources ? 'Burstable' : 'BestEffort',
  };
}
