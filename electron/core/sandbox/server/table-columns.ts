import type { KubeObject } from '../../cluster/view.ts';
import type { PrinterColumn } from '../store/builtin-types.ts';

/**
 * Server-side printing: the columns a v1.32 API server returns for `kubectl get`, per kind.
 * Priority 1 columns only show with `-o wide`.
 */
export interface Column {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  description: string;
  priority: number;
  cell: (o: KubeObject, now: number) => unknown;
}

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Kubernetes' HumanDuration: 45s, 3m20s, 5h, 3d4h, 2y10d… */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const years = Math.floor(hours / 24 / 365);
  if (years < 8) return `${years}y${Math.floor(hours / 24) % 365}d`;
  return `${years}y`;
}

export function age(timestamp: unknown, now: number): string {
  if (typeof timestamp !== 'string' || timestamp === '') return '<unknown>';
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
}

const s = (o: KubeObject) => (o.spec ?? {}) as Any;
const st = (o: KubeObject) => (o.status ?? {}) as Any;
const none = (v: string) => (v === '' ? '<none>' : v);

const c = (name: string, cell: Column['cell'], extra: Partial<Column> = {}): Column => ({ name, type: 'string', description: '', priority: 0, cell, ...extra });
const wide = (name: string, cell: Column['cell'], extra: Partial<Column> = {}): Column => c(name, cell, { priority: 1, ...extra });
const nameCol = c('Name', (o) => o.metadata.name, { format: 'name', description: 'Name must be unique within a namespace.' });
const ageCol = c('Age', (o, now) => age(o.metadata.creationTimestamp, now), { description: 'CreationTimestamp is a timestamp representing the server time when this object was created.' });

function selectorText(sel: Any | undefined): string {
  if (!sel) return '<none>';
  const parts = Object.entries((sel.matchLabels ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`);
  for (const e of (sel.matchExpressions ?? []) as Any[]) parts.push(`${e.key} ${String(e.operator).toLowerCase()} (${(e.values ?? []).join(',')})`);
  return none(parts.join(','));
}

const mapText = (m: Record<string, string> | undefined) => none(Object.entries(m ?? {}).map(([k, v]) => `${k}=${v}`).join(','));
const templateContainers = (o: KubeObject) => ((s(o).template?.spec?.containers ?? []) as Any[]);
const containersCol = wide('Containers', (o) => templateContainers(o).map((x) => x.name).join(','));
const imagesCol = wide('Images', (o) => templateContainers(o).map((x) => x.image).join(','));
const selectorCol = wide('Selector', (o) => selectorText(s(o).selector));

function podStatus(pod: KubeObject): string {
  const status = st(pod);
  let reason: string = status.reason ?? status.phase ?? 'Unknown';
  const inits = (status.initContainerStatuses ?? []) as Any[];
  for (let i = 0; i < inits.length; i++) {
    const cs = inits[i]!;
    if (cs.state?.terminated?.exitCode === 0) continue;
    if (cs.state?.terminated) reason = cs.state.terminated.reason ? `Init:${cs.state.terminated.reason}` : `Init:ExitCode:${cs.state.terminated.exitCode}`;
    else if (cs.state?.waiting?.reason && cs.state.waiting.reason !== 'PodInitializing') reason = `Init:${cs.state.waiting.reason}`;
    else reason = `Init:${i}/${((s(pod).initContainers ?? []) as Any[]).length}`;
    break;
  }
  if (!reason.startsWith('Init:')) {
    let hasRunning = false;
    for (const cs of [...((status.containerStatuses ?? []) as Any[])].reverse()) {
      if (cs.state?.waiting?.reason) reason = cs.state.waiting.reason;
      else if (cs.state?.terminated?.reason) reason = cs.state.terminated.reason;
      else if (cs.state?.terminated) reason = cs.state.terminated.signal ? `Signal:${cs.state.terminated.signal}` : `ExitCode:${cs.state.terminated.exitCode}`;
      else if (cs.ready && cs.state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) reason = 'Running';
  }
  if (pod.metadata.deletionTimestamp) reason = status.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}

function podReady(pod: KubeObject): string {
  const total = ((s(pod).containers ?? []) as Any[]).length;
  const ready = ((st(pod).containerStatuses ?? []) as Any[]).filter((x) => x.ready).length;
  return `${ready}/${total}`;
}

function podRestarts(pod: KubeObject): number {
  return ((st(pod).containerStatuses ?? []) as Any[]).reduce((n, x) => n + (Number(x.restartCount) || 0), 0);
}

function servicePorts(o: KubeObject): string {
  const ports = (s(o).ports ?? []) as Any[];
  if (ports.length === 0) return '<none>';
  return ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

function externalIp(o: KubeObject): string {
  const spec = s(o);
  const type = spec.type ?? 'ClusterIP';
  if (type === 'ExternalName') return spec.externalName ?? '<none>';
  const ingress = ((st(o).loadBalancer?.ingress ?? []) as Any[]).map((i) => i.ip ?? i.hostname).filter(Boolean);
  const ips = [...((spec.externalIPs ?? []) as string[]), ...ingress];
  if (ips.length) return ips.join(',');
  return type === 'LoadBalancer' ? '<pending>' : '<none>';
}

function condition(o: KubeObject, type: string): Any | undefined {
  return ((st(o).conditions ?? []) as Any[]).find((x) => x.type === type);
}

function nodeStatus(o: KubeObject): string {
  const ready = condition(o, 'Ready');
  let text = ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
  if (s(o).unschedulable) text += ',SchedulingDisabled';
  return text;
}

function nodeRoles(o: KubeObject): string {
  const roles = Object.keys(o.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length) || '<none>');
  return roles.length ? roles.sort().join(',') : '<none>';
}

const address = (o: KubeObject, type: string) => ((st(o).addresses ?? []) as Any[]).find((a) => a.type === type)?.address ?? '<none>';

function jobStatus(o: KubeObject): string {
  if (condition(o, 'Complete')?.status === 'True') return 'Complete';
  if (condition(o, 'Failed')?.status === 'True') return 'Failed';
  if (o.metadata.deletionTimestamp) return 'Terminating';
  if (condition(o, 'Suspended')?.status === 'True') return 'Suspended';
  return 'Running';
}

function jobDuration(o: KubeObject, now: number): string {
  const start = st(o).startTime;
  if (!start) return '';
  const end = st(o).completionTime ? Date.parse(st(o).completionTime) : now;
  return humanDuration(end - Date.parse(start));
}

function eventObject(o: KubeObject): string {
  const io = (o.involvedObject ?? {}) as Any;
  return `${String(io.kind ?? '').toLowerCase()}/${io.name ?? ''}`;
}

function eventLastSeen(o: KubeObject, now: number): string {
  const t = (o.lastTimestamp ?? o.eventTime ?? o.firstTimestamp ?? o.metadata.creationTimestamp) as string | undefined;
  return age(t, now);
}

function endpointsText(o: KubeObject): string {
  const out: string[] = [];
  for (const subset of (o.subsets ?? []) as Any[]) {
    for (const a of (subset.addresses ?? []) as Any[]) {
      const ports = (subset.ports ?? []) as Any[];
      if (ports.length === 0) out.push(a.ip);
      for (const p of ports) out.push(`${a.ip}:${p.port}`);
    }
  }
  if (out.length === 0) return '<none>';
  return out.length > 3 ? `${out.slice(0, 3).join(',')} + ${out.length - 3} more...` : out.join(',');
}

/** "cpu: 0/2, pods: 1/10" — used/hard per resource, as `kubectl get quota` shows. */
function quotaText(o: KubeObject, include: (key: string) => boolean): string {
  const hard = (s(o).hard ?? {}) as Record<string, string>;
  const used = (st(o).used ?? {}) as Record<string, string>;
  return Object.keys(hard).filter(include).sort().map((k) => `${k}: ${used[k] ?? '0'}/${hard[k]}`).join(', ');
}

const dataCount = (o: KubeObject) => Object.keys((o.data ?? {}) as object).length + Object.keys((o.binaryData ?? {}) as object).length;
const accessModes = (modes: string[] | undefined) =>
  (modes ?? []).map((m) => ({ ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' })[m] ?? m).join(',');

const BUILTIN_COLUMNS: Record<string, Column[]> = {
  pods: [
    nameCol,
    c('Ready', podReady, { description: 'The aggregate readiness state of this pod for accepting traffic.' }),
    c('Status', podStatus, { description: 'The aggregate status of the containers in this pod.' }),
    c('Restarts', podRestarts, { type: 'string', description: 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.' }),
    ageCol,
    wide('IP', (o) => st(o).podIP ?? '<none>', { description: 'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.' }),
    wide('Node', (o) => s(o).nodeName ?? '<none>', { description: 'NodeName is a request to schedule this pod onto a specific node.' }),
    wide('Nominated Node', (o) => st(o).nominatedNodeName ?? '<none>'),
    wide('Readiness Gates', (o) => (((s(o).readinessGates ?? []) as Any[]).length ? `${((s(o).readinessGates ?? []) as Any[]).length}` : '<none>')),
  ],
  'deployments.apps': [
    nameCol,
    c('Ready', (o) => `${st(o).readyReplicas ?? 0}/${s(o).replicas ?? 0}`, { description: 'Number of the pod with ready state' }),
    c('Up-to-date', (o) => st(o).updatedReplicas ?? 0, { type: 'integer', description: 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.' }),
    c('Available', (o) => st(o).availableReplicas ?? 0, { type: 'integer', description: 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.' }),
    ageCol,
    containersCol,
    imagesCol,
    selectorCol,
  ],
  'replicasets.apps': [
    nameCol,
    c('Desired', (o) => s(o).replicas ?? 0, { type: 'integer' }),
    c('Current', (o) => st(o).replicas ?? 0, { type: 'integer' }),
    c('Ready', (o) => st(o).readyReplicas ?? 0, { type: 'integer' }),
    ageCol,
    containersCol,
    imagesCol,
    selectorCol,
  ],
  'statefulsets.apps': [nameCol, c('Ready', (o) => `${st(o).readyReplicas ?? 0}/${s(o).replicas ?? 0}`), ageCol, containersCol, imagesCol],
  'daemonsets.apps': [
    nameCol,
    c('Desired', (o) => st(o).desiredNumberScheduled ?? 0, { type: 'integer' }),
    c('Current', (o) => st(o).currentNumberScheduled ?? 0, { type: 'integer' }),
    c('Ready', (o) => st(o).numberReady ?? 0, { type: 'integer' }),
    c('Up-to-date', (o) => st(o).updatedNumberScheduled ?? 0, { type: 'integer' }),
    c('Available', (o) => st(o).numberAvailable ?? 0, { type: 'integer' }),
    c('Node Selector', (o) => mapText(s(o).template?.spec?.nodeSelector)),
    ageCol,
    containersCol,
    imagesCol,
    selectorCol,
  ],
  services: [
    nameCol,
    c('Type', (o) => s(o).type ?? 'ClusterIP'),
    c('Cluster-IP', (o) => s(o).clusterIP ?? '<none>'),
    c('External-IP', externalIp),
    c('Port(s)', servicePorts),
    ageCol,
    wide('Selector', (o) => mapText(s(o).selector)),
  ],
  nodes: [
    nameCol,
    c('Status', nodeStatus),
    c('Roles', nodeRoles),
    ageCol,
    c('Version', (o) => st(o).nodeInfo?.kubeletVersion ?? ''),
    wide('Internal-IP', (o) => address(o, 'InternalIP')),
    wide('External-IP', (o) => address(o, 'ExternalIP')),
    wide('OS-Image', (o) => st(o).nodeInfo?.osImage ?? '<unknown>'),
    wide('Kernel-Version', (o) => st(o).nodeInfo?.kernelVersion ?? '<unknown>'),
    wide('Container-Runtime', (o) => st(o).nodeInfo?.containerRuntimeVersion ?? '<unknown>'),
  ],
  namespaces: [nameCol, c('Status', (o) => st(o).phase ?? 'Active'), ageCol],
  events: [
    c('Last Seen', eventLastSeen),
    c('Type', (o) => o.type ?? ''),
    c('Reason', (o) => o.reason ?? ''),
    c('Object', eventObject),
    wide('Subobject', (o) => ((o.involvedObject ?? {}) as Any).fieldPath ?? ''),
    wide('Source', (o) => [((o.source ?? {}) as Any).component, ((o.source ?? {}) as Any).host].filter(Boolean).join(', ')),
    c('Message', (o) => String(o.message ?? '').trim()),
    wide('First Seen', (o, now) => age((o.firstTimestamp ?? o.eventTime ?? o.metadata.creationTimestamp) as string, now)),
    wide('Count', (o) => (o.count as number | undefined) ?? 1, { type: 'integer' }),
    wide('Name', (o) => o.metadata.name, { format: 'name' }),
  ],
  'jobs.batch': [
    nameCol,
    c('Status', jobStatus),
    c('Completions', (o) => `${st(o).succeeded ?? 0}/${s(o).completions ?? 1}`),
    c('Duration', jobDuration),
    ageCol,
    containersCol,
    imagesCol,
    selectorCol,
  ],
  'cronjobs.batch': [
    nameCol,
    c('Schedule', (o) => s(o).schedule ?? ''),
    c('Timezone', (o) => s(o).timeZone ?? '<none>'),
    c('Suspend', (o) => Boolean(s(o).suspend), { type: 'boolean' }),
    c('Active', (o) => ((st(o).active ?? []) as Any[]).length, { type: 'integer' }),
    c('Last Schedule', (o, now) => (st(o).lastScheduleTime ? age(st(o).lastScheduleTime, now) : '<none>')),
    ageCol,
  ],
  configmaps: [nameCol, c('Data', dataCount, { type: 'integer' }), ageCol],
  secrets: [nameCol, c('Type', (o) => (o.type as string | undefined) ?? 'Opaque'), c('Data', dataCount, { type: 'integer' }), ageCol],
  serviceaccounts: [nameCol, c('Secrets', (o) => ((o.secrets ?? []) as unknown[]).length, { type: 'integer' }), ageCol],
  endpoints: [nameCol, c('Endpoints', endpointsText), ageCol],
  'ingresses.networking.k8s.io': [
    nameCol,
    c('Class', (o) => s(o).ingressClassName ?? '<none>'),
    c('Hosts', (o) => none(((s(o).rules ?? []) as Any[]).map((r) => r.host ?? '*').join(',')) || '*'),
    c('Address', (o) => ((st(o).loadBalancer?.ingress ?? []) as Any[]).map((i) => i.ip ?? i.hostname).join(',')),
    c('Ports', (o) => (((s(o).tls ?? []) as unknown[]).length ? '80, 443' : '80')),
    ageCol,
  ],
  persistentvolumeclaims: [
    nameCol,
    c('Status', (o) => st(o).phase ?? 'Pending'),
    c('Volume', (o) => s(o).volumeName ?? ''),
    c('Capacity', (o) => st(o).capacity?.storage ?? ''),
    c('Access Modes', (o) => accessModes(st(o).accessModes)),
    c('StorageClass', (o) => s(o).storageClassName ?? '<unset>'),
    c('VolumeAttributesClass', (o) => s(o).volumeAttributesClassName ?? '<unset>'),
    ageCol,
    wide('VolumeMode', (o) => s(o).volumeMode ?? 'Filesystem'),
  ],
  persistentvolumes: [
    nameCol,
    c('Capacity', (o) => s(o).capacity?.storage ?? ''),
    c('Access Modes', (o) => accessModes(s(o).accessModes)),
    c('Reclaim Policy', (o) => s(o).persistentVolumeReclaimPolicy ?? 'Retain'),
    c('Status', (o) => st(o).phase ?? 'Pending'),
    c('Claim', (o) => (s(o).claimRef ? `${s(o).claimRef.namespace}/${s(o).claimRef.name}` : '')),
    c('StorageClass', (o) => s(o).storageClassName ?? ''),
    c('VolumeAttributesClass', (o) => s(o).volumeAttributesClassName ?? '<unset>'),
    c('Reason', (o) => st(o).reason ?? ''),
    ageCol,
  ],
  'endpointslices.discovery.k8s.io': [
    nameCol,
    c('AddressType', (o) => (o.addressType as string | undefined) ?? ''),
    c('Ports', (o) => none(((o.ports ?? []) as Any[]).map((p) => String(p.port ?? '')).join(',')) || '<unset>'),
    c('Endpoints', (o) => {
      const addrs = ((o.endpoints ?? []) as Any[]).flatMap((e) => (e.addresses ?? []) as string[]);
      if (addrs.length === 0) return '<unset>';
      return addrs.length > 3 ? `${addrs.slice(0, 3).join(',')} + ${addrs.length - 3} more...` : addrs.join(',');
    }),
    ageCol,
  ],
  'networkpolicies.networking.k8s.io': [nameCol, c('Pod-Selector', (o) => { const sel = selectorText(s(o).podSelector); return sel === '<none>' ? '' : sel; }), ageCol],
  'mutatingwebhookconfigurations.admissionregistration.k8s.io': [nameCol, c('Webhooks', (o) => ((o.webhooks ?? []) as unknown[]).length, { type: 'integer' }), ageCol],
  'validatingwebhookconfigurations.admissionregistration.k8s.io': [nameCol, c('Webhooks', (o) => ((o.webhooks ?? []) as unknown[]).length, { type: 'integer' }), ageCol],
  'poddisruptionbudgets.policy': [
    nameCol,
    c('Min Available', (o) => (s(o).minAvailable === undefined ? 'N/A' : String(s(o).minAvailable))),
    c('Max Unavailable', (o) => (s(o).maxUnavailable === undefined ? 'N/A' : String(s(o).maxUnavailable))),
    c('Allowed Disruptions', (o) => st(o).disruptionsAllowed ?? 0, { type: 'integer' }),
    ageCol,
  ],
  'priorityclasses.scheduling.k8s.io': [
    nameCol,
    c('Value', (o) => (o.value as number | undefined) ?? 0, { type: 'integer' }),
    c('Global-Default', (o) => Boolean(o.globalDefault), { type: 'boolean' }),
    ageCol,
    c('PreemptionPolicy', (o) => (o.preemptionPolicy as string | undefined) ?? 'PreemptLowerPriority'),
  ],
  'horizontalpodautoscalers.autoscaling': [
    nameCol,
    c('Reference', (o) => `${s(o).scaleTargetRef?.kind ?? ''}/${s(o).scaleTargetRef?.name ?? ''}`),
    c('Targets', (o) => (((s(o).metrics ?? []) as unknown[]).length ? `${((s(o).metrics ?? []) as unknown[]).length} metric(s)` : '<none>')),
    c('MinPods', (o) => s(o).minReplicas ?? 1, { type: 'integer' }),
    c('MaxPods', (o) => s(o).maxReplicas ?? 0, { type: 'integer' }),
    c('Replicas', (o) => st(o).currentReplicas ?? 0, { type: 'integer' }),
    ageCol,
  ],
  resourcequotas: [nameCol, ageCol, c('Request', (o) => quotaText(o, (k) => !k.startsWith('limits.'))), c('Limit', (o) => quotaText(o, (k) => k.startsWith('limits.')))],
  limitranges: [nameCol, c('Created At', (o) => o.metadata.creationTimestamp ?? '', { type: 'date' })],
  'customresourcedefinitions.apiextensions.k8s.io': [nameCol, c('Created At', (o) => o.metadata.creationTimestamp ?? '', { type: 'date' })],
  'storageclasses.storage.k8s.io': [
    nameCol,
    c('Provisioner', (o) => (o.provisioner as string | undefined) ?? ''),
    c('ReclaimPolicy', (o) => (o.reclaimPolicy as string | undefined) ?? 'Delete'),
    c('VolumeBindingMode', (o) => (o.volumeBindingMode as string | undefined) ?? 'Immediate'),
    c('AllowVolumeExpansion', (o) => Boolean(o.allowVolumeExpansion), { type: 'boolean' }),
    ageCol,
  ],
  'leases.coordination.k8s.io': [nameCol, c('Holder', (o) => s(o).holderIdentity ?? ''), ageCol],
  'ingressclasses.networking.k8s.io': [nameCol, c('Controller', (o) => s(o).controller ?? ''), c('Parameters', () => '<none>'), ageCol],
  'rolebindings.rbac.authorization.k8s.io': [nameCol, c('Role', (o) => `${((o.roleRef ?? {}) as Any).kind}/${((o.roleRef ?? {}) as Any).name}`), ageCol],
  'clusterrolebindings.rbac.authorization.k8s.io': [nameCol, c('Role', (o) => `${((o.roleRef ?? {}) as Any).kind}/${((o.roleRef ?? {}) as Any).name}`), ageCol],
  'roles.rbac.authorization.k8s.io': [nameCol, c('Created At', (o) => o.metadata.creationTimestamp ?? '', { type: 'date' })],
  'clusterroles.rbac.authorization.k8s.io': [nameCol, c('Created At', (o) => o.metadata.creationTimestamp ?? '', { type: 'date' })],
};

export const DEFAULT_COLUMNS: Column[] = [nameCol, ageCol];

export function builtinColumns(resourceKey: string): Column[] | undefined {
  return BUILTIN_COLUMNS[resourceKey];
}

/** A small JSONPath subset CRD printer columns use: .a.b, .a[0].b, .a[?(@.type=="Ready")].status, .a[*].b */
export function evalJsonPath(object: unknown, path: string): unknown[] {
  const expr = path.trim().replace(/^\{(.*)\}$/, '$1').replace(/^\$/, '');
  const tokens = expr.match(/\.[^.[\]]+|\[[^\]]*\]/g) ?? [];
  let current: unknown[] = [object];
  for (const token of tokens) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || typeof value !== 'object') continue;
      if (token.startsWith('.')) {
        const v = (value as Any)[token.slice(1)];
        if (v !== undefined) next.push(v);
        continue;
      }
      const inner = token.slice(1, -1).trim();
      if (!Array.isArray(value)) continue;
      if (inner === '*') next.push(...value);
      else if (/^-?\d+$/.test(inner)) {
        const i = Number(inner);
        const v = value[i < 0 ? value.length + i : i];
        if (v !== undefined) next.push(v);
      } else {
        const m = inner.match(/^\?\(@\.([\w.]+)\s*==\s*["']([^"']*)["']\)$/);
        if (m) for (const item of value) if (String(evalJsonPath(item, `.${m[1]}`)[0]) === m[2]) next.push(item);
      }
    }
    current = next;
  }
  return current;
}

export function printerColumnsToColumns(columns: PrinterColumn[]): Column[] {
  return [
    nameCol,
    ...columns.map((pc): Column => ({
      name: pc.name,
      type: (['string', 'integer', 'number', 'boolean', 'date'].includes(pc.type) ? pc.type : 'string') as Column['type'],
      ...(pc.format ? { format: pc.format } : {}),
      description: pc.description ?? '',
      priority: pc.priority ?? 0,
      cell: (o, now) => {
        const values = evalJsonPath(o, pc.jsonPath);
        if (values.length === 0) return null;
        const v = values[0];
        if (pc.type === 'date') return age(v, now);
        if (typeof v === 'object') return JSON.stringify(v);
        return values.length > 1 ? values.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(',') : v;
      },
    })),
  ];
}
