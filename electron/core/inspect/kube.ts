import type { ClusterView, KubeObject } from '../cluster/view.ts';

/** Typed reads of the few object fields the checks need; objects come from the API, so nothing is trusted. */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const field = (v: unknown, ...path: string[]): unknown => path.reduce<unknown>((acc, k) => (isObj(acc) ? acc[k] : undefined), v);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const record = (v: unknown): Record<string, string> =>
  isObj(v) ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export function conditions(obj: unknown): Condition[] {
  return arr(field(obj, 'status', 'conditions')).flatMap((c) => {
    const type = str(field(c, 'type'));
    const status = str(field(c, 'status'));
    if (!type || !status) return [];
    return [{ type, status, reason: str(field(c, 'reason')), message: str(field(c, 'message')), lastTransitionTime: str(field(c, 'lastTransitionTime')) }];
  });
}

export const condition = (obj: unknown, type: string) => conditions(obj).find((c) => c.type === type);

export function matchesSelector(labels: Record<string, string> | undefined, selector: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** The pod template of a workload (CronJob: its job template's). */
export function podTemplateOf(workload: KubeObject): unknown {
  return workload.kind === 'CronJob' ? field(workload, 'spec', 'jobTemplate', 'spec', 'template') : field(workload, 'spec', 'template');
}

export interface ContainerInfo {
  name: string;
  image: string;
  ports: Array<{ name?: string; containerPort: number; protocol: string }>;
  env: unknown[];
  envFrom: unknown[];
}

export function containersOf(podSpecOwner: unknown, includeInit = false): ContainerInfo[] {
  const spec = field(podSpecOwner, 'spec');
  const list = [...(includeInit ? arr(field(spec, 'initContainers')) : []), ...arr(field(spec, 'containers'))];
  return list.map((c) => ({
    name: str(field(c, 'name')) ?? '',
    image: str(field(c, 'image')) ?? '',
    ports: arr(field(c, 'ports')).flatMap((p) => {
      const containerPort = num(field(p, 'containerPort'));
      return containerPort ? [{ name: str(field(p, 'name')), containerPort, protocol: str(field(p, 'protocol')) ?? 'TCP' }] : [];
    }),
    env: arr(field(c, 'env')),
    envFrom: arr(field(c, 'envFrom')),
  }));
}

/** Pods of a workload, found the way its controller finds them: by its label selector. */
export function podsOf(view: ClusterView, workload: KubeObject): KubeObject[] {
  const ns = workload.metadata.namespace;
  if (workload.kind === 'CronJob') {
    const jobs = view.list('batch/Job', ns).filter((j) => j.metadata.ownerReferences?.some((o) => o.kind === 'CronJob' && o.name === workload.metadata.name));
    return jobs.flatMap((j) => podsOf(view, j));
  }
  let selector = record(field(workload, 'spec', 'selector', 'matchLabels'));
  if (workload.kind === 'Job' && Object.keys(selector).length === 0) selector = { 'job-name': workload.metadata.name };
  if (Object.keys(selector).length === 0) return [];
  return [...view.select('Pod', selector, ns)];
}

export interface ContainerState {
  pod: KubeObject;
  name: string;
  image: string;
  ready: boolean;
  restartCount: number;
  waiting?: { reason?: string; message?: string };
  terminated?: { reason?: string; exitCode?: number };
  lastTerminated?: { reason?: string; exitCode?: number };
  init: boolean;
}

export function containerStates(pod: KubeObject): ContainerState[] {
  const read = (list: unknown, init: boolean) =>
    arr(list).map((s) => ({
      pod,
      name: str(field(s, 'name')) ?? '',
      image: str(field(s, 'image')) ?? '',
      ready: field(s, 'ready') === true,
      restartCount: num(field(s, 'restartCount')) ?? 0,
      waiting: field(s, 'state', 'waiting') ? { reason: str(field(s, 'state', 'waiting', 'reason')), message: str(field(s, 'state', 'waiting', 'message')) } : undefined,
      terminated: field(s, 'state', 'terminated') ? { reason: str(field(s, 'state', 'terminated', 'reason')), exitCode: num(field(s, 'state', 'terminated', 'exitCode')) } : undefined,
      lastTerminated: field(s, 'lastState', 'terminated')
        ? { reason: str(field(s, 'lastState', 'terminated', 'reason')), exitCode: num(field(s, 'lastState', 'terminated', 'exitCode')) }
        : undefined,
      init,
    }));
  return [...read(field(pod, 'status', 'initContainerStatuses'), true), ...read(field(pod, 'status', 'containerStatuses'), false)];
}

export interface ReadyEndpoints {
  /** Whether any Endpoints or EndpointSlice object for the Service was seen. */
  seen: boolean;
  ready: string[];
  notReady: string[];
}

/** Ready and not-ready addresses behind a Service, from Endpoints and EndpointSlices together. */
export function endpointsOf(view: ClusterView, namespace: string, serviceName: string): ReadyEndpoints {
  const ready = new Set<string>();
  const notReady = new Set<string>();
  let seen = false;
  const ep = view.get('Endpoints', namespace, serviceName);
  if (ep) {
    seen = true;
    for (const subset of arr(field(ep, 'subsets'))) {
      for (const a of arr(field(subset, 'addresses'))) ready.add(str(field(a, 'ip')) ?? '?');
      for (const a of arr(field(subset, 'notReadyAddresses'))) notReady.add(str(field(a, 'ip')) ?? '?');
    }
  }
  for (const slice of view.select('discovery.k8s.io/EndpointSlice', { 'kubernetes.io/service-name': serviceName }, namespace)) {
    seen = true;
    for (const e of arr(field(slice, 'endpoints'))) {
      const isReady = field(e, 'conditions', 'ready') !== false;
      for (const ip of arr(field(e, 'addresses'))) (isReady ? ready : notReady).add(String(ip));
    }
  }
  for (const ip of ready) notReady.delete(ip);
  return { seen, ready: [...ready], notReady: [...notReady] };
}

/** A Secret's value, decoded; callers must never put it in evidence. */
export function secretValue(secret: KubeObject | undefined, key: string): string | undefined {
  const data = str(field(secret, 'data', key));
  if (data !== undefined) return Buffer.from(data, 'base64').toString('utf8');
  return str(field(secret, 'stringData', key));
}

export const configMapValue = (cm: KubeObject | undefined, key: string) => str(field(cm, 'data', key));

/** The name of the workload that owns a pod, following the ReplicaSet → Deployment naming convention. */
export function ownerWorkloadName(pod: KubeObject): string {
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller) ?? pod.metadata.ownerReferences?.[0];
  if (!owner) return pod.metadata.name;
  if (owner.kind === 'ReplicaSet') return owner.name.replace(/-[a-z0-9]{5,10}$/, '');
  return owner.name;
}

export function ageMs(now: Date, iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : now.getTime() - t;
}
