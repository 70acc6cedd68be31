import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hrefOf, parseHash } from '../../../renderer/app/hash-route.ts';

describe('hash routes', () => {
  test('route and parameters round-trip, including finding ids with slashes, wildcards and spaces', () => {
    const params = { id: 'dns.wildcard-unresolved/kube-system/coredns/*.tracetest.localdev', q: 'no ready endpoints' };
    assert.deepEqual(parseHash(hrefOf('findings', params)), { route: 'findings', params });
  });

  test('hand-written deep links with raw slashes parse; an empty hash opens the Overview', () => {
    assert.deepEqual(parseHash('#/findings?id=edge.target-port-mismatch/tracetest/tt-tracetest-cloud/http'), {
      route: 'findings',
      params: { id: 'edge.target-port-mismatch/tracetest/tt-tracetest-cloud/http' },
    });
    assert.deepEqual(parseHash(''), { route: 'overview', params: {} });
    assert.deepEqual(parseHash('#/topology'), { route: 'topology', params: {} });
    assert.equal(hrefOf('overview'), '#/overview');
  });
});
