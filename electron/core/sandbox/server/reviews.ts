import type { KubeObject } from '../../cluster/view.ts';
import { readJsonBody } from './body.ts';
import type { RequestContext } from './context.ts';
import { StoreError } from '../store/types.ts';
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


/** POST serviceaccounts/<name>/token (kubectl create token): a token the sandbox accepts as that service account until it expires. */
export async function createToken(ctx: RequestContext): Promise<void> {
  const body = ((await readJsonBody(ctx.req, true)) ?? {}) as { spec?: { audiences?: string[]; expirationSeconds?: number } };
  const ns = ctx.info.namespace ?? 'default';
  const name = ctx.info.name!;
  const sa = ctx.runtime.store.getFrozen(ctx.type, ns, name);
  if (!sa) throw new StoreError('NotFound', `serviceaccounts "${name}" not found`);
  const seconds = body.spec?.expirationSeconds ?? 3600;
  if (!Number.isInteger(seconds) || seconds < 600) {
    throw new HttpError('Invalid', `TokenRequest.authentication.k8s.io "${name}" is invalid: spec.expirationSeconds: Invalid value: ${seconds}: may not specify a duration less than 10 minutes`, {
      causes: [{ field: 'spec.expirationSeconds', message: 'may not specify a duration less than 10 minutes', reason: 'FieldValueInvalid' }],
    });
  }
  const { token, expiresAt } = ctx.runtime.issuedTokens.issue(ns, name, sa.metadata.uid, seconds);
  sendJson(ctx.res, 201, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace: ns, creationTimestamp: ctx.runtime.now() },
    spec: { audiences: body.spec?.audiences ?? ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: seconds, boundObjectRef: null },
    status: { token, expirationTimestamp: expiresAt.toISOString().replace(/\.\d+Z$/, 'Z') },
  });
}
