import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeRequest, KubeWriter } from '../../../electron/core/repair/kube-writer.ts';
import { ResourceResolver } from '../../../electron/core/repair/resources.ts';
import { sendChange } from '../../../electron/core/repair/writes.ts';
import { createChange, deleteChange, patchChange, statusChange } from '../../../electron/core/repair/changes.ts';
import { certificate, configMap, job } from '../../support/objects.ts';

/** Records what would go over the wire and answers with the body. */
function recorder(): KubeWriter & { sent: KubeRequest[] } {
  const sent: KubeRequest[] = [];
  return {
    sent,
    async request<T>(req: KubeRequest): Promise<T> {
      sent.push(req);
      return (req.body ?? {}) as T;
    },
  };
}

const withRv = <T extends { metadata: { resourceVersion?: string } }>(o: T, rv: string) => ((o.metadata.resourceVersion = rv), o);

describe('what each change sends', () => {
  test('a merge patch carries the plan-time resourceVersion and field manager groundcrew', async () => {
    const w = recorder();
    const cm = withRv(configMap('coredns', 'kube-system', { Corefile: 'a' }), '41');
    await sendChange(w, new ResourceResolver(w), patchChange(cm, (d) => void ((d.data as Record<string, string>).Corefile = 'b'), 's'));
    assert.deepEqual(w.sent[0], {
      method: 'PATCH',
      path: '/api/v1/namespaces/kube-system/configmaps/coredns',
      query: { fieldManager: 'groundcrew' },
      body: { data: { Corefile: 'b' }, metadata: { resourceVersion: '41' } },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
  });

  test('a dry run adds dryRun=All and nothing else', async () => {
    const w = recorder();
    const cm = withRv(configMap('x', 'default', { a: '1' }), '7');
    await sendChange(w, new ResourceResolver(w), patchChange(cm, (d) => void ((d.data as Record<string, string>).a = '2'), 's'), { dryRun: true });
    assert.deepEqual(w.sent[0]!.query, { fieldManager: 'groundcrew', dryRun: 'All' });
  });

  test('a status change PUTs the whole object to /status with its resourceVersion', async () => {
    const w = recorder();
    const cert = withRv(certificate('c', 'apps'), '12');
    await sendChange(w, new ResourceResolver(w), statusChange(cert, (d) => void ((d.status as Record<string, unknown>).x = 1), 's'));
    assert.equal(w.sent[0]!.method, 'PUT');
    assert.equal(w.sent[0]!.path, '/apis/cert-manager.io/v1/namespaces/apps/certificates/c/status');
    assert.equal((w.sent[0]!.body as { metadata: { resourceVersion: string } }).metadata.resourceVersion, '12');
  });

  test('a delete sends uid and resourceVersion preconditions and background propagation; a create POSTs to the collection', async () => {
    const w = recorder();
    const j = withRv(job('j', 'apps'), '99');
    const r = new ResourceResolver(w);
    await sendChange(w, r, deleteChange(j, 's'));
    await sendChange(w, r, createChange(j, 's'));
    assert.deepEqual(w.sent[0]!.body, { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background', preconditions: { uid: 'uid-apps-j', resourceVersion: '99' } });
    assert.equal(w.sent[1]!.method, 'POST');
    assert.equal(w.sent[1]!.path, '/apis/batch/v1/namespaces/apps/jobs');
    assert.equal((w.sent[1]!.body as { metadata: { resourceVersion?: string; uid?: string } }).metadata.resourceVersion, undefined);
  });
});
