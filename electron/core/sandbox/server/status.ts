import type { ServerResponse } from 'node:http';
import { StoreError, type StoreErrorReason } from '../store/types.ts';

/** Kubernetes `Status` bodies: what every client library and kubectl parse from a failed call. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: Array<{ field?: string; message: string; reason?: string }>;
  retryAfterSeconds?: number;
}

export type StatusReason =
  | StoreErrorReason
  | 'Unauthorized'
  | 'Expired'
  | 'InternalError'
  | 'TooManyRequests'
  | 'UnsupportedMediaType'
  | 'NotAcceptable'
  | 'ServiceUnavailable'
  | 'Timeout';

const CODES: Record<StatusReason, number> = {
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  NotAcceptable: 406,
  AlreadyExists: 409,
  Conflict: 409,
  Gone: 410,
  Expired: 410,
  UnsupportedMediaType: 415,
  Invalid: 422,
  TooManyRequests: 429,
  InternalError: 500,
  ServiceUnavailable: 503,
  Timeout: 504,
};

export class HttpError extends Error {
  constructor(
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
  get code(): number {
    return CODES[this.reason];
  }
}

export function statusBody(reason: StatusReason, message: string, details?: StatusDetails): Record<string, unknown> {
  // 410 from the store reads "Expired" on the wire, as etcd compaction does.
  const wireReason = reason === 'Gone' ? 'Expired' : reason;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: wireReason,
    ...(details && Object.keys(details).length ? { details } : {}),
    code: CODES[reason],
  };
}

export function toHttpError(err: unknown, details?: StatusDetails): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof StoreError) {
    const causes = err.details?.causes;
    return new HttpError(err.reason, err.message, { ...details, ...(causes ? { causes } : {}) });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new HttpError('InternalError', `Internal error occurred: ${message}`);
}

export function sendJson(res: ServerResponse, code: number, body: unknown | string, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, error.code, statusBody(error.reason, error.message, error.details), error.headers);
}
