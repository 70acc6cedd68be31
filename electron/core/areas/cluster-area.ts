import type { ResourceAttributes } from '../../../shared/model/permissions.ts';
import type { ContextService } from '../cluster/context-service.ts';
import { diagnoseContext } from '../cluster/diagnose.ts';
import type { KubeClient } from '../cluster/kube-client.ts';
import { checkPermissions, type AccessReviewer } from '../cluster/permissions.ts';
import type { ClusterSessions } from '../session/cluster-sessions.ts';
import { selectedContext } from './selected-context.ts';

export interface ClusterAreaDeps {
  env: NodeJS.ProcessEnv;
  kubeconfig?: string;
  desktop: boolean;
  contexts: ContextService;
  sessions: ClusterSessions;
}

/** One SelfSubjectAccessReview per question, over the context's own client. */
export function accessReviewer(client: KubeClient): AccessReviewer {
  return async (attributes: ResourceAttributes) => {
    const review = await client.request<{ status?: { allowed?: boolean; reason?: string; denied?: boolean } }>({
      method: 'POST',
      path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: attributes } },
    });
    return { allowed: review?.status?.allowed === true, ...(review?.status?.reason ? { reason: review.status.reason } : {}) };
  };
}

export function clusterArea(deps: ClusterAreaDeps) {
  return {
    connect: async (context?: string) => {
      const ctx = selectedContext(deps.contexts, context);
      return diagnoseContext(deps.env, ctx.name, { ...(deps.kubeconfig ? { kubeconfig: deps.kubeconfig } : {}), desktop: deps.desktop, timeoutMs: 10_000 });
    },
    permissions: async (context?: string) => {
      const ctx = selectedContext(deps.contexts, context);
      const session = await deps.sessions.get(ctx.name);
      return checkPermissions(accessReviewer(session.client), ctx.name, ctx.namespace);
    },
  };
}
