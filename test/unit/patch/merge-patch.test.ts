import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../electron/core/cluster/view.ts';
import { StoreError } from '../../../electron/core/sandbox/store/types.ts';
import { applyMergePatch } from '../../../electron/core/sandbox/patch/merge-patch.ts';

function configMap(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { a: '1', b: '2' } },
    data: { Corefile: '.:53 {}', extra: 'x' },
  };
}

describe('merge patch (RFC 7386)', () => {
  test('null deletes, objects merge recursively, scalars replace', () => {
    const live = configMap();
    const before = structuredClone(live);
    const out = applyMergePatch(live, { metadata: { labels: { a: null, c: '3' } }, data: { extra: null, Corefile: 'new' } });
    assert.deepEqual(out.metadata.labels, { b: '2', c: '3' });
    assert.deepEqual(out.data, { Corefile: 'new' });
    assert.deepEqual(live, before, 'input untouched');
  });

  test('arrays replace wholesale rather than merging', () => {
    const live: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a' }, { name: 'b' }] } };
    const out = applyMergePatch(live, { spec: { containers: [{ name: 'c', image: 'x' }] } });
    assert.deepEqual(out.spec, { containers: [{ name: 'c', image: 'x' }] });
  });

  test('an object patch value replaces a scalar and creates missing parents', () => {
    const out = applyMergePatch(configMap(), { data: 'oops', spec: { a: { b: 1, c: null } } });
    assert.equal(out.data, 'oops');
    assert.deepEqual(out.spec, { a: { b: 1 } });
  });

  test('the RFC 7386 appendix example', () => {
    const live = { apiVersion: 'v1', kind: 'X', metadata: { name: 'x' }, title: 'Goodbye!', author: { givenName: 'John', familyName: 'Doe' }, tags: ['example', 'sample'], content: 'This will be unchanged' };
    const out = applyMergePatch(live, { title: 'Hello!', phoneNumber: '+01-123-456-7890', author: { familyName: null }, tags: ['example'] });
    assert.deepEqual(out, { apiVersion: 'v1', kind: 'X', metadata: { name: 'x' }, title: 'Hello!', author: { givenName: 'John' }, tags: ['example'], content: 'This will be unchanged', phoneNumber: '+01-123-456-7890' });
  });

  test('the patch is not aliased into the result', () => {
    const patch = { data: { list: ['a'] } };
    const out = applyMergePatch(configMap(), patch) as KubeObject & { data: { list: string[] } };
    out.data.list.push('b');
    assert.deepEqual(patch.data.list, ['a']);
  });

  test('a non-object patch is a BadRequest', () => {
    assert.throws(() => applyMergePatch(configMap(), [1]), (err: unknown) => err instanceof StoreError && err.reason === 'BadRequest' && /got array/.test(err.message));
  });
});
