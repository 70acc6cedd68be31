import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runControllers, type Reconciler } from '../../../electron/core/sandbox/controllers/manager.ts';
import { createStore } from '../../../electron/core/sandbox/store/index.ts';
import { StoreError } from '../../../electron/core/sandbox/store/types.ts';

const cm = { group: '', resource: 'configmaps' };
const ctx = { now: () => new Date(), appendLog: () => undefined, plants: { plants: [] }, resyncIntervalMs: 0 };

function counter(name: string, behaviour: (n: number) => void): Reconciler {
  let n = 0;
  return {
    name,
    source: { component: name },
    keysFor: (e) => (e.gr.resource === 'configmaps' ? [e.object.metadata.name] : []),
    allKeys: () => [],
    reconcile: () => behaviour(++n),
  };
}

describe('controller manager', () => {
  test('settle() resolves once the queue drains and rejects for a controller that never converges', async () => {
    const store = createStore();
    store.create({ group: '', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    // Writes on every reconcile, which wakes itself again: never converges.
    const restless: Reconciler = {
      ...counter('restless', () => undefined),
      reconcile(key, api) {
        const obj = api.get(cm, 'default', key)!;
        api.store.update(cm, { ...obj, data: { n: String(Number((obj.data as Record<string, string> | undefined)?.n ?? 0) + 1) } });
      },
    };
    const m = runControllers(store, ctx, [restless]);
    store.create(cm, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'spin', namespace: 'default' } });
    await assert.rejects(m.settle(200), /did not converge/);
    m.stop();
  });

  test('conflicts are retried; other errors go to onError', async () => {
    const store = createStore();
    store.create({ group: '', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    const errors: string[] = [];
    let attempts = 0;
    const flaky = counter('flaky', (n) => {
      attempts = n;
      if (n < 3) throw new StoreError('Conflict', 'the object has been modified');
    });
    const broken = counter('broken', () => {
      throw new Error('boom');
    });
    const m = runControllers(store, { ...ctx, onError: (c, k, e) => errors.push(`${c} ${k} ${(e as Error).message}`) }, [flaky, broken]);
    store.create(cm, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' } });
    await m.settle();
    assert.equal(attempts, 3);
    assert.deepEqual(errors, ['broken x boom']);
    m.stop();
  });
});
