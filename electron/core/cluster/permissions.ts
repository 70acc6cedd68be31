import type { OperationPermission, PermissionCheck, PermissionsReport, ResourceAttributes } from '../../../shared/model/permissions.ts';

type Need = Omit<ResourceAttributes, 'namespace'> & { clusterWide?: boolean };
type OperationId = OperationPermission['operation'];

const read = (group: string, resources: string[]): Need[] => resources.flatMap((resource) => [
  { verb: 'list', group, resource },
  { verb: 'watch', group, resource },
]);

/**
 * What each Groundcrew operation needs, so the UI can disable an operation with the reason
 * up front instead of failing half-way. Cluster-scoped needs are checked without namespace.
 */
export const operationNeeds: Record<OperationId, { title: string; needs: Need[] }> = {
  inspect: {
    title: 'Inspect the stack (read workloads, services, DNS config, certificates)',
    needs: [
      ...read('', ['pods', 'services', 'endpoints', 'configmaps', 'persistentvolumeclaims', 'events']),
      { verb: 'list', group: '', resource: 'secrets' },
      ...read('apps', ['deployments', 'statefulsets', 'daemonsets', 'replicasets']),
      ...read('batch', ['jobs', 'cronjobs']),
      ...read('networking.k8s.io', ['ingresses']),
      { verb: 'list', group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', clusterWide: true },
      { verb: 'list', group: '', resource: 'nodes', clusterWide: true },
      ...read('cert-manager.io', ['certificates', 'issuers']),
    ],
  },
  repair: {
    title: 'Repair findings (patch ConfigMaps, Services, Deployments, Certificates; re-run Jobs)',
    needs: [
      { verb: 'patch', group: '', resource: 'configmaps' },
      { verb: 'patch', group: '', resource: 'services' },
      { verb: 'patch', group: 'apps', resource: 'deployments' },
      { verb: 'update', group: 'cert-manager.io', resource: 'certificates', subresource: 'status' },
      { verb: 'patch', group: 'cert-manager.io', resource: 'certificates' },
      { verb: 'create', group: 'batch', resource: 'jobs' },
      { verb: 'delete', group: 'batch', resource: 'jobs' },
      { verb: 'create', group: '', resource: 'configmaps' },
    ],
  },
  install: {
    title: 'Install the stack (namespaces, CRDs, workloads)',
    needs: [
      { verb: 'create', group: '', resource: 'namespaces', clusterWide: true },
      { verb: 'create', group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', clusterWide: true },
      { verb: 'create', group: 'apps', resource: 'deployments' },
      { verb: 'create', group: 'apps', resource: 'statefulsets' },
      { verb: 'create', group: '', resource: 'services' },
      { verb: 'create', group: '', resource: 'secrets' },
      { verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'clusterroles', clusterWide: true },
    ],
  },
  observe: {
    title: 'Observe test runs, traces and metrics (through the API service proxy)',
    needs: [
      { verb: 'get', group: '', resource: 'services', subresource: 'proxy' },
      { verb: 'get', group: '', resource: 'pods', subresource: 'log' },
    ],
  },
  'support-bundle': {
    title: 'Collect a support bundle (read everything, pod logs)',
    needs: [
      ...read('', ['pods', 'services', 'configmaps', 'events']),
      { verb: 'get', group: '', resource: 'pods', subresource: 'log' },
      { verb: 'list', group: '', resource: 'nodes', clusterWide: true },
    ],
  },
};

/** Posts one SelfSubjectAccessReview and returns status.allowed / reason. */
export type AccessReviewer = (attributes: ResourceAttributes) => Promise<{ allowed: boolean; reason?: string }>;

const keyOf = (a: ResourceAttributes) => [a.verb, a.group, a.resource, a.subresource ?? '', a.namespace ?? ''].join('|');

/**
 * Checks every need once (needs shared by several operations are asked once), a few at a time,
 * and folds the answers into a per-operation table.
 */
export async function checkPermissions(review: AccessReviewer, context: string, namespace?: string, concurrency = 8): Promise<PermissionsReport> {
  const unique = new Map<string, ResourceAttributes>();
  for (const { needs } of Object.values(operationNeeds)) {
    for (const { clusterWide, ...need } of needs) {
      const attrs: ResourceAttributes = clusterWide || namespace === undefined ? need : { ...need, namespace };
      unique.set(keyOf(attrs), attrs);
    }
  }
  const results = new Map<string, PermissionCheck>();
  const queue = [...unique.entries()];
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [key, attrs] = next;
        try {
          const answer = await review(attrs);
          results.set(key, { ...attrs, allowed: answer.allowed, reason: answer.reason ?? (answer.allowed ? 'allowed' : 'denied') });
        } catch (err) {
          results.set(key, { ...attrs, allowed: false, reason: `access review failed: ${(err as Error).message}` });
        }
      }
    }),
  );
  const operations = (Object.entries(operationNeeds) as Array<[OperationId, { title: string; needs: Need[] }]>).map(([operation, { title, needs }]) => {
    const missing = needs
      .map(({ clusterWide, ...need }) => results.get(keyOf(clusterWide || namespace === undefined ? need : { ...need, namespace }))!)
      .filter((check) => !check.allowed);
    return { operation, title, allowed: missing.length === 0, missing };
  });
  return { context, ...(namespace ? { namespace } : {}), operations, checks: [...results.values()] };
}
