import { MemoryStore, type MemoryStoreOptions } from './memory-store.ts';

export { MemoryStore, type DeleteOptions, type MemoryStoreOptions, type PropagationPolicy, type StoreSnapshot, type StoreWriteOptions } from './memory-store.ts';
export { BUILTIN_TYPES, grKey, type PrinterColumn, type ServedType } from './builtin-types.ts';
export { loadState, persistState, type Persistence } from './persistence.ts';
export * from './types.ts';

/** The namespaces every cluster starts with, plus the `kubernetes` Service in default. */
export function seedCluster(store: MemoryStore): void {
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    if (!store.getFrozen({ group: '', resource: 'namespaces' }, undefined, name)) {
      store.create({ group: '', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } });
    }
  }
  if (!store.getFrozen({ group: '', resource: 'services' }, 'default', 'kubernetes')) {
    store.create(
      { group: '', resource: 'services' },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: { clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], type: 'ClusterIP' },
      },
    );
  }
}

export function createStore(options: MemoryStoreOptions = {}): MemoryStore {
  return new MemoryStore(options);
}
