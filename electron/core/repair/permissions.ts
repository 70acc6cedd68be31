import type { Change, Permission } from '../../../shared/model/repair.ts';
import { apiFailureOf } from './api-errors.ts';
import type { KubeWriter } from './kube-writer.ts';
import type { ResourceResolver } from './resources.ts';

const VERB: Record<Change['action'], string> = { patch: 'patch', apply: 'patch', create: 'create', delete: 'delete', status: 'update' };

/** What the plan's writes need, one line per distinct verb/resource/namespace. */
export async function permissionsFor(changes: readonly Change[], resources: ResourceResolver): Promise<Permission[]> {
  const out: Permission[] = [];
  const seen = new Set<string>();
  for (const c of changes) {
    const info = await resources.resolve(c.ref.apiVersion, c.ref.kind);
    const p: Permission = {
      verb: VERB[c.action],
      group: info.group,
      resource: info.resource,
      ...(c.action === 'status' ? { subresource: 'status' } : {}),
      ...(info.namespaced && c.ref.namespace ? { namespace: c.ref.namespace } : {}),
    };
    const key = JSON.stringify(p);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

/** `patch configmaps in namespace kube-system`, the way refusals name a permission. */
export function describePermission(p: Permission): string {
  const resource = `${p.resource}${p.subresource ? `/${p.subresource}` : ''}${p.group ? `.${p.group}` : ''}`;
  return `${p.verb} ${resource}${p.namespace ? ` in namespace ${p.namespace}` : ' (cluster-wide)'}`;
}

interface AccessReview {
  status?: { allowed?: boolean; denied?: boolean; reason?: string };
}

/**
 * Asks the server (SelfSubjectAccessReview) whether every permission is granted. Returns the
 * denied ones; a server that does not serve access reviews yields none (the write itself will say).
 */
export async function deniedPermissions(client: KubeWriter, permissions: readonly Permission[]): Promise<Array<{ permission: Permission; reason?: string }>> {
  const denied: Array<{ permission: Permission; reason?: string }> = [];
  for (const p of permissions) {
    let review: AccessReview;
    try {
      review = await client.request<AccessReview>({
        method: 'POST',
        path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: { verb: p.verb, group: p.group, resource: p.resource, ...(p.subresource ? { subresource: p.subresource } : {}), ...(p.namespace ? { namespace: p.namespace } : {}) } },
        },
      });
    } catch (err) {
      if (apiFailureOf(err)?.code === 404) return [];
      throw err;
    }
    if (!review.status?.allowed) denied.push({ permission: p, reason: review.status?.reason || undefined });
  }
  return denied;
}

/** The caller's Kubernetes user name (SelfSubjectReview), when the server tells. */
export async function whoAmI(client: KubeWriter): Promise<string | undefined> {
  try {
    const review = await client.request<{ status?: { userInfo?: { username?: string } } }>({
      method: 'POST',
      path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    return review.status?.userInfo?.username || undefined;
  } catch {
    return undefined;
  }
}
