import type { ObjectRef } from '../../../shared/model/repair.ts';
import type { KubeWriter } from './kube-writer.ts';

/** Where a kind lives in the API: enough to build its paths and to ask an access review about it. */
export interface ResourceInfo {
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
}

/** Kinds the fixes touch, so the common case needs no discovery round trip. */
const KNOWN: Record<string, { resource: string; namespaced: boolean }> = {
  'v1/ConfigMap': { resource: 'configmaps', namespaced: true },
  'v1/Secret': { resource: 'secrets', namespaced: true },
  'v1/Service': { resource: 'services', namespaced: true },
  'v1/Namespace': { resource: 'namespaces', namespaced: false },
  'v1/Pod': { resource: 'pods', namespaced: true },
  'v1/ServiceAccount': { resource: 'serviceaccounts', namespaced: true },
  'apps/v1/Deployment': { resource: 'deployments', namespaced: true },
  'apps/v1/StatefulSet': { resource: 'statefulsets', namespaced: true },
  'apps/v1/DaemonSet': { resource: 'daemonsets', namespaced: true },
  'batch/v1/Job': { resource: 'jobs', namespaced: true },
  'batch/v1/CronJob': { resource: 'cronjobs', namespaced: true },
  'cert-manager.io/v1/Certificate': { resource: 'certificates', namespaced: true },
  'cert-manager.io/v1/Issuer': { resource: 'issuers', namespaced: true },
  'cert-manager.io/v1/ClusterIssuer': { resource: 'clusterissuers', namespaced: false },
};

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

interface DiscoveryList {
  resources?: Array<{ name: string; kind: string; namespaced: boolean }>;
}

/** Maps kinds to resources: the table above first, API discovery for anything else (CRDs). */
export class ResourceResolver {
  private readonly cache = new Map<string, ResourceInfo>();

  constructor(private readonly client: KubeWriter) {}

  async resolve(apiVersion: string, kind: string): Promise<ResourceInfo> {
    const key = `${apiVersion}/${kind}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const { group, version } = splitApiVersion(apiVersion);
    const known = KNOWN[key];
    let info: ResourceInfo | undefined = known ? { group, version, ...known } : undefined;
    if (!info) {
      const path = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
      const list = await this.client.request<DiscoveryList>({ method: 'GET', path });
      const hit = list.resources?.find((r) => r.kind === kind && !r.name.includes('/'));
      if (!hit) throw new Error(`the API server does not serve ${kind} in ${apiVersion}`);
      info = { group, version, resource: hit.name, namespaced: hit.namespaced };
    }
    this.cache.set(key, info);
    return info;
  }

  /** `/api/v1/namespaces/ns/configmaps/name[/status]`; without a name, the collection path. */
  async path(ref: Omit<ObjectRef, 'name'> & { name?: string }, subresource?: string): Promise<string> {
    const info = await this.resolve(ref.apiVersion, ref.kind);
    return resourcePath(info, ref.namespace, ref.name, subresource);
  }
}

export function resourcePath(info: ResourceInfo, namespace: string | undefined, name?: string, subresource?: string): string {
  const base = info.group === '' ? `/api/${info.version}` : `/apis/${info.group}/${info.version}`;
  if (info.namespaced && !namespace) throw new Error(`${info.resource} are namespaced: a namespace is required`);
  const ns = info.namespaced ? `/namespaces/${encodeURIComponent(namespace!)}` : '';
  const tail = name ? `/${encodeURIComponent(name)}${subresource ? `/${subresource}` : ''}` : '';
  return `${base}${ns}/${info.resource}${tail}`;
}

/** `ConfigMap kube-system/coredns`, the way messages name objects. */
export function describeRef(ref: { kind: string; namespace?: string; name: string }): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}
