import { performance } from 'node:perf_hooks';
import { ContractError } from '../../../shared/contract/errors.ts';
import type { ConnectionDiagnosis } from '../../../shared/model/connection.ts';
import { unauthorizedCause } from './auth-hints.ts';
import type { KubeClient, KubeClientOptions } from './kube-client.ts';
import { ClusterConnectionError, KubeApiError } from './kube-errors.ts';
import { openKubeClient } from './open-client.ts';

export type { ConnectionDiagnosis } from '../../../shared/model/connection.ts';

interface SelfSubjectReview {
  status?: { userInfo?: { username?: string; groups?: string[] } };
}

const REVIEW_BODY = (version: string) => ({ apiVersion: `authentication.k8s.io/${version}`, kind: 'SelfSubjectReview' });

/**
 * Can this context reach and use its cluster? Runs the exec preflight, GET /version (server
 * version and round trip) and a SelfSubjectReview (who the server thinks we are), and classifies
 * the first failure with a hint. Never throws; never puts a credential in the result.
 */
export async function diagnoseConnection(client: KubeClient, options: { timeoutMs?: number } = {}): Promise<ConnectionDiagnosis> {
  const rc = client.context;
  const base = { context: rc.contextName, server: rc.server };
  const timeoutMs = options.timeoutMs;
  let serverVersion: string | undefined;
  let roundTripMs: number | undefined;
  try {
    client.preflight();
    const started = performance.now();
    const version = await client.request<{ gitVersion?: string }>({ path: '/version', timeoutMs });
    roundTripMs = Math.round((performance.now() - started) * 10) / 10;
    serverVersion = typeof version?.gitVersion === 'string' ? version.gitVersion : undefined;

    let identity: ConnectionDiagnosis['identity'];
    for (const v of ['v1', 'v1beta1']) {
      try {
        const review = await client.request<SelfSubjectReview>({ method: 'POST', path: `/apis/authentication.k8s.io/${v}/selfsubjectreviews`, body: REVIEW_BODY(v), timeoutMs });
        const info = review?.status?.userInfo;
        if (info?.username !== undefined) identity = { username: info.username, groups: info.groups ?? [] };
        break;
      } catch (err) {
        // Clusters before 1.27 lack the review; /api still proves the credentials are accepted.
        if (err instanceof KubeApiError && err.status.code === 404) continue;
        throw err;
      }
    }
    if (!identity) await client.request({ path: '/api', timeoutMs });

    const who = identity ? ` as ${identity.username}` : '';
    const diagnosis: ConnectionDiagnosis = { ...base, ok: true, class: 'ok', message: `connected to ${rc.server}${who}${serverVersion ? ` (Kubernetes ${serverVersion})` : ''}` };
    if (serverVersion) diagnosis.serverVersion = serverVersion;
    if (identity) diagnosis.identity = identity;
    if (roundTripMs !== undefined) diagnosis.roundTripMs = roundTripMs;
    return diagnosis;
  } catch (err) {
    const failed = classifyFailure(client, err);
    if (serverVersion) failed.serverVersion = serverVersion;
    if (roundTripMs !== undefined) failed.roundTripMs = roundTripMs;
    return failed;
  }
}

function classifyFailure(client: KubeClient, err: unknown): ConnectionDiagnosis {
  const rc = client.context;
  const base = { context: rc.contextName, server: rc.server, ok: false as const };
  if (err instanceof ClusterConnectionError) return { ...base, class: err.connectionClass, message: err.message, hint: err.hint };
  if (err instanceof KubeApiError) {
    const s = err.status;
    if (s.code === 401) {
      return { ...base, class: 'unauthorized', message: `the server answered 401 Unauthorized to ${err.method} ${err.path}: ${s.message}`, hint: `likely cause: ${unauthorizedCause(rc)}` };
    }
    if (s.code === 403) {
      return {
        ...base,
        class: 'forbidden',
        message: `the server knows who you are but refuses ${err.method} ${err.path} (403 Forbidden): ${s.message}`,
        hint: `ask a cluster admin for a role binding for user "${rc.userName || 'anonymous'}" (context "${rc.contextName}"), or switch to a context with more rights`,
      };
    }
    if (s.code === 429) {
      return { ...base, class: 'http-error', message: `the server is throttling requests (429 Too Many Requests) to ${err.method} ${err.path}: ${s.message}`, hint: 'wait a minute and try again; if it persists, ask a cluster admin about API Priority and Fairness limits for this user' };
    }
    return { ...base, class: 'http-error', message: `the server answered ${s.code} ${s.reason} to ${err.method} ${err.path}: ${s.message}`, hint: `is ${rc.server} a Kubernetes API server (not a load balancer or ingress page)? check server in ${rc.files.cluster}` };
  }
  if (err instanceof ContractError && err.code === 'invalid_config') return { ...base, class: 'kubeconfig-invalid', message: err.message, hint: 'fix the kubeconfig at the place named' };
  return { ...base, class: 'http-error', message: err instanceof Error ? err.message : String(err), hint: `check server in ${rc.files.cluster}` };
}

/**
 * Load the kubeconfig like kubectl, resolve a context and diagnose it. A kubeconfig problem
 * becomes a `kubeconfig-invalid` diagnosis (file, line and field in the message) instead of an error.
 */
export async function diagnoseContext(
  env: NodeJS.ProcessEnv,
  contextName: string | null,
  options: { kubeconfig?: string; client?: KubeClientOptions; timeoutMs?: number; desktop?: boolean } = {},
): Promise<ConnectionDiagnosis> {
  let client: KubeClient;
  try {
    client = await openKubeClient({ env, context: contextName, ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}), ...(options.client ? { client: options.client } : {}), ...(options.desktop ? { desktop: true } : {}) });
  } catch (err) {
    if (err instanceof ClusterConnectionError) return { context: contextName ?? '', server: '', ok: false, class: err.connectionClass, message: err.message, hint: err.hint };
    const message = err instanceof Error ? err.message : String(err);
    return { context: contextName ?? '', server: '', ok: false, class: 'kubeconfig-invalid', message, hint: 'fix the kubeconfig at the file and line named; `kubectl config view` shows what kubectl reads' };
  }
  try {
    return await diagnoseConnection(client, { timeoutMs: options.timeoutMs });
  } finally {
    client.close();
  }
}
