import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../electron/core/cluster/view.ts';
import { StoreError } from '../../../electron/core/sandbox/store/types.ts';
import { applyJsonPatch } from '../../../electron/core/sandbox/patch/json-patch.ts';

function deployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'demo', labels: { app: 'web' } },
    spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } },
  };
}

function rejects(fn: () => unknown, reason: string, message: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof StoreError, `expected StoreError, got ${String(err)}`);
    assert.equal(err.reason, reason);
    assert.match(err.message, message);
    return true;
  });
}

describe('json patch (RFC 6902)', () => {
  test('applies add, replace, remove, copy and move in order without touching the input', () => {
    const live = deployment();
    const before = structuredClone(live);
    const out = applyJsonPatch(live, [
      { op: 'replace', path: '/spec/replicas', value: 5 },
      { op: 'add', path: '/metadata/labels/tier', value: 'front' },
      { op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'sidecar', image: 'busybox' } },
      { op: 'copy', from: '/metadata/labels/app', path: '/metadata/labels/copied' },
      { op: 'move', from: '/metadata/labels/tier', path: '/metadata/labels/layer' },
      { op: 'remove', path: '/metadata/labels/app' },
    ]);
    assert.deepEqual(live, before);
    assert.equal((out.spec as { replicas: number }).replicas, 5);
    assert.deepEqual(out.metadata.labels, { copied: 'web', layer: 'front' });
    const containers = (out.spec as { template: { spec: { containers: Array<{ name: string }> } } }).template.spec.containers;
    assert.deepEqual(containers.map((c) => c.name), ['web', 'sidecar']);
  });

  test('a passing test op lets the patch through', () => {
    const out = applyJsonPatch(deployment(), [
      { op: 'test', path: '/spec/replicas', value: 2 },
      { op: 'replace', path: '/spec/replicas', value: 3 },
    ]);
    assert.equal((out.spec as { replicas: number }).replicas, 3);
  });

  test('a failing test op is Invalid and names the op index and path', () => {
    rejects(
      () => applyJsonPatch(deployment(), [
        { op: 'replace', path: '/metadata/labels/app', value: 'x' },
        { op: 'test', path: '/spec/replicas', value: 7 },
      ]),
      'Invalid',
      /^json patch operation 1 \(test \/spec\/replicas\): testing value \/spec\/replicas failed: test failed$/,
    );
  });

  test('move from a missing path is Invalid and names the from path', () => {
    rejects(
      () => applyJsonPatch(deployment(), [{ op: 'move', from: '/spec/paused', path: '/spec/stopped' }]),
      'Invalid',
      /operation 0 \(move \/spec\/stopped\): move operation does not apply: doc is missing from path: \/spec\/paused/,
    );
  });

  test('copy from a missing path is Invalid', () => {
    rejects(
      () => applyJsonPatch(deployment(), [{ op: 'copy', from: '/metadata/annotations/x', path: '/metadata/labels/x' }]),
      'Invalid',
      /copy operation does not apply: doc is missing from path: \/metadata\/annotations\/x/,
    );
  });

  test('remove of a missing key is Invalid with the key named', () => {
    rejects(
      () => applyJsonPatch(deployment(), [{ op: 'remove', path: '/metadata/labels/nope' }]),
      'Invalid',
      /error in remove for path: '\/metadata\/labels\/nope': Unable to remove nonexistent key: nope: missing value$/,
    );
  });

  test('replace of a missing key adds it, as the API server\'s json-patch library does', () => {
    const out = applyJsonPatch(deployment(), [{ op: 'replace', path: '/spec/paused', value: true }]);
    assert.equal((out.spec as { paused: boolean }).paused, true);
  });

  test('replace under a missing parent, or past the end of a list, is Invalid', () => {
    rejects(() => applyJsonPatch(deployment(), [{ op: 'replace', path: '/spec/strategy/type', value: 'Recreate' }]), 'Invalid', /operation 0 \(replace \/spec\/strategy\/type\)/);
    rejects(
      () => applyJsonPatch(deployment(), [{ op: 'replace', path: '/spec/template/spec/containers/3', value: {} }]),
      'Invalid',
      /operation 0 \(replace \/spec\/template\/spec\/containers\/3\)/,
    );
  });

  test('an index past the end is Invalid with the library\'s wording', () => {
    rejects(
      () => applyJsonPatch(deployment(), [{ op: 'add', path: '/spec/template/spec/containers/5', value: {} }]),
      'Invalid',
      /error in add for path: '\/spec\/template\/spec\/containers\/5': Unable to access invalid index: 5: invalid index referenced$/,
    );
  });

  test('add under a missing parent is Invalid', () => {
    rejects(
      () => applyJsonPatch(deployment(), [{ op: 'add', path: '/spec/strategy/type', value: 'Recreate' }]),
      'Invalid',
      /operation 0 \(add \/spec\/strategy\/type\): add operation does not apply: doc is missing path: "\/spec\/strategy\/type": missing value$/,
    );
  });

  test('an unknown op is a BadRequest naming it', () => {
    rejects(() => applyJsonPatch(deployment(), [{ op: 'frobnicate', path: '/spec' }]), 'BadRequest', /operation 0 \(frobnicate \/spec\): Unexpected kind: frobnicate/);
  });

  test('a missing value is a BadRequest', () => {
    rejects(() => applyJsonPatch(deployment(), [{ op: 'add', path: '/spec/paused' }]), 'BadRequest', /operation 0 \(add \/spec\/paused\)/);
  });

  test('a path without a leading slash is a BadRequest', () => {
    rejects(() => applyJsonPatch(deployment(), [{ op: 'remove', path: 'spec/replicas' }]), 'BadRequest', /operation 0 \(remove spec\/replicas\)/);
  });

  test('a patch that is not an array is a BadRequest', () => {
    rejects(() => applyJsonPatch(deployment(), { op: 'remove', path: '/spec' }), 'BadRequest', /must be a JSON array of operations, got object/);
  });

  test('replacing the whole document with a scalar is Invalid', () => {
    rejects(() => applyJsonPatch(deployment(), [{ op: 'replace', path: '', value: 3 }]), 'Invalid', /result is not an object/);
  });
});
