import type { ServedType } from '../store/builtin-types.ts';

/**
 * Legacy discovery documents (/api, /apis, /apis/<g>, /apis/<g>/<v>). kubectl asks for aggregated
 * discovery first and falls back to these when the answer is plain application/json.
 */

export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-sandbox',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];

function resourceEntries(type: ServedType): object[] {
  const out: object[] = [
    {
      name: type.resource,
      singularName: type.singular,
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: type.verbs,
      ...(type.shortNames ? { shortNames: type.shortNames } : {}),
      ...(type.categories ? { categories: type.categories } : {}),
    },
  ];
  if (type.subresources?.status) out.push({ name: `${type.resource}/status`, singularName: '', namespaced: type.namespaced, kind: type.kind, verbs: SUBRESOURCE_VERBS });
  if (type.subresources?.scale) {
    out.push({ name: `${type.resource}/scale`, singularName: '', namespaced: type.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: SUBRESOURCE_VERBS });
  }
  if (type.group === '' && type.resource === 'pods') {
    out.push({ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] });
    out.push({ name: 'pods/eviction', singularName: '', namespaced: true, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] });
    out.push({ name: 'pods/proxy', singularName: '', namespaced: true, kind: 'PodProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] });
  }
  if (type.group === '' && type.resource === 'serviceaccounts') {
    out.push({ name: 'serviceaccounts/token', singularName: '', namespaced: true, group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] });
  }
  if (type.group === '' && type.resource === 'services') {
    out.push({ name: 'services/proxy', singularName: '', namespaced: true, kind: 'ServiceProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] });
  }
  return out;
}

export function apiVersions(serverAddress: string): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

/** Groups in a stable order: built-in groups first as the store lists them, then CRD groups. */
function groups(types: ServedType[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const t of types) {
    if (t.group === '') continue;
    const versions = out.get(t.group) ?? [];
    for (const v of t.versions) if (!versions.includes(v)) versions.push(v);
    out.set(t.group, versions);
  }
  return out;
}

function groupDoc(name: string, versions: string[]): object {
  const list = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: list, preferredVersion: list[0] };
}

export function apiGroupList(types: ServedType[]): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: [...groups(types)].map(([name, versions]) => groupDoc(name, versions)) };
}

export function apiGroup(types: ServedType[], group: string): object | undefined {
  const versions = groups(types).get(group);
  return versions ? { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(group, versions) } : undefined;
}

export function apiResourceList(types: ServedType[], group: string, version: string): object | undefined {
  const served = types.filter((t) => t.group === group && t.versions.includes(version));
  if (served.length === 0) return undefined;
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources: served.flatMap(resourceEntries) };
}

/** Media type of aggregated discovery (apidiscovery.k8s.io/v2), which kubectl 1.32 asks for first. */
export const AGGREGATED_DISCOVERY_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** True when Accept lists aggregated discovery v2 (kubectl does; most other clients do not). */
export function wantsAggregatedDiscovery(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim());
    return params.includes('g=apidiscovery.k8s.io') && params.includes('v=v2') && params.includes('as=APIGroupDiscoveryList');
  });
}

function aggregatedResource(type: ServedType, version: string): object {
  const kind = { group: type.group, version, kind: type.kind };
  const subresources: object[] = [];
  if (type.subresources?.scale) subresources.push({ subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: SUBRESOURCE_VERBS });
  if (type.subresources?.status) subresources.push({ subresource: 'status', responseKind: kind, verbs: SUBRESOURCE_VERBS });
  if (type.group === '' && type.resource === 'pods') {
    subresources.push({ subresource: 'eviction', responseKind: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: ['create'] });
    subresources.push({ subresource: 'log', responseKind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get'] });
    subresources.push({ subresource: 'proxy', responseKind: { group: '', version: 'v1', kind: 'PodProxyOptions' }, verbs: ['create', 'delete', 'get', 'patch', 'update'] });
  }
  if (type.group === '' && type.resource === 'serviceaccounts') {
    subresources.push({ subresource: 'token', responseKind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' }, verbs: ['create'] });
  }
  if (type.group === '' && type.resource === 'services') {
    subresources.push({ subresource: 'proxy', responseKind: { group: '', version: 'v1', kind: 'ServiceProxyOptions' }, verbs: ['create', 'delete', 'get', 'patch', 'update'] });
  }
  return {
    resource: type.resource,
    responseKind: kind,
    scope: type.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: type.singular,
    verbs: type.verbs,
    ...(type.shortNames ? { shortNames: type.shortNames } : {}),
    ...(type.categories ? { categories: type.categories } : {}),
    ...(subresources.length ? { subresources } : {}),
  };
}

/** /api (core: true) or /apis as one APIGroupDiscoveryList. */
export function aggregatedDiscovery(types: ServedType[], core: boolean): object {
  const names = core ? [''] : [...groups(types).keys()];
  const items = names.map((group) => {
    const inGroup = types.filter((t) => t.group === group);
    const versions = core ? ['v1'] : groups(types).get(group)!;
    return {
      metadata: { name: group, creationTimestamp: null },
      versions: versions.map((version) => ({
        version,
        resources: inGroup.filter((t) => t.versions.includes(version)).map((t) => aggregatedResource(t, version)),
        freshness: 'Current',
      })),
    };
  });
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}
