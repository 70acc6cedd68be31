import type { KubeObject } from '../../cluster/view.ts';
import { readJsonBody } from './body.ts';
import type { RequestContext } from './context.ts';
import { HttpError, sendJson } from './status.ts';

/**
 * SelfSubjectAccessReview / SelfSubjectRulesReview / SelfSubjectReview: answered, never stored.
 * Admin users may do everything except what a fault-injected deny rule forbids.
 */
export async function createReview(ctx: RequestContext): Promise<void> {
  const body = (await readJsonBody(ctx.req)) as KubeObject;
  if (!body || typeof body !== 'object') throw new HttpError('BadRequest', 'the request body must be a JSON object');
  const { user } = ctx;
  const base = { apiVersion: ctx.gv, kind: ctx.type.kind, metadata: { creationTimestamp: null } };
  switch (ctx.type.resource) {
    case 'selfsubjectaccessreviews': {
      const spec = (body.spec ?? {}) as { resourceAttributes?: Record<string, string>; nonResourceAttributes?: Record<string, string> };
      const ra = spec.resourceAttributes;
      let allowed = true;
      if (ra) {
        const attrs = { user: user.username, verb: ra.verb ?? '', group: ra.group ?? '', resource: ra.resource ?? '', ...(ra.namespace ? { namespace: ra.namespace } : {}) };
        if (ctx.runtime.faults.denied(attrs)) {
          // RBAC denials carry no reason, so kubectl prints a bare "no".
          allowed = false;
        }
      }
      sendJson(ctx.res, 201, { ...base, spec, status: { allowed, ...(allowed ? { reason: 'sandbox admin' } : {}) } });
      return;
    }
    case 'selfsubjectrulesreviews': {
      const ns = ((body.spec ?? {}) as { namespace?: string }).namespace ?? '';
      sendJson(ctx.res, 201, {
        ...base,
        spec: { namespace: ns },
        status: {
          resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
          nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
          incomplete: (ctx.runtime.faults.get().deny ?? []).length > 0,
          ...((ctx.runtime.faults.get().deny ?? []).length > 0 ? { evaluationError: 'sandbox deny rules are not listed as rules' } : {}),
        },
      });
      return;
    }
    default:
      sendJson(ctx.res, 201, { ...base, status: { userInfo: { username: user.username, groups: user.groups, ...(user.uid ? { uid: user.uid } : {}) } } });
  }
}

