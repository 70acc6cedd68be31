/** Creates a composed scenario's nodes and objects in a store, in an order the API server accepts. */
import type { KubeObject } from '../../cluster/view.ts';
import { NODE_CAPACITY_ANNOTATION } from '../controllers/nodes.ts';
import { SCENARIO_CONFIGMAP, type PlantTable } from '../controllers/context.ts';
import { StoreError, type GroupResource, type SandboxStore } from '../store/types.ts';
import type { ComposedScenario } from './compose.ts';
import { ScenarioError } from './read.ts';

const NS: GroupResource = { group: '', resource: 'namespaces' };

/** Creation order: CRDs and cluster-wide objects, then configuration, then claims, then the rest. */
function rank(o: KubeObject): number {
  if (o.kind === 'CustomResourceDefinition') return 0;
  if (o.kind === 'StorageClass' || o.kind === 'PriorityClass' || o.kind === 'IngressClass' || o.kind === 'ClusterRole') return 1;
  if (o.kind === 'ConfigMap' || o.kind === 'Secret' || o.kind === 'ServiceAccount') return 2;
  if (o.kind === 'PersistentVolumeClaim') return 3;
  return 4;
}

function toStored(o: KubeObject): KubeObject {
  const copy = structuredClone(o);
  // The API server turns Secret stringData into base64 data.
  if (copy.kind === 'Secret' && copy.stringData) {
    const data = { ...((copy.data as Record<string, string> | undefined) ?? {}) };
    for (const [k, v] of Object.entries(copy.stringData as Record<string, string>)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    copy.data = data;
    delete copy.stringData;
  }
  return copy;
}

function createOrFail(store: SandboxStore, gr: GroupResource, o: KubeObject, source: string): KubeObject | undefined {
  try {
    const created = store.create(gr, o, { fieldManager: 'sandbox-scenario' });
    // The API server ignores status on create; a scenario's status (for kinds no simulated
    // controller manages, such as TestWorkflowExecutions) goes through the status subresource.
    if (o.status !== undefined && o.kind !== 'Namespace' && store.resourceType(gr)?.subresources?.status && JSON.stringify(created.status) !== JSON.stringify(o.status)) {
      store.updateStatus(gr, { ...created, status: o.status }, { fieldManager: 'sandbox-scenario' });
    }
    return created;
  } catch (err) {
    if (err instanceof StoreError && err.reason === 'AlreadyExists' && o.kind === 'Namespace') return undefined;
    throw new ScenarioError(`${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}: ${(err as Error).message}`, source);
  }
}

export function applyScenario(store: SandboxStore, scenario: ComposedScenario, plants: PlantTable): number {
  // The newest creationTimestamp the scenario's objects got (the store's clock, not ours).
  let newest = '';
  scenario.nodes.forEach((n, i) => {
    if (store.get({ group: '', resource: 'nodes' }, undefined, n.name)) return;
    createOrFail(
      store,
      { group: '', resource: 'nodes' },
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name: n.name,
          labels: {
            'kubernetes.io/hostname': n.name,
            'kubernetes.io/os': 'linux',
            'kubernetes.io/arch': 'amd64',
            ...(n.controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
            ...n.labels,
          },
          ...(n.capacity ? { annotations: { [NODE_CAPACITY_ANNOTATION]: JSON.stringify(n.capacity) } } : {}),
        },
        spec: { podCIDR: `10.244.${i}.0/24`, podCIDRs: [`10.244.${i}.0/24`], providerID: `sandbox://${n.name}` },
      },
      scenario.path,
    );
  });

  const objects = scenario.objects.map((o) => ({ ...o, object: toStored(o.object) }));
  // Namespaces: the listed ones, then any a namespaced object names.
  const namespaces = new Set<string>(['kube-system', 'default']);
  for (const { object } of objects) if (object.metadata.namespace) namespaces.add(object.metadata.namespace);
  for (const { object, source } of objects) if (object.kind === 'Namespace') createOrFail(store, NS, object, source);
  for (const ns of namespaces) {
    if (!store.get(NS, undefined, ns)) createOrFail(store, NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } } }, scenario.path);
  }
  const ordered = objects.filter((o) => o.object.kind !== 'Namespace').sort((a, b) => rank(a.object) - rank(b.object));
  for (const { object, source } of ordered) {
    const type = store.resourceTypeForKind(object.apiVersion, object.kind);
    if (!type) throw new ScenarioError(`${object.apiVersion} ${object.kind} is not served (is its CustomResourceDefinition included?)`, source);
    if (type.namespaced && !object.metadata.namespace) throw new ScenarioError(`${object.kind} ${object.metadata.name}: metadata.namespace is required`, source);
    if (!type.namespaced) delete object.metadata.namespace;
    const stamp = createOrFail(store, { group: type.group, resource: type.resource }, object, source)?.metadata.creationTimestamp ?? '';
    if (stamp > newest) newest = stamp;
  }

  // "Loaded" means after the last object was created, by the store's clock.
  if (newest && (!plants.loadedAt || newest > plants.loadedAt)) plants.loadedAt = newest;
  // Recorded in the cluster so controllers started without the table still simulate the faults.
  const record: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: SCENARIO_CONFIGMAP.name, namespace: SCENARIO_CONFIGMAP.namespace, labels: { 'app.kubernetes.io/managed-by': 'groundcrew-sandbox' } },
    data: { scenario: scenario.file.name, [SCENARIO_CONFIGMAP.key]: JSON.stringify(plants) },
  };
  const cm = { group: '', resource: 'configmaps' };
  if (store.get(cm, record.metadata.namespace, record.metadata.name)) {
    const current = store.get(cm, record.metadata.namespace, record.metadata.name)!;
    store.update(cm, { ...current, data: record.data }, { fieldManager: 'sandbox-scenario' });
  } else createOrFail(store, cm, record, scenario.path);
  return objects.length;
}
