import { ContractError, type ErrorCode } from '../../../shared/contract/errors.ts';
import type { ConnectionClass } from '../../../shared/model/connection.ts';

/** Why a connection to a cluster did or did not work: the classes are the contract's (shared/model/connection.ts). */
export type { ConnectionClass } from '../../../shared/model/connection.ts';

const CODE_FOR_CLASS: Record<ConnectionClass, ErrorCode> = {
  'kubeconfig-invalid': 'invalid_config',
  'exec-missing': 'invalid_config',
  'exec-failed': 'unauthorized',
  dns: 'unavailable',
  refused: 'unavailable',
  timeout: 'unavailable',
  'tls-unknown-authority': 'unavailable',
  'tls-name-mismatch': 'unavailable',
  'tls-other': 'unavailable',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  proxy: 'unavailable',
  'http-error': 'unavailable',
  ok: 'internal',
};

/** A failure to reach or authenticate to the API server, classified, with what to do about it. */
export class ClusterConnectionError extends ContractError {
  constructor(
    readonly connectionClass: ConnectionClass,
    message: string,
    readonly hint: string,
    where?: string,
    options?: { cause?: unknown },
  ) {
    super(CODE_FOR_CLASS[connectionClass], message, where);
    this.name = 'ClusterConnectionError';
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** The Kubernetes `Status` object an API server sends with an error response. */
export interface KubeStatus {
  kind: 'Status';
  apiVersion?: string;
  status?: string;
  code: number;
  reason: string;
  message: string;
  details?: Record<string, unknown>;
}

const CODE_FOR_HTTP = (status: number): ErrorCode =>
  status === 401
    ? 'unauthorized'
    : status === 403
      ? 'forbidden'
      : status === 404
        ? 'not_found'
        : status === 409
          ? 'conflict'
          : status === 400 || status === 422
            ? 'invalid_input'
            : status >= 500
              ? 'unavailable'
              : 'internal';

/** An HTTP error answer from the API server, carrying its Status (code, reason, message). */
export class KubeApiError extends ContractError {
  constructor(
    readonly status: KubeStatus,
    readonly method: string,
    readonly path: string,
  ) {
    super(CODE_FOR_HTTP(status.code), `${method} ${path}: ${status.code} ${status.reason}: ${status.message}`);
    this.name = 'KubeApiError';
  }

  get statusCode(): number {
    return this.status.code;
  }
}

const HTTP_REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** The Status in an error body, or one made from the HTTP status when the body is not a Status (a proxy's HTML page, say). */
export function statusFromResponse(code: number, body: string): KubeStatus {
  try {
    const parsed = JSON.parse(body) as Partial<KubeStatus>;
    if (parsed && parsed.kind === 'Status') {
      return {
        ...parsed,
        kind: 'Status',
        code: typeof parsed.code === 'number' ? parsed.code : code,
        reason: parsed.reason || HTTP_REASONS[code] || 'Unknown',
        message: parsed.message || body.slice(0, 200),
      };
    }
  } catch {
    /* not JSON: fall through */
  }
  const text = body.replace(/\s+/g, ' ').trim().slice(0, 200);
  return { kind: 'Status', code, reason: HTTP_REASONS[code] ?? 'Unknown', message: text || `HTTP ${code}` };
}

/** Raised by the proxy tunnel so the client can tell "the proxy failed" from "the server failed". */
export class ProxyTunnelError extends Error {
  constructor(
    message: string,
    readonly proxy: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProxyTunnelError';
  }
}
