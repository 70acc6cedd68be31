import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderDiff, forDisplay } from '../../../electron/core/repair/diff.ts';
import { configMap, secret } from '../../support/objects.ts';

const ref = { kind: 'ConfigMap', namespace: 'kube-system', name: 'coredns' };

describe('renderDiff', () => {
  test('shows a multi-line Corefile edit as line changes, without server-set metadata', () => {
    const before = configMap('coredns', 'kube-system', { Corefile: '.:53 {\n    errors\n    kubernetes cluster.local\n}\n' });
    before.metadata.resourceVersion = '41';
    (before.metadata as Record<string, unknown>).managedFields = [{ manager: 'kubectl' }];
    const after = structuredClone(before);
    (after as unknown as { data: Record<string, string> }).data.Corefile = '.:53 {\n    errors\n    rewrite name exact a.example b.svc # groundcrew:x\n    kubernetes cluster.local\n}\n';
    after.metadata.resourceVersion = '57';
    const diff = renderDiff(ref, before, after);
    assert.match(diff, /^--- a\/ConfigMap kube-system\/coredns/m);
    assert.match(diff, /^\+ {8}rewrite name exact a\.example b\.svc # groundcrew:x$/m);
    assert.equal((diff.match(/^[+-] /gm) ?? []).length, 1, 'exactly one changed line');
    assert.doesNotMatch(diff, /resourceVersion|managedFields|creationTimestamp|uid:/);
  });

  test('a created object diffs from /dev/null, a deleted one to /dev/null', () => {
    const cm = configMap('x', 'default', { a: '1' });
    assert.match(renderDiff({ kind: 'ConfigMap', namespace: 'default', name: 'x' }, undefined, cm), /^--- \/dev\/null\n\+\+\+ b\/ConfigMap default\/x/m);
    assert.match(renderDiff({ kind: 'ConfigMap', namespace: 'default', name: 'x' }, cm, undefined), /^\+\+\+ \/dev\/null/m);
  });

  test('never shows Secret values, but a changed value still shows as a changed line', () => {
    const a = secret('pull', 'default', { token: 'hunter2' });
    const b = secret('pull', 'default', { token: 'correct-horse' });
    const diff = renderDiff({ kind: 'Secret', namespace: 'default', name: 'pull' }, a, b);
    assert.doesNotMatch(diff, /hunter2|correct-horse|aHVudGVyMg/);
    assert.match(diff, /^- .*token: "<redacted: 7 bytes/m);
    assert.match(diff, /^\+ .*token: "<redacted: 13 bytes/m);
    assert.equal(forDisplay(undefined), undefined);
  });
});
