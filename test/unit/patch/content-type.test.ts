import { test } from 'node:test';
import assert from 'node:assert/strict';
import { patchTypeFromContentType } from '../../../electron/core/sandbox/patch/content-type.ts';

test('patch types from content types, ignoring parameters and case', () => {
  assert.equal(patchTypeFromContentType('application/json-patch+json'), 'json');
  assert.equal(patchTypeFromContentType('application/merge-patch+json; charset=utf-8'), 'merge');
  assert.equal(patchTypeFromContentType('Application/Strategic-Merge-Patch+JSON'), 'strategic');
  assert.equal(patchTypeFromContentType('application/apply-patch+yaml;charset=utf-8'), 'apply');
  assert.equal(patchTypeFromContentType('application/json'), undefined);
  assert.equal(patchTypeFromContentType(''), undefined);
});
