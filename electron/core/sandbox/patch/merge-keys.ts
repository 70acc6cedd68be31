import { kindKeyOf } from '../../cluster/view.ts';

/**
 * How a list field merges, for the built-in kinds. This is the data Kubernetes keeps in its Go
 * struct tags (`patchStrategy`/`patchMergeKey` for strategic merge patch, `listType`/`listMapKey`
 * for server-side apply), written out by kind and field path. Lists not named here are atomic:
 * a patch or an apply replaces them whole.
 *
 * Paths are field names joined by '.', with '[]' standing for "each item of the list".
 */
export type ListSchema =
  | {
      type: 'map';
      /** The strategic merge patch merge key (`patchMergeKey`). */
      mergeKey: string;
      /** Server-side apply keys (`listMapKey`), when more than the merge key. */
      keys?: string[];
      /** Values server-side apply assumes for key fields an item leaves out (e.g. protocol: TCP). */
      keyDefaults?: Record<string, string | number>;
    }
  | { type: 'set' } // a list of scalars merged as a set (finalizers)
  | { type: 'atomic' };

type ListTable = Record<string, ListSchema>;
/**
 * Maps (structs) that server-side apply treats as one value (`+structType=atomic` in Kubernetes'
 * types: label selectors, key selectors, owner references): owned whole, replaced whole.
 */
type AtomicMaps = readonly string[];

const atomic: ListSchema = { type: 'atomic' };
const set: ListSchema = { type: 'set' };
const byKey = (mergeKey: string, keys?: string[], keyDefaults?: Record<string, string | number>): ListSchema => ({ type: 'map', mergeKey, keys, keyDefaults });

const container: ListTable = {
  ports: byKey('containerPort', ['containerPort', 'protocol'], { protocol: 'TCP' }),
  env: byKey('name'),
  envFrom: atomic,
  volumeMounts: byKey('mountPath'),
  volumeDevices: byKey('devicePath'),
  resizePolicy: atomic,
  command: atomic,
  args: atomic,
};

const containerAtomicMaps: AtomicMaps = ['env[].valueFrom.fieldRef', 'env[].valueFrom.resourceFieldRef', 'env[].valueFrom.configMapKeyRef', 'env[].valueFrom.secretKeyRef'];
const podSpecAtomicMaps: AtomicMaps = [
  ...['containers[]', 'initContainers[]', 'ephemeralContainers[]'].flatMap((prefix) => containerAtomicMaps.map((path) => `${prefix}.${path}`)),
  'topologySpreadConstraints[].labelSelector',
];

const podSpec: ListTable = {
  containers: byKey('name'),
  initContainers: byKey('name'),
  ephemeralContainers: byKey('name'),
  ...under('containers[]', container),
  ...under('initContainers[]', container),
  ...under('ephemeralContainers[]', container),
  volumes: byKey('name'),
  imagePullSecrets: byKey('name'),
  tolerations: atomic,
  hostAliases: byKey('ip'),
  topologySpreadConstraints: byKey('topologyKey', ['topologyKey', 'whenUnsatisfiable']),
  schedulingGates: byKey('name'),
  resourceClaims: byKey('name'),
  readinessGates: atomic,
};

const workloadStatus: ListTable = { 'status.conditions': byKey('type') };

/** Lists of every object's metadata (custom resources included: their metadata is ObjectMeta). */
const objectMeta: ListTable = {
  'metadata.ownerReferences': byKey('uid'),
  'metadata.finalizers': set,
  'metadata.managedFields': atomic,
};

/** Lists by kind key ("Pod", "apps/Deployment"), as kindKeyOf spells it. */
const byKind: Record<string, ListTable> = {
  Pod: { ...under('spec', podSpec), 'status.conditions': byKey('type'), 'status.podIPs': byKey('ip'), 'status.hostIPs': byKey('ip'), 'status.containerStatuses': atomic },
  PodTemplate: under('template.spec', podSpec),
  ReplicationController: { ...under('spec.template.spec', podSpec), ...workloadStatus },
  'apps/Deployment': { ...under('spec.template.spec', podSpec), ...workloadStatus },
  'apps/ReplicaSet': { ...under('spec.template.spec', podSpec), ...workloadStatus },
  'apps/StatefulSet': { ...under('spec.template.spec', podSpec), ...workloadStatus, 'spec.volumeClaimTemplates': atomic },
  'apps/DaemonSet': { ...under('spec.template.spec', podSpec), ...workloadStatus },
  'batch/Job': { ...under('spec.template.spec', podSpec), ...workloadStatus },
  'batch/CronJob': { ...under('spec.jobTemplate.spec.template.spec', podSpec), 'status.active': atomic },
  Service: { 'spec.ports': byKey('port', ['port', 'protocol'], { protocol: 'TCP' }), 'status.conditions': byKey('type'), 'status.loadBalancer.ingress': atomic },
  Endpoints: { subsets: atomic, 'subsets[].addresses': atomic, 'subsets[].notReadyAddresses': atomic, 'subsets[].ports': atomic },
  'discovery.k8s.io/EndpointSlice': { endpoints: atomic, ports: atomic },
  Node: { 'spec.taints': atomic, 'status.conditions': byKey('type'), 'status.addresses': byKey('type') },
  Namespace: { 'spec.finalizers': atomic, 'status.conditions': byKey('type') },
  PersistentVolumeClaim: { 'spec.accessModes': atomic, 'status.conditions': byKey('type') },
  'networking.k8s.io/Ingress': { 'spec.rules': atomic, 'spec.tls': atomic },
  'networking.k8s.io/NetworkPolicy': { 'spec.ingress': atomic, 'spec.egress': atomic, 'spec.policyTypes': atomic },
  'rbac.authorization.k8s.io/Role': { rules: atomic },
  'rbac.authorization.k8s.io/ClusterRole': { rules: atomic },
  'rbac.authorization.k8s.io/RoleBinding': { subjects: atomic },
  'rbac.authorization.k8s.io/ClusterRoleBinding': { subjects: atomic },
  'apiextensions.k8s.io/CustomResourceDefinition': { 'status.conditions': byKey('type') },
};

const underAll = (prefix: string, paths: AtomicMaps): AtomicMaps => paths.map((path) => `${prefix}.${path}`);
const workloadAtomicMaps = (podSpecAt: string): AtomicMaps => ['spec.selector', ...underAll(podSpecAt, podSpecAtomicMaps)];

/** Atomic maps of every object, and by kind key. */
const objectMetaAtomicMaps: AtomicMaps = ['metadata.ownerReferences[]'];
const atomicMapsByKind: Record<string, AtomicMaps> = {
  Pod: underAll('spec', podSpecAtomicMaps),
  PodTemplate: underAll('template.spec', podSpecAtomicMaps),
  ReplicationController: underAll('spec.template.spec', podSpecAtomicMaps),
  'apps/Deployment': workloadAtomicMaps('spec.template.spec'),
  'apps/ReplicaSet': workloadAtomicMaps('spec.template.spec'),
  'apps/StatefulSet': workloadAtomicMaps('spec.template.spec'),
  'apps/DaemonSet': workloadAtomicMaps('spec.template.spec'),
  'batch/Job': workloadAtomicMaps('spec.template.spec'),
  'batch/CronJob': ['spec.jobTemplate.spec.selector', ...underAll('spec.jobTemplate.spec.template.spec', podSpecAtomicMaps)],
  PersistentVolumeClaim: ['spec.selector', 'spec.dataSource', 'spec.dataSourceRef'],
  'policy/PodDisruptionBudget': ['spec.selector'],
  'networking.k8s.io/NetworkPolicy': ['spec.podSelector'],
  'rbac.authorization.k8s.io/RoleBinding': ['roleRef'],
  'rbac.authorization.k8s.io/ClusterRoleBinding': ['roleRef'],
};

/**
 * Structs and lists a typed object always serializes, even empty (Go values that are neither
 * pointers nor omitempty): a write never "adds" them, so an Update never owns them as a whole.
 * Anything else a write brings into being (a labels map, a ports list, a rollingUpdate struct)
 * is owned as a whole too, shown with `".": {}` in FieldsV1.
 */
const zeroValueCommon: AtomicMaps = ['metadata', 'spec', 'status'];
const podTemplateZero = (at: string): AtomicMaps => [at, `${at}.metadata`, `${at}.spec`, `${at}.spec.containers`];
const zeroValueByKind: Record<string, AtomicMaps> = {
  Pod: ['spec.containers'],
  PodTemplate: podTemplateZero('template'),
  ReplicationController: podTemplateZero('spec.template'),
  'apps/Deployment': [...podTemplateZero('spec.template'), 'spec.strategy'],
  'apps/ReplicaSet': podTemplateZero('spec.template'),
  'apps/StatefulSet': [...podTemplateZero('spec.template'), 'spec.updateStrategy'],
  'apps/DaemonSet': [...podTemplateZero('spec.template'), 'spec.updateStrategy'],
  'batch/Job': podTemplateZero('spec.template'),
  'batch/CronJob': ['spec.jobTemplate', 'spec.jobTemplate.spec', ...podTemplateZero('spec.jobTemplate.spec.template')],
  Service: ['status.loadBalancer'],
  Node: ['status.nodeInfo', 'status.daemonEndpoints', 'status.daemonEndpoints.kubeletEndpoint'],
};

/** API groups served by Kubernetes itself: their objects are typed, so strategic merge works. */
const builtInGroups = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'scheduling.k8s.io',
  'node.k8s.io',
  'certificates.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'resource.k8s.io',
]);

function under(prefix: string, table: ListTable): ListTable {
  return Object.fromEntries(Object.entries(table).map(([path, schema]) => [`${prefix}.${path}`, schema]));
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * Whether the kind is built in (typed) and so accepts strategic merge patches. Custom resources
 * do not: Kubernetes answers 415 Unsupported Media Type for them.
 */
export function supportsStrategicMerge(apiVersion: string, _kind: string): boolean {
  return builtInGroups.has(groupOf(apiVersion));
}

/** What one kind's schema says about a field path ('spec.template.spec.containers', '[]' for items). */
export interface KindSchema {
  /** How the list at `path` merges; atomic when the schema says nothing. */
  list(path: string): ListSchema;
  /** Whether the map at `path` is one value for server-side apply (otherwise its fields are owned one by one). */
  atomicMap(path: string): boolean;
  /** Whether the struct or list at `path` exists in every object of the kind (see zeroValueByKind). */
  alwaysPresent(path: string): boolean;
}

const schemas = new Map<string, KindSchema>();

export function schemaFor(apiVersion: string, kind: string): KindSchema {
  const kindKey = kindKeyOf(apiVersion, kind);
  let schema = schemas.get(kindKey);
  if (!schema) {
    const builtIn = supportsStrategicMerge(apiVersion, kind);
    const lists = new Map(Object.entries({ ...(builtIn ? { 'status.conditions': byKey('type') } : {}), ...objectMeta, ...byKind[kindKey] }));
    const atomicMaps = new Set([...objectMetaAtomicMaps, ...(atomicMapsByKind[kindKey] ?? [])]);
    const zeroValue = new Set([...zeroValueCommon, ...(zeroValueByKind[kindKey] ?? [])]);
    schema = { list: (path) => lists.get(path) ?? atomic, atomicMap: (path) => atomicMaps.has(path), alwaysPresent: (path) => zeroValue.has(path) };
    schemas.set(kindKey, schema);
  }
  return schema;
}
