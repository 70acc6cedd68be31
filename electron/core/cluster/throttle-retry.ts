/*
 * When an API answer means "try again later", like client-go's rest client (rest/request.go and
 * with_retry.go): a 429 Too Many Requests was not processed, so any verb may be sent again; a 5xx
 * that carries Retry-After is retried for GET only (a POST or PATCH may have been applied before the
 * server failed). Every other error is final.
 */

/** client-go's default `maxRetries` for a request. */
export const DEFAULT_MAX_RETRIES = 10;
/** Upper bound of one wait, whatever Retry-After says: a desktop console must not hang for minutes. */
export const MAX_RETRY_WAIT_MS = 10_000;
/** Wait after a 429 without a usable Retry-After (client-go would give up; one second is kinder to the user). */
const DEFAULT_THROTTLE_WAIT_MS = 1_000;

/** Retry-After in whole seconds (the form API servers send); undefined when missing or not a number of seconds. */
export function retryAfterSeconds(header: string | string[] | undefined): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/**
 * How long to wait before sending the request again, or undefined when this answer must not be
 * retried. `method` is the HTTP method (GET, POST, ...).
 */
export function throttleWaitMs(statusCode: number, retryAfter: string | string[] | undefined, method: string): number | undefined {
  const seconds = retryAfterSeconds(retryAfter);
  if (statusCode === 429) return Math.min(seconds === undefined ? DEFAULT_THROTTLE_WAIT_MS : seconds * 1000, MAX_RETRY_WAIT_MS);
  if (statusCode >= 500 && seconds !== undefined && method.toUpperCase() === 'GET') return Math.min(seconds * 1000, MAX_RETRY_WAIT_MS);
  return undefined;
}

/** The server's message plus what happened and what a person can do, once the retries ran out. */
export function retriesExhaustedMessage(statusCode: number, serverMessage: string, retries: number): string {
  const what = statusCode === 429 ? 'the API server is throttling requests' : `the API server kept answering ${statusCode} with Retry-After (overloaded or throttling)`;
  const times = `${retries} time${retries === 1 ? '' : 's'}`;
  return `${serverMessage} (${what}; retried ${times}, waiting as its Retry-After asked, then gave up: wait a minute and try again, or ask a cluster admin about API Priority and Fairness limits for this user)`;
}

/** Resolves after `ms`, or rejects with an AbortError as soon as `signal` aborts. */
export function abortableDelay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => Object.assign(new Error('request aborted'), { name: 'AbortError' });
    if (signal?.aborted) {
      reject(aborted());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
