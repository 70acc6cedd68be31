import assert from 'node:assert/strict';
import { afterEach, describe, test, type TestContext } from 'node:test';
import type { KubeClient } from '../../electron/core/cluster/kube-client.ts';
import { diagnoseConnection } from '../../electron/core/cluster/diagnose.ts';
import { sandboxClient, testSandbox } from '../support/sandbox.ts';

/*
 * The core's client under API throttling, against the sandbox API server whose fault injection
 * answers 429 with Retry-After: retried like client-go until the throttle lifts or maxRetries runs out.
 */

const PODS = '/api/v1/namespaces/default/pods';
const CONFIGMAPS = '/api/v1/namespaces/default/configmaps';

const sandbox = await testSandbox({ controllers: false });
/** How many 429s the sandbox has sent (observed on the real fault injector, which keeps deciding). */
let throttled = 0;
/** Called each time the sandbox decides to throttle a request. */
let onThrottle: (() => void) | undefined;

const decide = sandbox.faults.injectedThrottle.bind(sandbox.faults);
sandbox.faults.injectedThrottle = (attrs) => {
  const fault = decide(attrs);
  if (fault) {
    throttled += 1;
    onThrottle?.();
  }
  return fault;
};

afterEach(() => {
  sandbox.faults.clear();
  throttled = 0;
  onThrottle = undefined;
});

/** A client with a warm connection, so that the counts below are only the requests under test. */
async function warmClient(maxRetries?: number): Promise<KubeClient> {
  const client = sandboxClient(sandbox, 'sandbox', maxRetries === undefined ? {} : { maxRetries });
  await client.request({ path: '/version' });
  return client;
}

/** Lifts every fault once `ms` have passed: the throttle ends while the client is between retries. */
function clearFaultsAfter(t: TestContext, ms: number): void {
  const timer = setTimeout(() => sandbox.faults.clear(), ms);
  t.after(() => clearTimeout(timer));
}

describe('KubeClient under throttling (429 Too Many Requests + Retry-After)', () => {
  test('a throttled list is retried after Retry-After and succeeds once the throttle is lifted; every attempt is counted', async (t) => {
    const client = await warmClient();
    sandbox.faults.set({ throttle: [{ verb: 'list', resource: 'pods', rate: 1, retryAfterSeconds: 1 }] });
    clearFaultsAfter(t, 1500);
    const before = client.requestCount;
    const list = await client.request<{ kind: string; items: unknown[] }>({ path: PODS });
    assert.equal(list.kind, 'PodList');
    assert.ok(Array.isArray(list.items));
    assert.ok(throttled >= 1, 'the sandbox throttled at least the first attempt');
    assert.equal(client.requestCount - before, throttled + 1, 'one request per 429 plus the one that succeeded');
  });

  test('a throttled create (not a GET) is retried too: a 429 means the server did not process it', async (t) => {
    const client = await warmClient();
    sandbox.faults.set({ throttle: [{ verb: 'create', resource: 'configmaps', rate: 1, retryAfterSeconds: 1 }] });
    clearFaultsAfter(t, 500);
    const before = client.requestCount;
    const created = await client.request<{ metadata: { name: string } }>({ method: 'POST', path: CONFIGMAPS, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'throttled-create' }, data: { a: '1' } } });
    assert.equal(created.metadata.name, 'throttled-create');
    assert.ok(throttled >= 1);
    assert.equal(client.requestCount - before, throttled + 1);
    const got = await client.request<{ data: Record<string, string> }>({ path: `${CONFIGMAPS}/throttled-create` });
    assert.deepEqual(got.data, { a: '1' }, 'the body was sent again intact');
  });

  test('an always-throttled request fails after maxRetries with a message that says so', async () => {
    const client = await warmClient(2);
    sandbox.faults.set({ throttle: [{ verb: 'list', resource: 'pods', rate: 1, retryAfterSeconds: 0 }] });
    const before = client.requestCount;
    await assert.rejects(client.request({ path: PODS }), (err: Error & { statusCode?: number }) => {
      assert.equal(err.name, 'KubeApiError');
      assert.equal(err.statusCode, 429);
      assert.match(err.message, /TooManyRequests/);
      assert.match(err.message, /throttling/);
      assert.match(err.message, /retried 2 times/);
      return true;
    });
    assert.equal(client.requestCount - before, 3, 'the first attempt and 2 retries');
    assert.equal(throttled, 3);
  });

  test('maxRetries 0 turns retrying off', async () => {
    const client = await warmClient(0);
    sandbox.faults.set({ throttle: [{ verb: 'list', resource: 'pods', rate: 1, retryAfterSeconds: 0 }] });
    const before = client.requestCount;
    await assert.rejects(client.request({ path: PODS }), { name: 'KubeApiError', message: /retried 0 times/ });
    assert.equal(client.requestCount - before, 1);
  });

  test('aborting while the client waits out Retry-After stops it at once, with no further request', async () => {
    const client = await warmClient();
    // A long Retry-After (capped at 10 s): without the abort this test would wait through it.
    sandbox.faults.set({ throttle: [{ verb: 'list', resource: 'pods', rate: 1, retryAfterSeconds: 30 }] });
    const controller = new AbortController();
    // Abort a moment after the 429 was sent, when the client has read it and is waiting.
    onThrottle = () => setTimeout(() => controller.abort(), 300);
    const before = client.requestCount;
    await assert.rejects(client.request({ path: PODS, signal: controller.signal }), { name: 'AbortError' });
    assert.equal(client.requestCount - before, 1);
    assert.equal(throttled, 1);
  });

  test('a 500 without Retry-After is not retried', async () => {
    const client = await warmClient();
    sandbox.faults.set({ errors: [{ verb: 'list', resource: 'pods', rate: 1, message: 'etcd is sad' }] });
    const before = client.requestCount;
    await assert.rejects(client.request({ path: PODS }), (err: Error & { statusCode?: number }) => {
      assert.equal(err.name, 'KubeApiError');
      assert.equal(err.statusCode, 500);
      assert.match(err.message, /etcd is sad/);
      assert.doesNotMatch(err.message, /retried/);
      return true;
    });
    assert.equal(client.requestCount - before, 1);
  });

  test('a watch retries its initial request while throttled, then streams', async (t) => {
    const client = await warmClient();
    const list = await client.request<{ metadata: { resourceVersion: string } }>({ path: CONFIGMAPS });
    sandbox.faults.set({ throttle: [{ verb: 'watch', resource: 'configmaps', rate: 1, retryAfterSeconds: 1 }] });
    clearFaultsAfter(t, 500);
    const before = client.requestCount;
    const controller = new AbortController();
    const seen: string[] = [];
    const watching = (async () => {
      for await (const ev of client.stream<{ metadata: { name: string } }>({ path: CONFIGMAPS, query: { resourceVersion: list.metadata.resourceVersion }, signal: controller.signal })) {
        seen.push(`${ev.type}:${ev.object.metadata.name}`);
        if (ev.object.metadata.name === 'after-throttle') controller.abort();
      }
    })();
    // Created while the watch may still be throttled: the watch starts from the list's resourceVersion, so it still sees it.
    await client.request({ method: 'POST', path: CONFIGMAPS, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after-throttle' } } });
    await watching;
    assert.ok(seen.includes('ADDED:after-throttle'), seen.join(', '));
    assert.ok(throttled >= 1);
    assert.equal(client.requestCount - before, throttled + 1 + 1, 'watch attempts plus the create');
  });

  test('a watch that stays throttled fails after maxRetries with the same clear message', async () => {
    const client = await warmClient(1);
    sandbox.faults.set({ throttle: [{ verb: 'watch', resource: 'configmaps', rate: 1, retryAfterSeconds: 0 }] });
    const before = client.requestCount;
    await assert.rejects(
      (async () => {
        for await (const ev of client.stream({ path: CONFIGMAPS })) assert.fail(`no event expected, got ${ev.type}`);
      })(),
      { name: 'KubeApiError', message: /throttling.*retried 1 time\b/ },
    );
    assert.equal(client.requestCount - before, 2);
  });

  test('groundcrew connect says the server is throttling, not that it may not be a Kubernetes API server', async () => {
    const client = await warmClient(1);
    sandbox.faults.set({ throttle: [{ verb: 'create', resource: 'selfsubjectreviews', rate: 1, retryAfterSeconds: 0 }] });
    const d = await diagnoseConnection(client);
    assert.equal(d.ok, false);
    assert.match(d.message, /throttling/);
    assert.match(d.hint ?? '', /API Priority and Fairness/);
  });
});
