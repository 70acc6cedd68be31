import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { abortableDelay, MAX_RETRY_WAIT_MS, retriesExhaustedMessage, retryAfterSeconds, throttleWaitMs } from '../../../electron/core/cluster/throttle-retry.ts';

describe('which API answers are retried, and after how long', () => {
  test('Retry-After is read as whole seconds; anything else is not a wait', () => {
    assert.equal(retryAfterSeconds('3'), 3);
    assert.equal(retryAfterSeconds(' 0 '), 0);
    assert.equal(retryAfterSeconds(['2', '9']), 2);
    assert.equal(retryAfterSeconds(undefined), undefined);
    assert.equal(retryAfterSeconds(''), undefined);
    assert.equal(retryAfterSeconds('-1'), undefined);
    assert.equal(retryAfterSeconds('1.5'), undefined);
    assert.equal(retryAfterSeconds('Wed, 21 Oct 2015 07:28:00 GMT'), undefined);
  });

  test('a 429 is retried for any verb, after Retry-After (1 s when missing or unreadable), capped', () => {
    assert.equal(throttleWaitMs(429, '3', 'GET'), 3000);
    assert.equal(throttleWaitMs(429, '0', 'POST'), 0);
    assert.equal(throttleWaitMs(429, undefined, 'DELETE'), 1000);
    assert.equal(throttleWaitMs(429, 'soon', 'PATCH'), 1000);
    assert.equal(throttleWaitMs(429, '3600', 'GET'), MAX_RETRY_WAIT_MS);
  });

  test('a 5xx is retried only for GET and only when it carries Retry-After', () => {
    assert.equal(throttleWaitMs(503, '2', 'GET'), 2000);
    assert.equal(throttleWaitMs(500, '1', 'get'), 1000);
    assert.equal(throttleWaitMs(503, '2', 'POST'), undefined);
    assert.equal(throttleWaitMs(500, undefined, 'GET'), undefined);
    assert.equal(throttleWaitMs(503, 'later', 'GET'), undefined);
  });

  test('other errors are final', () => {
    for (const code of [400, 401, 403, 404, 409, 410, 422]) assert.equal(throttleWaitMs(code, '1', 'GET'), undefined, String(code));
  });

  test('the give-up message keeps the server text and says it was throttled and how often it was retried', () => {
    const m = retriesExhaustedMessage(429, 'Too many requests, please try again later.', 4);
    assert.match(m, /^Too many requests, please try again later\. /);
    assert.match(m, /throttling/);
    assert.match(m, /retried 4 times/);
    assert.match(retriesExhaustedMessage(429, 'x', 1), /retried 1 time[^s]/);
    assert.match(retriesExhaustedMessage(503, 'x', 2), /kept answering 503 with Retry-After/);
  });

  test('the wait rejects with an AbortError when aborted, before or during it', async () => {
    await abortableDelay(0, undefined);
    await assert.rejects(abortableDelay(10, AbortSignal.abort()), { name: 'AbortError' });
    const controller = new AbortController();
    const waiting = abortableDelay(60_000, controller.signal);
    controller.abort();
    await assert.rejects(waiting, { name: 'AbortError' });
  });
});
