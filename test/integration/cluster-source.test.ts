import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveClusterSource } from '../../electron/core/cluster/source/live-source.ts';
import { kubeListWatch } from '../../electron/core/cluster/source/kube-list-watch.ts';
import type { KubeObject } from '../../electron/core/cluster/view.ts';
import { core } from '../../electron/core/sandbox/store/types.ts';
import { sandboxClient, testSandbox } from '../support/sandbox.ts';

const configMap = (namespace: string, name: string, value: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
  data: { value },
});

async function until(condition: () => boolean, what: string, timeoutMs = 20_000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const fingerprint = (objects: readonly KubeObject[]) =>
  objects.map((o) => `${o.metadata.namespace}/${o.metadata.name}@${o.metadata.resourceVersion}`).sort();

describe('live cluster source over the sandbox', async () => {
  test('a cold view of N kinds costs N lists and N watches (plus discovery), a warm view costs nothing', async () => {
    const sandbox = await testSandbox({ controllers: false });
    const client = sandboxClient(sandbox);
    const source = new LiveClusterSource(kubeListWatch(client), { name: 'sandbox', lingerMs: 60_000 });
    const kinds = ['Namespace', 'ConfigMap', 'Pod', 'apps/Deployment', 'Service'];
    const lease = await source.acquire(kinds);
    const stats = source.stats();
    assert.equal(stats.lists, kinds.length);
    assert.equal(stats.listPages, kinds.length);
    // Watches open right after each list; wait until all have been sent.
    await until(() => source.stats().watches === kinds.length && client.requestCount === stats.discovery + 2 * kinds.length, 'watches');
    assert.equal(client.requestCount, stats.discovery + 2 * kinds.length);
    const view = lease.view();
    assert.ok(view.list('Namespace').some((n) => n.metadata.name === 'kube-system'));
    const before = client.requestCount;
    for (let i = 0; i < 20; i++) lease.view();
    assert.equal(client.requestCount, before, 'warm views make no requests');
    lease.release();
    source.close();
  });

  test('pagination: a list larger than the page size is fetched in pages', async () => {
    const sandbox = await testSandbox({ controllers: false });
    for (let i = 0; i < 25; i++) sandbox.store.create(core('configmaps'), configMap('default', `cm-${i}`, String(i)));
    const source = new LiveClusterSource(kubeListWatch(sandboxClient(sandbox)), { name: 'sandbox', pageSize: 10 });
    const view = await source.view(['ConfigMap']);
    assert.equal(view.list('ConfigMap', 'default').filter((c) => c.metadata.name.startsWith('cm-')).length, 25);
    assert.ok(source.stats().listPages >= 3, `pages: ${source.stats().listPages}`);
    source.close();
  });

  test('a kind the identity may not list is marked forbidden, the rest of the view still works', async () => {
    const sandbox = await testSandbox({ controllers: false });
    sandbox.faults.addDenyRule({ verbs: ['list', 'watch'], group: '', resource: 'secrets' });
    const source = new LiveClusterSource(kubeListWatch(sandboxClient(sandbox)), { name: 'sandbox' });
    const view = await source.view(['Secret', 'Namespace', 'cert-manager.io/Certificate']);
    assert.equal(view.kindState('Secret').state, 'forbidden');
    assert.equal(view.kindState('Namespace').state, 'listed');
    assert.equal(view.kindState('cert-manager.io/Certificate').state, 'not-served');
    assert.ok(view.list('Namespace').length > 0);
    source.close();
  });

  test('through dropped watches, 410 Gone and 500s the cache converges to a fresh full list', async () => {
    const sandbox = await testSandbox({ controllers: false, eventLogSize: 30 });
    const source = new LiveClusterSource(kubeListWatch(sandboxClient(sandbox)), { name: 'sandbox', backoffMs: 20, maxBackoffMs: 200 });
    const lease = await source.acquire(['ConfigMap']);
    sandbox.faults.set({
      dropWatchesAfterMs: 40,
      errors: [{ verb: 'list', resource: 'configmaps', rate: 0.4 }, { verb: 'watch', resource: 'configmaps', rate: 0.3 }],
    });
    // Churn: creates, updates, deletes, in bursts longer than the event log, so resumes hit 410.
    for (let round = 0; round < 12; round++) {
      for (let i = 0; i < 10; i++) {
        const name = `churn-${i}`;
        const existing = sandbox.store.get(core('configmaps'), 'default', name);
        if (!existing) sandbox.store.create(core('configmaps'), configMap('default', name, `${round}`));
        else if ((round + i) % 3 === 0) sandbox.store.delete(core('configmaps'), 'default', name);
        else sandbox.store.update(core('configmaps'), { ...existing, data: { value: `${round}` } } as KubeObject);
      }
      sandbox.faults.dropWatches();
      await new Promise((r) => setTimeout(r, 30));
    }
    // Then a certain 410: every watch fails while more changes than the event log keeps happen,
    // so the resume from the old resourceVersion is Gone and only a relist can catch up.
    sandbox.faults.set({ errors: [{ verb: 'watch', resource: 'configmaps', rate: 1 }] });
    sandbox.faults.dropWatches();
    for (let i = 0; i < 40; i++) sandbox.store.create(core('configmaps'), configMap('default', `burst-${i}`, 'x'));
    await new Promise((r) => setTimeout(r, 100));
    sandbox.faults.clear();
    const truth = () => fingerprint(sandbox.store.list(core('configmaps')));
    await until(() => JSON.stringify(fingerprint(lease.view().list('ConfigMap'))) === JSON.stringify(truth()), 'convergence');
    assert.deepEqual(fingerprint(lease.view().list('ConfigMap')), truth());
    assert.ok(source.stats().relists > 0, `the 410 must have forced a relist: ${JSON.stringify(source.stats())}`);
    lease.release();
    source.close();
  });
});
