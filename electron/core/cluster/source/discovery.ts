import type { KindKey } from '../view.ts';

export interface DiscoveryClient {
  /** GET a discovery document (JSON). Errors carry statusCode like list errors. */
  get(path: string): Promise<unknown>;
}

export interface ServedKind {
  kind: KindKey;
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
  /** Collection path across all namespaces, e.g. /apis/apps/v1/deployments. */
  path: string;
}

interface ApiResourceList {
  resources?: Array<{ name: string; kind: string; namespaced: boolean; verbs?: string[] }>;
}
interface ApiGroupList {
  groups?: Array<{ name: string; preferredVersion?: { groupVersion: string; version: string }; versions?: Array<{ version: string }> }>;
}

/**
 * Maps kinds to resource paths using legacy discovery, fetching only the group-versions the
 * requested kinds need (one /apis, plus one document per group), and caching what it learned.
 */
export class Discovery {
  private groups: ApiGroupList['groups'] | undefined;
  private readonly byGroupVersion = new Map<string, ApiResourceList>();
  /** Discovery documents fetched, for request accounting. */
  requests = 0;

  constructor(private readonly client: DiscoveryClient) {}

  async resolve(kind: KindKey): Promise<ServedKind | undefined> {
    const slash = kind.indexOf('/');
    const group = slash < 0 ? '' : kind.slice(0, slash);
    const name = slash < 0 ? kind : kind.slice(slash + 1);
    let groupVersion: string;
    if (group === '') groupVersion = 'v1';
    else {
      const groups = await this.groupList();
      const entry = groups.find((g) => g.name === group);
      if (!entry) return undefined;
      groupVersion = entry.preferredVersion?.groupVersion ?? `${group}/${entry.versions?.[0]?.version ?? 'v1'}`;
    }
    const list = await this.resourceList(groupVersion);
    const res = list.resources?.find((r) => r.kind === name && !r.name.includes('/'));
    if (!res) return undefined;
    const base = group === '' ? '/api/v1' : `/apis/${groupVersion}`;
    return { kind, group, version: groupVersion.split('/').pop()!, resource: res.name, namespaced: res.namespaced, path: `${base}/${res.name}` };
  }

  /** Forget what was learned (after CRDs change). */
  reset(): void {
    this.groups = undefined;
    this.byGroupVersion.clear();
  }

  private async groupList() {
    if (!this.groups) {
      this.requests++;
      this.groups = ((await this.client.get('/apis')) as ApiGroupList).groups ?? [];
    }
    return this.groups;
  }

  private async resourceList(groupVersion: string): Promise<ApiResourceList> {
    let list = this.byGroupVersion.get(groupVersion);
    if (!list) {
      this.requests++;
      const path = groupVersion === 'v1' ? '/api/v1' : `/apis/${groupVersion}`;
      list = (await this.client.get(path)) as ApiResourceList;
      this.byGroupVersion.set(groupVersion, list);
    }
    return list;
  }
}
