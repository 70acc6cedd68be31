/**
 * Reads the HTTP status and Kubernetes Status out of whatever a KubeWriter threw: the cluster
 * client's KubeApiError, or @kubernetes/client-node's ApiException (code + JSON body).
 */
export interface ApiFailure {
  code: number;
  reason?: string;
  message: string;
}

type Loose = Record<string, unknown> | undefined;

function asObject(v: unknown): Loose {
  if (typeof v === 'string') {
    try {
      return asObject(JSON.parse(v));
    } catch {
      return undefined;
    }
  }
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
}

export function apiFailureOf(err: unknown): ApiFailure | undefined {
  const e = asObject(err);
  if (!e) return undefined;
  // The Status may sit under .status (KubeApiError), .body (ApiException) or .response.body.
  const status = [e.status, e.body, asObject(e.response)?.body, e.statusObject].map(asObject).find((s) => s && (s.kind === 'Status' || 'reason' in s || 'code' in s));
  const numeric = [e.code, e.statusCode, status?.code, typeof e.status === 'number' ? e.status : undefined, asObject(e.response)?.statusCode].find((c): c is number => typeof c === 'number' && c >= 100);
  if (numeric === undefined) return undefined;
  const message = typeof status?.message === 'string' ? status.message : err instanceof Error ? err.message : `HTTP ${numeric}`;
  return { code: numeric, reason: typeof status?.reason === 'string' ? status.reason : undefined, message };
}

export const isNotFound = (err: unknown) => apiFailureOf(err)?.code === 404;
export const isConflict = (err: unknown) => apiFailureOf(err)?.code === 409;

/** The server's words for a failure, falling back to the error message. */
export function describeFailure(err: unknown): string {
  return apiFailureOf(err)?.message ?? (err instanceof Error ? err.message : String(err));
}
