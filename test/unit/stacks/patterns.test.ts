import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillPattern, matchPattern, placeholdersOf } from '../../../electron/core/stacks/patterns.ts';

test('a placeholder binds the release prefix', () => {
  assert.deepEqual(matchPattern('{release}-tracetest-cloud', 'tt-tracetest-cloud'), { release: 'tt' });
  assert.deepEqual(matchPattern('{release}-tracetest-cloud', 'my-rel-tracetest-cloud'), { release: 'my-rel' });
});

test('a suffix that differs does not match', () => {
  assert.equal(matchPattern('{release}-tracetest-cloud', 'tt-tracetest-core-api'), undefined);
  assert.equal(matchPattern('{release}-kratos', 'tt-kratos-public'), undefined);
});

test('known bindings constrain the match', () => {
  assert.equal(matchPattern('{release}-nats', 'other-nats', { release: 'tt' }), undefined);
  assert.deepEqual(matchPattern('{release}-nats', 'tt-nats', { release: 'tt', deps: 'ttdeps' }), { release: 'tt', deps: 'ttdeps' });
});

test('literal patterns match only themselves, dots are not wildcards', () => {
  assert.deepEqual(matchPattern('nats-initial-config', 'nats-initial-config'), {});
  assert.equal(matchPattern('a.b', 'axb'), undefined);
});

test('fill returns undefined when a placeholder is unbound', () => {
  assert.equal(fillPattern('{deps}-traefik', { deps: 'ttdeps' }), 'ttdeps-traefik');
  assert.equal(fillPattern('{deps}-traefik', { release: 'tt' }), undefined);
  assert.deepEqual(placeholdersOf('{a}-{b}-{a}'), ['a', 'b']);
});
