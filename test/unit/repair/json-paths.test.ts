import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createMergePatch, patchLeaves, reverseMergePatch } from '../../../electron/core/repair/json-paths.ts';

describe('merge-patch arithmetic for undo', () => {
  test('forward patch: changed leaves, removed keys as null, arrays whole', () => {
    const before = { spec: { selector: { app: 'a', tier: 'x' }, ports: [{ port: 80, targetPort: 81 }] } };
    const after = { spec: { selector: { app: 'b' }, ports: [{ port: 80, targetPort: 80 }] } };
    const p = createMergePatch(before, after);
    assert.deepEqual(p, { spec: { selector: { app: 'b', tier: null }, ports: [{ port: 80, targetPort: 80 }] } });
    assert.deepEqual(patchLeaves(p), [['spec', 'selector', 'app'], ['spec', 'selector', 'tier'], ['spec', 'ports']]);
  });

  test('reverse patch restores touched fields only, leaving fields others changed since', () => {
    const before = { metadata: { labels: { a: '1' } }, data: { Corefile: 'old' } };
    const forward = { data: { Corefile: 'new' } };
    const live = { metadata: { labels: { a: '1', b: 'someone' } }, data: { Corefile: 'new', extra: 'someone' } };
    assert.deepEqual(reverseMergePatch(forward, before, live), { data: { Corefile: 'old' } });
  });

  test('an object the fix added is removed whole when it holds only what the fix put there', () => {
    const before = { spec: { template: { spec: {} } } };
    const forward = { spec: { template: { metadata: { annotations: { restartedAt: 't' } } } } };
    const live = { spec: { template: { metadata: { annotations: { restartedAt: 't' } }, spec: {} } } };
    assert.deepEqual(reverseMergePatch(forward, before, live), { spec: { template: { metadata: null } } });
    // If someone added a label next to it since, only our key goes.
    const shared = { spec: { template: { metadata: { annotations: { restartedAt: 't' }, labels: { x: 'y' } }, spec: {} } } };
    assert.deepEqual(reverseMergePatch(forward, before, shared), { spec: { template: { metadata: { annotations: null } } } });
  });
});
