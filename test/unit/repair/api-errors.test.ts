import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KubeApiError } from '../../../electron/core/cluster/kube-errors.ts';
import { apiFailureOf, describeFailure, isConflict } from '../../../electron/core/repair/api-errors.ts';
import { resourcePath, ResourceResolver } from '../../../electron/core/repair/resources.ts';
import { describePermission } from '../../../electron/core/repair/permissions.ts';

describe('apiFailureOf', () => {
  test("reads the cluster client's KubeApiError", () => {
    const err = new KubeApiError({ kind: 'Status', code: 409, reason: 'Conflict', message: 'the object has been modified' }, 'PATCH', '/api/v1/x');
    assert.deepEqual(apiFailureOf(err), { code: 409, reason: 'Conflict', message: 'the object has been modified' });
    assert.equal(isConflict(err), true);
  });

  test('reads client-node style errors with a JSON string body', () => {
    const body = JSON.stringify({ kind: 'Status', code: 403, reason: 'Forbidden', message: 'configmaps is forbidden' });
    assert.deepEqual(apiFailureOf({ code: 403, body }), { code: 403, reason: 'Forbidden', message: 'configmaps is forbidden' });
  });

  test('a transport error is not an API failure; its message is still described', () => {
    assert.equal(apiFailureOf(new Error('ECONNREFUSED')), undefined);
    assert.equal(describeFailure(new Error('ECONNREFUSED')), 'ECONNREFUSED');
  });
});

describe('resources', () => {
  test('paths for namespaced, cluster-scoped and status subresources', () => {
    assert.equal(resourcePath({ group: '', version: 'v1', resource: 'configmaps', namespaced: true }, 'kube-system', 'coredns'), '/api/v1/namespaces/kube-system/configmaps/coredns');
    assert.equal(resourcePath({ group: 'cert-manager.io', version: 'v1', resource: 'clusterissuers', namespaced: false }, undefined, 'x'), '/apis/cert-manager.io/v1/clusterissuers/x');
    assert.equal(resourcePath({ group: 'cert-manager.io', version: 'v1', resource: 'certificates', namespaced: true }, 'a', 'c', 'status'), '/apis/cert-manager.io/v1/namespaces/a/certificates/c/status');
    assert.throws(() => resourcePath({ group: '', version: 'v1', resource: 'configmaps', namespaced: true }, undefined, 'x'), /namespace is required/);
  });

  test('unknown kinds are found through discovery, once', async () => {
    const asked: string[] = [];
    const client = {
      async request<T>(req: { path: string }): Promise<T> {
        asked.push(req.path);
        return { resources: [{ name: 'environments', kind: 'Environment', namespaced: false }, { name: 'environments/status', kind: 'Environment', namespaced: false }] } as T;
      },
    };
    const r = new ResourceResolver(client);
    assert.equal(await r.path({ apiVersion: 'tronador.stakater.com/v1alpha2', kind: 'Environment', name: 'pr-1' }), '/apis/tronador.stakater.com/v1alpha2/environments/pr-1');
    await r.resolve('tronador.stakater.com/v1alpha2', 'Environment');
    assert.deepEqual(asked, ['/apis/tronador.stakater.com/v1alpha2']);
    await assert.rejects(r.resolve('tronador.stakater.com/v1alpha2', 'Nope'), /does not serve Nope/);
  });

  test('permissions read as a sentence', () => {
    assert.equal(describePermission({ verb: 'update', group: 'cert-manager.io', resource: 'certificates', subresource: 'status', namespace: 'tracetest' }), 'update certificates/status.cert-manager.io in namespace tracetest');
    assert.equal(describePermission({ verb: 'create', group: 'cert-manager.io', resource: 'clusterissuers' }), 'create clusterissuers.cert-manager.io (cluster-wide)');
  });
});
