import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describePath, FieldSet, fieldElement, keyElement, valueElement } from '../../../electron/core/sandbox/patch/fieldset.ts';

test('fieldsV1 encodes k:{"name":"x"} items with "." when they also have fields, and round-trips', () => {
  const container = ['f:spec', 'f:containers', keyElement({ name: 'x' })];
  const set = new FieldSet([container, [...container, 'f:image'], [...container, 'f:name'], ['f:spec', 'f:replicas']]);
  const encoded = set.toFieldsV1();
  assert.deepEqual(encoded, { 'f:spec': { 'f:containers': { 'k:{"name":"x"}': { '.': {}, 'f:image': {}, 'f:name': {} } }, 'f:replicas': {} } });
  assert.ok(FieldSet.fromFieldsV1(encoded).equals(set));
  assert.equal(JSON.stringify(FieldSet.fromFieldsV1(JSON.parse(JSON.stringify(encoded))).toFieldsV1()), JSON.stringify(encoded));
});

test('key elements sort their fields; paths print as Kubernetes prints them', () => {
  assert.equal(keyElement({ protocol: 'TCP', containerPort: 80 }), 'k:{"containerPort":80,"protocol":"TCP"}');
  assert.equal(describePath(['f:spec', 'f:ports', keyElement({ protocol: 'TCP', port: 80 }), fieldElement('name')]), '.spec.ports[port=80,protocol="TCP"].name');
  assert.equal(describePath(['f:metadata', 'f:finalizers', valueElement('a.io/x')]), '.metadata.finalizers[="a.io/x"]');
});

test('set algebra and at-or-under queries', () => {
  const a = new FieldSet([['f:a'], ['f:b', 'f:c']]);
  const b = new FieldSet([['f:b', 'f:c'], ['f:d']]);
  assert.deepEqual(a.union(b).paths(), [['f:a'], ['f:b', 'f:c'], ['f:d']]);
  assert.deepEqual(a.difference(b).paths(), [['f:a']]);
  assert.deepEqual(a.intersection(b).paths(), [['f:b', 'f:c']]);
  assert.equal(a.hasAtOrUnder(['f:b']), true);
  assert.equal(a.hasAtOrUnder(['f:b', 'f:x']), false);
});

test('malformed fieldsV1 is rejected with the element named', () => {
  assert.throws(() => FieldSet.fromFieldsV1({ 'f:spec': { 'x:bad': {} } }), /"x:bad" at \.spec/);
  assert.throws(() => FieldSet.fromFieldsV1({ 'k:{nope': {} }), /does not hold JSON/);
});
