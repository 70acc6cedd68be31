/**
 * Pods: the scheduler (binds a node, or reports why it cannot: planted Unschedulable, a
 * nodeSelector no node matches, an unbound or missing PVC) and the kubelet (status, events and
 * logs from simulatePodStatus, including planted image-pull, crash-loop, OOM and readiness faults).
 */
import type { KubeObject } from '../../cluster/view.ts';
import { GR, type ControllerApi } from './api.ts';
import type { Plant } from './context.ts';
import { crashLines, startupLines } from './container-logs.ts';
import { mirrorPullError } from './images.ts';
import { nodeIndex, nodeInternalIp } from './nodes.ts';
import { plantForPod, plantTable } from './plants.ts';
import { simulatePodStatus } from './pod-status.ts';
import { runProgram } from './programs.ts';
import { primaryReconciler, sameGr } from './reconciler.ts';
import { conditionOf, keyOf, mergeConditions, status, type Condition, type Json } from './util.ts';

interface Container {
  name: string;
  image: string;
  ports?: Array<{ containerPort: number; name?: string }>;
}
interface PodSpec {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  restartPolicy?: string;
  hostNetwork?: boolean;
  containers?: Container[];
  initContainers?: Container[];
  volumes?: Array<{ name: string; persistentVolumeClaim?: { claimName: string } }>;
  imagePullSecrets?: Array<{ name: string }>;
}

const DEFAULT_PULL_DENIED = (image: string) =>
  `rpc error: code = Unknown desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials`;

const DEFAULT_UNAUTHORIZED = (image: string) =>
  `rpc error: code = Unknown desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;

export const podsController = () =>
  primaryReconciler({
    name: 'pod',
    source: { component: 'kubelet' },
    primary: GR.pods,
    related(event, store) {
      // A PVC binding or a node appearing can unblock pending pods.
      if (sameGr(event.gr, GR.pvcs) || sameGr(event.gr, GR.nodes)) {
        return store
          .list(GR.pods, sameGr(event.gr, GR.pvcs) ? event.object.metadata.namespace : undefined)
          .filter((p) => !(p.spec as PodSpec).nodeName)
          .map((p) => keyOf(p.metadata.namespace, p.metadata.name));
      }
      return [];
    },
    reconcile(pod, api) {
      const st = status<Json>(pod);
      if ((st.phase === 'Succeeded' || st.phase === 'Failed') && st.containerStatuses) return;
      const plant = plantForPod(plantTable(api), api.store, pod);
      let current = pod;
      if (!(current.spec as PodSpec).nodeName) {
        const bound = schedule(current, plant, api);
        if (!bound) return;
        current = bound;
      }
      runKubelet(current, plant, api);
    },
  });

/** kubectl cordon: an unschedulable node takes no new pods. */
const isCordoned = (node: KubeObject) => (node.spec as { unschedulable?: boolean } | undefined)?.unschedulable === true;
const fitsSelector = (pod: KubeObject, node: KubeObject) => Object.entries((pod.spec as PodSpec).nodeSelector ?? {}).every(([k, v]) => node.metadata.labels?.[k] === v);

function unschedulableReason(pod: KubeObject, plant: Plant | undefined, nodes: KubeObject[], api: ControllerApi): string | undefined {
  const spec = pod.spec as PodSpec;
  const n = nodes.length;
  if (n === 0) return 'no nodes available to schedule pods';
  const notHelpful = `preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.`;
  for (const v of spec.volumes ?? []) {
    const claim = v.persistentVolumeClaim?.claimName;
    if (!claim) continue;
    const pvc = api.get(GR.pvcs, pod.metadata.namespace, claim);
    if (!pvc) return `0/${n} nodes are available: persistentvolumeclaim "${claim}" not found. ${notHelpful}`;
    if (status<{ phase?: string }>(pvc).phase !== 'Bound') return `0/${n} nodes are available: pod has unbound immediate PersistentVolumeClaims. ${notHelpful}`;
  }
  if (plant?.fault === 'Unschedulable') {
    return plant.message ?? `0/${n} nodes are available: ${n} Insufficient memory. preemption: 0/${n} nodes are available: ${n} No preemption victims found for incoming pod.`;
  }
  // The scheduler's summary: how many nodes each filter rejected.
  const cordoned = nodes.filter(isCordoned).length;
  const mismatched = nodes.filter((node) => !isCordoned(node) && !fitsSelector(pod, node)).length;
  if (cordoned + mismatched < n) return undefined;
  const reasons = [...(cordoned ? [`${cordoned} node(s) were unschedulable`] : []), ...(mismatched ? [`${mismatched} node(s) didn't match Pod's node affinity/selector`] : [])];
  return `0/${n} nodes are available: ${reasons.join(', ')}. ${notHelpful}`;
}

/** Binds the pod to the least-loaded fitting node, or records why it cannot be scheduled. */
function schedule(pod: KubeObject, plant: Plant | undefined, api: ControllerApi): KubeObject | undefined {
  const nodes = api.list(GR.nodes).filter((node) => conditionOf(node, 'Ready')?.status !== 'False');
  const reason = unschedulableReason(pod, plant, nodes, api);
  const source = { component: 'default-scheduler' };
  if (reason) {
    const prev = status<{ conditions?: Condition[] }>(pod).conditions;
    const previousMessage = prev?.find((c) => c.type === 'PodScheduled')?.message;
    api.setStatus(GR.pods, pod, {
      phase: 'Pending',
      conditions: mergeConditions(prev, [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: reason, lastProbeTime: null }], api.nowIso()),
      qosClass: 'BestEffort',
    });
    if (previousMessage !== reason) api.event(pod, 'Warning', 'FailedScheduling', reason, source);
    return undefined;
  }
  const fitting = nodes.filter((node) => !isCordoned(node) && fitsSelector(pod, node));
  const load = new Map<string, number>();
  for (const p of api.list(GR.pods)) {
    const n = (p.spec as PodSpec).nodeName;
    if (n) load.set(n, (load.get(n) ?? 0) + 1);
  }
  const node = [...fitting].sort((a, b) => (load.get(a.metadata.name) ?? 0) - (load.get(b.metadata.name) ?? 0) || a.metadata.name.localeCompare(b.metadata.name))[0]!;
  const bound = api.patch(GR.pods, pod, (d) => {
    (d.spec as PodSpec).nodeName = node.metadata.name;
  });
  api.event(bound, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node.metadata.name}`, source);
  return bound;
}

function allocatePodIp(pod: KubeObject, node: KubeObject | undefined, api: ControllerApi): string {
  const existing = status<{ podIP?: string }>(pod).podIP;
  if (existing) return existing;
  if ((pod.spec as PodSpec).hostNetwork && node) return nodeInternalIp(node);
  const idx = node ? nodeIndex(node) : 0;
  const used = new Set(
    api
      .list(GR.pods)
      .map((p) => status<{ podIP?: string }>(p).podIP)
      .filter(Boolean),
  );
  for (let host = 2; host < 255; host++) {
    const ip = `10.244.${idx}.${host}`;
    if (!used.has(ip)) return ip;
  }
  return `10.244.${idx}.254`;
}

type ContainerStatus = { name: string; restartCount?: number; ready?: boolean; state?: { running?: Json; waiting?: { reason?: string; message?: string }; terminated?: { exitCode?: number; reason?: string } } };

function runKubelet(pod: KubeObject, plant: Plant | undefined, api: ControllerApi): void {
  const spec = pod.spec as PodSpec;
  const node = api.get(GR.nodes, undefined, spec.nodeName!);
  const prev = status<Json>(pod);
  const now = api.now();
  const startTime = prev.startTime ? new Date(String(prev.startTime)) : now;
  const pullErrors = new Map<string, string>();
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    const err = mirrorPullError(c.image, plantTable(api).mirror);
    if (err) pullErrors.set(c.name, err);
  }
  const main = spec.containers?.[0];
  if (main && (plant?.fault === 'ImagePullBackOff' || plant?.fault === 'ErrImagePull') && !pullErrors.has(main.name)) {
    pullErrors.set(main.name, plant.message ?? DEFAULT_PULL_DENIED(main.image));
  }
  if (main && plant?.fault === 'PullSecretRequired' && !pullErrors.has(main.name)) {
    const secrets = (spec.imagePullSecrets ?? []).map((s) => s.name);
    const usable = secrets.some((name) => api.get(GR.secrets, pod.metadata.namespace, name));
    if (!usable) pullErrors.set(main.name, plant.message ?? DEFAULT_UNAUTHORIZED(main.image));
  }
  const runsToCompletion = (spec.restartPolicy ?? 'Always') !== 'Always';
  const program = runsToCompletion && pullErrors.size === 0 ? runProgram(pod, plant, api) : undefined;
  const next = simulatePodStatus(pod, prev, {
    now,
    startTime,
    hostIP: node ? nodeInternalIp(node) : '127.0.0.2',
    podIP: allocatePodIp(pod, node, api),
    plant,
    pullErrors,
    completion: program === undefined ? (runsToCompletion ? 'running' : undefined) : program === 'running' ? 'running' : { exitCode: program.exitCode },
  });
  api.setStatus(GR.pods, pod, next);

  // Events and logs for what changed since the last report.
  const source = { component: 'kubelet', host: spec.nodeName };
  const before = new Map(((prev.containerStatuses as ContainerStatus[] | undefined) ?? []).map((c) => [c.name, c]));
  const ns = pod.metadata.namespace!;
  for (const cs of next.containerStatuses as ContainerStatus[]) {
    const c = spec.containers!.find((x) => x.name === cs.name)!;
    const old = before.get(cs.name);
    const wasRunning = Boolean(old?.state?.running);
    const waiting = cs.state?.waiting?.reason;
    const oldWaiting = old?.state?.waiting?.reason;
    if (waiting === 'ErrImagePull' && oldWaiting !== 'ErrImagePull') {
      api.event(pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, source);
      api.event(pod, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${cs.state!.waiting!.message}`, source);
      api.event(pod, 'Warning', 'Failed', 'Error: ErrImagePull', source);
    } else if (waiting === 'ImagePullBackOff' && oldWaiting !== 'ImagePullBackOff') {
      if (oldWaiting !== 'ErrImagePull') {
        api.event(pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, source);
        api.event(pod, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${pullErrors.get(cs.name)}`, source);
      }
      api.event(pod, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`, source);
      api.event(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', source);
    } else if (waiting === 'CrashLoopBackOff') {
      const from = old?.restartCount ?? 0;
      const to = cs.restartCount ?? 0;
      if (from === 0 && !old?.state?.waiting) startEvents(api, pod, c, source);
      for (let r = Math.max(from, to - 3); r < to; r++) {
        if (r > 0) api.ctx.restartLog?.(ns, pod.metadata.name, c.name);
        if (plant?.fault !== 'OOMKilled') for (const line of crashLines(c, now, plant?.message)) api.ctx.appendLog(ns, pod.metadata.name, c.name, line);
      }
      if (to > from) api.event(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name}_${ns}(${pod.metadata.uid})`, source);
    } else if (cs.state?.running && !wasRunning) {
      startEvents(api, pod, c, source);
      for (const line of startupLines(pod, c, now)) api.ctx.appendLog(ns, pod.metadata.name, c.name, line);
      if (cs.ready === false) api.event(pod, 'Warning', 'Unhealthy', plant?.message ?? 'Readiness probe failed: HTTP probe failed with statuscode: 503', source);
    } else if (cs.state?.terminated && !old?.state?.terminated) {
      startEvents(api, pod, c, source);
      if (program && program !== 'running' && c === main) for (const line of program.lines) api.ctx.appendLog(ns, pod.metadata.name, c.name, line);
    }
  }
}

function startEvents(api: ControllerApi, pod: KubeObject, c: Container, source: { component: string; host?: string }) {
  api.event(pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, source);
  api.event(pod, 'Normal', 'Created', `Created container: ${c.name}`, source);
  api.event(pod, 'Normal', 'Started', `Started container ${c.name}`, source);
}

