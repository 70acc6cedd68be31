import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../electron/core/sandbox/index.ts';
import { api, deploymentManifest, openSandbox, podManifest, stream } from '../support/sandbox-harness.ts';

let sb: Sandbox;
before(async () => {
  sb = await openSandbox({ bookmarkIntervalMs: 200, eventLogSize: 50 });
});
after(async () => {
  await sb.close();
});

const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

function assertStatus(res: { status: number; json: Record<string, unknown> }, code: number, reason: string) {
  assert.equal(res.status, code, JSON.stringify(res.json));
  assert.equal(res.json.kind, 'Status');
  assert.equal(res.json.apiVersion, 'v1');
  assert.equal(res.json.status, 'Failure');
  assert.equal(res.json.reason, reason);
  assert.equal(res.json.code, code);
  assert.equal(typeof res.json.message, 'string');
}

describe('sandbox server: discovery and auth', () => {
  test('discovery documents list core, built-in groups and subresources', async () => {
    const version = await api(sb, 'GET', '/version', { as: 'anonymous' });
    assert.equal(version.json.major, '1');
    assert.equal(version.json.minor, '32');
    const core = await api(sb, 'GET', '/api/v1');
    const pods = core.json.resources.find((r: { name: string }) => r.name === 'pods');
    assert.deepEqual(pods.shortNames, ['po']);
    assert.ok(core.json.resources.some((r: { name: string }) => r.name === 'pods/log'));
    const groups = await api(sb, 'GET', '/apis');
    const names = groups.json.groups.map((g: { name: string }) => g.name);
    for (const g of ['apps', 'batch', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'apiextensions.k8s.io', 'coordination.k8s.io']) assert.ok(names.includes(g), g);
    const apps = await api(sb, 'GET', '/apis/apps/v1');
    const scale = apps.json.resources.find((r: { name: string }) => r.name === 'deployments/scale');
    assert.equal(scale.kind, 'Scale');
    assert.equal(scale.group, 'autoscaling');
  });

  test('aggregated discovery v2 when asked for it, as kubectl 1.32 does', async () => {
    const accept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
    const apis = await api(sb, 'GET', '/apis', { headers: { Accept: accept } });
    assert.equal(apis.headers['content-type'], 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    assert.equal(apis.json.kind, 'APIGroupDiscoveryList');
    const apps = apis.json.items.find((g: { metadata: { name: string } }) => g.metadata.name === 'apps');
    const deployments = apps.versions[0].resources.find((r: { resource: string }) => r.resource === 'deployments');
    assert.equal(deployments.scope, 'Namespaced');
    assert.deepEqual(deployments.responseKind, { group: 'apps', version: 'v1', kind: 'Deployment' });
    assert.ok(deployments.subresources.some((r: { subresource: string }) => r.subresource === 'scale'));
    const core = await api(sb, 'GET', '/api', { headers: { Accept: accept } });
    assert.equal(core.json.items[0].metadata.name, '');
    assert.ok(core.json.items[0].versions[0].resources.some((r: { resource: string }) => r.resource === 'pods'));
    const legacy = await api(sb, 'GET', '/api');
    assert.equal(legacy.json.kind, 'APIVersions');
  });

  test('401 without credentials or with a wrong token; client certificates authenticate', async () => {
    assertStatus(await api(sb, 'GET', '/api/v1/namespaces', { as: 'anonymous' }), 401, 'Unauthorized');
    assertStatus(await api(sb, 'GET', '/api/v1/namespaces', { token: 'wrong' }), 401, 'Unauthorized');
    const review = await api(sb, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { as: 'cert', body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
    assert.equal(review.status, 201);
    assert.equal(review.json.status.userInfo.username, 'sandbox-cert-admin');
    assert.ok(review.json.status.userInfo.groups.includes('system:masters'));
  });
});

describe('sandbox server: CRUD and errors', () => {
  test('POST, GET, PUT with a stale resourceVersion, DELETE', async () => {
    const created = await api(sb, 'POST', '/apis/apps/v1/namespaces/default/deployments', { body: deploymentManifest('crud', 'default') });
    assert.equal(created.status, 201);
    assert.equal(created.json.metadata.generation, 1);
    const got = await api(sb, 'GET', '/apis/apps/v1/namespaces/default/deployments/crud');
    assert.equal(got.json.metadata.uid, created.json.metadata.uid);
    const updated = await api(sb, 'PUT', '/apis/apps/v1/namespaces/default/deployments/crud', { body: { ...got.json, spec: { ...got.json.spec, replicas: 4 } } });
    assert.equal(updated.status, 200);
    assert.equal(updated.json.metadata.generation, 2);
    const stale = await api(sb, 'PUT', '/apis/apps/v1/namespaces/default/deployments/crud', { body: { ...got.json, spec: { ...got.json.spec, replicas: 6 } } });
    assertStatus(stale, 409, 'Conflict');
    assert.equal(stale.json.message, 'Operation cannot be fulfilled on deployments.apps "crud": the object has been modified; please apply your changes to the latest version and try again');
    assert.deepEqual(stale.json.details, { name: 'crud', group: 'apps', kind: 'deployments' });
    const deleted = await api(sb, 'DELETE', '/apis/apps/v1/namespaces/default/deployments/crud');
    assert.equal(deleted.status, 200);
    assertStatus(await api(sb, 'GET', '/apis/apps/v1/namespaces/default/deployments/crud'), 404, 'NotFound');
  });

  test('Status bodies for 404, 405, 409, 415, 422 and 400', async () => {
    const missing = await api(sb, 'GET', '/api/v1/namespaces/default/pods/nope');
    assertStatus(missing, 404, 'NotFound');
    assert.equal(missing.json.message, 'pods "nope" not found');
    assertStatus(await api(sb, 'GET', '/apis/nothing.example/v1/things'), 404, 'NotFound');
    assertStatus(await api(sb, 'POST', '/api/v1/namespaces/default/pods/named', { body: podManifest('named', 'default') }), 405, 'MethodNotAllowed');
    await api(sb, 'POST', '/api/v1/namespaces/default/configmaps', { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dup' } } });
    assertStatus(await api(sb, 'POST', '/api/v1/namespaces/default/configmaps', { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dup' } } }), 409, 'AlreadyExists');
    assertStatus(await api(sb, 'POST', '/api/v1/namespaces/default/configmaps', { body: 'k8s\u0000', headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' } }), 415, 'UnsupportedMediaType');
    const invalid = await api(sb, 'POST', '/api/v1/namespaces/default/configmaps', { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'UPPER' } } });
    assertStatus(invalid, 422, 'Invalid');
    assert.equal(invalid.json.details.causes[0].field, 'metadata.name');
    const wrongType = await api(sb, 'POST', '/apis/apps/v1/namespaces/default/deployments', { body: { ...deploymentManifest('typed', 'default'), spec: { replicas: 'two' } } });
    assertStatus(wrongType, 400, 'BadRequest');
    const wrongVersion = await api(sb, 'POST', '/apis/apps/v1/namespaces/default/deployments', { body: { ...deploymentManifest('typed', 'default'), apiVersion: 'apps/v1beta1' } });
    assertStatus(wrongVersion, 400, 'BadRequest');
    assertStatus(await api(sb, 'GET', '/apis/apps/v1/namespaces/default/deployments/typed'), 404, 'NotFound');
  });

  test('fieldValidation: Warn (default) drops unknown fields with a Warning header; Strict refuses them', async () => {
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fv' }, data: { a: '1' }, datta: { b: '2' } };
    const warned = await api(sb, 'POST', '/api/v1/namespaces/default/configmaps', { body });
    assert.equal(warned.status, 201);
    assert.equal(warned.headers.warning, '299 - "unknown field \\"datta\\""');
    assert.equal(warned.json.datta, undefined);
    const strict = await api(sb, 'POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Strict', { body: { ...body, metadata: { name: 'fv2' } } });
    assertStatus(strict, 400, 'BadRequest');
    assert.equal(strict.json.message, 'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "datta"');
    const wrong = await api(sb, 'POST', '/api/v1/namespaces/default/services', { body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: { ports: [{ port: '80' }] } } });
    assertStatus(wrong, 400, 'BadRequest');
    assert.equal(wrong.json.message, 'Service in version "v1" cannot be handled as a Service: json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32');
  });

  test('dryRun=All on create, update, patch and delete stores nothing', async () => {
    const rv = sb.store.currentResourceVersion();
    const created = await api(sb, 'POST', '/api/v1/namespaces/default/configmaps?dryRun=All', { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry' }, data: { a: '1' } } });
    assert.equal(created.status, 201);
    assert.equal(created.json.data.a, '1');
    assertStatus(await api(sb, 'GET', '/api/v1/namespaces/default/configmaps/dry'), 404, 'NotFound');
    await api(sb, 'POST', '/api/v1/namespaces/default/configmaps', { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'wet' }, data: { a: '1' } } });
    const rv2 = sb.store.currentResourceVersion();
    assert.equal(rv2, rv + 1);
    const patched = await api(sb, 'PATCH', '/api/v1/namespaces/default/configmaps/wet?dryRun=All', { body: { data: { a: '2' } }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    assert.equal(patched.json.data.a, '2');
    await api(sb, 'DELETE', '/api/v1/namespaces/default/configmaps/wet?dryRun=All');
    const live = await api(sb, 'GET', '/api/v1/namespaces/default/configmaps/wet');
    assert.equal(live.json.data.a, '1');
    assert.equal(sb.store.currentResourceVersion(), rv2);
  });

  test('list: label and field selectors, limit and continue', async () => {
    await api(sb, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'sel' } } });
    const specs: Array<[string, Record<string, string>, string]> = [
      ['a', { app: 'web', tier: 'front' }, 'Running'],
      ['b', { app: 'web', tier: 'back' }, 'Pending'],
      ['c', { app: 'db' }, 'Running'],
      ['d', { app: 'cache', tier: 'back' }, 'Failed'],
    ];
    for (const [name, labels, phase] of specs) sb.store.create({ group: '', resource: 'pods' }, podManifest(name, 'sel', { labels, phase, nodeName: name === 'a' ? 'node-1' : 'node-2' }));
    const names = async (query: string) => (await api(sb, 'GET', `/api/v1/namespaces/sel/pods?${query}`)).json.items.map((p: { metadata: { name: string } }) => p.metadata.name);
    assert.deepEqual(await names('labelSelector=app%3Dweb'), ['a', 'b']);
    assert.deepEqual(await names('labelSelector=app%3D%3Dweb,tier!%3Dfront'), ['b']);
    assert.deepEqual(await names(`labelSelector=${encodeURIComponent('app in (db,cache)')}`), ['c', 'd']);
    assert.deepEqual(await names(`labelSelector=${encodeURIComponent('app notin (web)')}`), ['c', 'd']);
    assert.deepEqual(await names('labelSelector=tier'), ['a', 'b', 'd']);
    assert.deepEqual(await names('labelSelector=!tier'), ['c']);
    assert.deepEqual(await names('fieldSelector=status.phase%3DRunning'), ['a', 'c']);
    assert.deepEqual(await names('fieldSelector=spec.nodeName%3Dnode-1'), ['a']);
    assert.deepEqual(await names('fieldSelector=metadata.name!%3Da,status.phase!%3DFailed'), ['b', 'c']);
    const page1 = await api(sb, 'GET', '/api/v1/namespaces/sel/pods?limit=3');
    assert.equal(page1.json.items.length, 3);
    assert.equal(page1.json.metadata.remainingItemCount, 1);
    const page2 = await api(sb, 'GET', `/api/v1/namespaces/sel/pods?limit=3&continue=${page1.json.metadata.continue}`);
    assert.deepEqual(page2.json.items.map((p: { metadata: { name: string } }) => p.metadata.name), ['d']);
    assert.equal(page2.json.metadata.continue, undefined);
    assertStatus(await api(sb, 'GET', '/api/v1/namespaces/sel/pods?labelSelector=%3D%3D%3D'), 400, 'BadRequest');
    const unsupported = await api(sb, 'GET', '/api/v1/namespaces/sel/pods?fieldSelector=spec.image%3Dx');
    assertStatus(unsupported, 400, 'BadRequest');
    assert.equal(unsupported.json.message, 'field label not supported: spec.image');
  });

  test('Table output: pod columns, wide priorities, CRD printer columns, default NAME/AGE', async () => {
    sb.store.create({ group: '', resource: 'pods' }, { ...podManifest('tabled', 'sel', { nodeName: 'node-9', podIP: '10.0.0.9', phase: 'Running' }), status: { phase: 'Running', podIP: '10.0.0.9', containerStatuses: [{ name: 'main', ready: true, restartCount: 2, state: { running: {} } }] } });
    const table = await api(sb, 'GET', '/api/v1/namespaces/sel/pods/tabled', { headers: { Accept: TABLE_ACCEPT } });
    assert.equal(table.json.kind, 'Table');
    assert.equal(table.json.apiVersion, 'meta.k8s.io/v1');
    const cols = table.json.columnDefinitions.map((c: { name: string }) => c.name);
    assert.deepEqual(cols.slice(0, 5), ['Name', 'Ready', 'Status', 'Restarts', 'Age']);
    assert.equal(table.json.columnDefinitions.find((c: { name: string }) => c.name === 'IP').priority, 1);
    const cells = table.json.rows[0].cells;
    assert.deepEqual(cells.slice(0, 4), ['tabled', '1/1', 'Running', 2]);
    assert.equal(cells[5], '10.0.0.9');
    assert.equal(cells[6], 'node-9');
    assert.equal(table.json.rows[0].object.kind, 'PartialObjectMetadata');
    const full = await api(sb, 'GET', '/api/v1/namespaces/sel/pods?includeObject=Object', { headers: { Accept: TABLE_ACCEPT } });
    assert.equal(full.json.rows[0].object.kind, 'Pod');
    const ns = await api(sb, 'GET', '/api/v1/namespaces', { headers: { Accept: TABLE_ACCEPT } });
    assert.deepEqual(ns.json.columnDefinitions.map((c: { name: string }) => c.name), ['Name', 'Status', 'Age']);
    const cms = await api(sb, 'GET', '/apis/coordination.k8s.io/v1/leases', { headers: { Accept: TABLE_ACCEPT } });
    assert.deepEqual(cms.json.columnDefinitions.map((c: { name: string }) => c.name), ['Name', 'Holder', 'Age']);
    await api(sb, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      body: {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'gadgets.example.com' },
        spec: {
          group: 'example.com',
          scope: 'Namespaced',
          names: { plural: 'gadgets', kind: 'Gadget' },
          versions: [
            { name: 'v1', served: true, storage: true, additionalPrinterColumns: [{ name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' }, { name: 'Size', type: 'integer', jsonPath: '.spec.size' }] },
          ],
        },
      },
    });
    await api(sb, 'POST', '/apis/example.com/v1/namespaces/default/gadgets', { body: { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g1' }, spec: { size: 7 }, status: { conditions: [{ type: 'Ready', status: 'True' }] } } });
    const gadgets = await api(sb, 'GET', '/apis/example.com/v1/namespaces/default/gadgets', { headers: { Accept: TABLE_ACCEPT } });
    assert.deepEqual(gadgets.json.columnDefinitions.map((c: { name: string }) => c.name), ['Name', 'Ready', 'Size']);
    assert.deepEqual(gadgets.json.rows[0].cells, ['g1', 'True', 7]);
  });

  test('scale subresource speaks autoscaling/v1 Scale', async () => {
    await api(sb, 'POST', '/apis/apps/v1/namespaces/default/deployments', { body: deploymentManifest('scaled', 'default', 2) });
    const scale = await api(sb, 'GET', '/apis/apps/v1/namespaces/default/deployments/scaled/scale');
    assert.equal(scale.json.kind, 'Scale');
    assert.equal(scale.json.apiVersion, 'autoscaling/v1');
    assert.equal(scale.json.spec.replicas, 2);
    assert.equal(scale.json.status.selector, 'app=scaled');
    const patched = await api(sb, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/scaled/scale', { body: { spec: { replicas: 5 } }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    assert.equal(patched.json.spec.replicas, 5);
    const d = await api(sb, 'GET', '/apis/apps/v1/namespaces/default/deployments/scaled');
    assert.equal(d.json.spec.replicas, 5);
    const put = await api(sb, 'PUT', '/apis/apps/v1/namespaces/default/deployments/scaled/scale', { body: { ...patched.json, spec: { replicas: 1 } } });
    assert.equal(put.json.spec.replicas, 1);
  });
});

describe('sandbox server: watch', () => {
  test('watch without resourceVersion starts with ADDED for current objects, then streams changes', async () => {
    await api(sb, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'w1' } } });
    sb.store.create({ group: '', resource: 'configmaps' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'first', namespace: 'w1' } });
    const w = stream(sb, '/api/v1/namespaces/w1/configmaps?watch=true');
    const [first] = await w.waitFor(1);
    assert.deepEqual([JSON.parse(first!).type, JSON.parse(first!).object.metadata.name], ['ADDED', 'first']);
    sb.store.create({ group: '', resource: 'configmaps' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'elsewhere', namespace: 'default' } });
    sb.store.create({ group: '', resource: 'configmaps' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'second', namespace: 'w1' } });
    sb.store.delete({ group: '', resource: 'configmaps' }, 'w1', 'first');
    const lines = await w.waitFor(3);
    assert.deepEqual(lines.map((l) => `${JSON.parse(l).type} ${JSON.parse(l).object.metadata.name}`), ['ADDED first', 'ADDED second', 'DELETED first']);
    w.close();
  });

  test('watch from a resourceVersion replays; bookmarks arrive; timeoutSeconds ends the stream', async () => {
    const rv = sb.store.currentResourceVersion();
    sb.store.create({ group: '', resource: 'configmaps' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'replayed', namespace: 'w1' } });
    const w = stream(sb, `/api/v1/namespaces/w1/configmaps?watch=1&resourceVersion=${rv}&allowWatchBookmarks=true&timeoutSeconds=2`);
    const [replayed] = await w.waitFor(1);
    assert.equal(JSON.parse(replayed!).object.metadata.name, 'replayed');
    await w.waitFor(2);
    const bookmark = JSON.parse(w.lines[1]!);
    assert.equal(bookmark.type, 'BOOKMARK');
    assert.equal(bookmark.object.kind, 'ConfigMap');
    assert.ok(Number(bookmark.object.metadata.resourceVersion) >= rv + 1);
    await w.waitForEnd(5000);
  });

  test('a label-selected watch sees objects enter (ADDED) and leave (DELETED) its selection', async () => {
    const CMS = { group: '', resource: 'configmaps' };
    sb.store.create(CMS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mover', namespace: 'w1', labels: { team: 'a' } } });
    const w = stream(sb, `/api/v1/namespaces/w1/configmaps?watch=true&labelSelector=team%3Db&resourceVersion=${sb.store.currentResourceVersion()}`);
    await new Promise((r) => setTimeout(r, 100));
    const move = (team: string) => {
      const live = sb.store.get(CMS, 'w1', 'mover')!;
      sb.store.update(CMS, { ...live, metadata: { ...live.metadata, labels: { team } } });
    };
    move('b');
    const live = sb.store.get(CMS, 'w1', 'mover')!;
    sb.store.update(CMS, { ...live, data: { k: 'v' } });
    move('c');
    const lines = await w.waitFor(3);
    assert.deepEqual(lines.map((l) => JSON.parse(l).type), ['ADDED', 'MODIFIED', 'DELETED']);
    w.close();
  });

  test('sendInitialEvents: current objects, then a bookmark marking the end of them', async () => {
    const w = stream(sb, '/api/v1/namespaces/w1/configmaps?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&resourceVersion=1');
    const current = sb.store.list({ group: '', resource: 'configmaps' }, 'w1').length;
    const lines = await w.waitFor(current + 1);
    assert.ok(lines.slice(0, current).every((l) => JSON.parse(l).type === 'ADDED'));
    const end = JSON.parse(lines[current]!);
    assert.equal(end.type, 'BOOKMARK');
    assert.equal(end.object.metadata.annotations['k8s.io/initial-events-end'], 'true');
    w.close();
  });

  test('a resourceVersion older than the event log gets a 410 Expired ERROR event', async () => {
    const old = sb.store.currentResourceVersion();
    for (let i = 0; i < 60; i++) sb.store.create({ group: '', resource: 'configmaps' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `churn-${i}`, namespace: 'w1' } });
    const w = stream(sb, `/api/v1/namespaces/w1/configmaps?watch=true&resourceVersion=${old}`);
    const [line] = await w.waitFor(1);
    const event = JSON.parse(line!);
    assert.equal(event.type, 'ERROR');
    assert.equal(event.object.kind, 'Status');
    assert.equal(event.object.code, 410);
    assert.equal(event.object.reason, 'Expired');
    await w.waitForEnd();
  });
});

describe('sandbox server: logs, proxy, reviews', () => {
  test('pods/log: container choice, tailLines, follow', async () => {
    sb.store.create({ group: '', resource: 'pods' }, podManifest('talker', 'default', { containers: ['app', 'sidecar'] }));
    for (let i = 1; i <= 5; i++) sb.appendLog('default', 'talker', 'app', `line ${i}`);
    const noContainer = await api(sb, 'GET', '/api/v1/namespaces/default/pods/talker/log');
    assertStatus(noContainer, 400, 'BadRequest');
    assert.match(noContainer.json.message, /a container name must be specified for pod talker, choose one of: \[app sidecar\]/);
    const tail = await api(sb, 'GET', '/api/v1/namespaces/default/pods/talker/log?container=app&tailLines=2');
    assert.equal(tail.text, 'line 4\nline 5\n');
    const limited = await api(sb, 'GET', '/api/v1/namespaces/default/pods/talker/log?container=app&limitBytes=9');
    assert.equal(limited.text, 'line 1\nli');
    const future = new Date(Date.now() + 60_000).toISOString();
    assert.equal((await api(sb, 'GET', `/api/v1/namespaces/default/pods/talker/log?container=app&sinceTime=${future}`)).text, '');
    assert.equal((await api(sb, 'GET', '/api/v1/namespaces/default/pods/talker/log?container=app&sinceSeconds=60')).text.split('\n').length, 6);
    const follow = stream(sb, '/api/v1/namespaces/default/pods/talker/log?container=app&follow=true&tailLines=1');
    await follow.waitFor(1);
    sb.appendLog('default', 'talker', 'app', 'line 6');
    assert.deepEqual(await follow.waitFor(2), ['line 5', 'line 6']);
    sb.store.delete({ group: '', resource: 'pods' }, 'default', 'talker');
    await follow.waitForEnd();
  });

  test('service and pod proxy forward to the annotated local backend, else 503', async (t) => {
    const backend = http.createServer((req, res) => res.end(`backend saw ${req.method} ${req.url}`));
    await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
    t.after(() => backend.close());
    const port = (backend.address() as AddressInfo).port;
    sb.store.create({ group: '', resource: 'services' }, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'front', namespace: 'default' }, spec: { selector: { app: 'front' }, ports: [{ port: 80 }] } });
    const down = await api(sb, 'GET', '/api/v1/namespaces/default/services/front:80/proxy/healthz');
    assertStatus(down, 503, 'ServiceUnavailable');
    assert.equal(down.json.message, 'no endpoints available for service "front"');
    sb.store.create({ group: '', resource: 'pods' }, podManifest('front-1', 'default', { labels: { app: 'front' }, annotations: { 'sandbox.groundcrew.dev/backend': `http://127.0.0.1:${port}` } }));
    const up = await api(sb, 'GET', '/api/v1/namespaces/default/services/front:80/proxy/healthz?x=1');
    assert.equal(up.status, 200);
    assert.equal(up.text, 'backend saw GET /healthz?x=1');
    const pod = await api(sb, 'GET', '/api/v1/namespaces/default/pods/front-1/proxy/metrics');
    assert.equal(pod.text, 'backend saw GET /metrics');
  });

  test('SelfSubjectAccessReview follows deny rules; SelfSubjectRulesReview answers', async () => {
    const review = (verb: string, resource: string, namespace = 'default') =>
      api(sb, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb, resource, namespace, group: '' } } },
      });
    assert.equal((await review('delete', 'secrets')).json.status.allowed, true);
    sb.faults.addDenyRule({ verbs: ['delete'], group: '', resource: 'secrets', namespace: 'default' });
    try {
      assert.equal((await review('delete', 'secrets')).json.status.allowed, false);
      assert.equal((await review('delete', 'secrets', 'kube-system')).json.status.allowed, true);
    } finally {
      sb.faults.clear();
    }
    const rules = await api(sb, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', { body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'default' } } });
    assert.equal(rules.status, 201);
    assert.deepEqual(rules.json.status.resourceRules[0].verbs, ['*']);
  });
});

describe('sandbox server: faults', () => {
  test('RBAC deny → 403 in Kubernetes words; 500 and 429 with Retry-After; expiring tokens → 401', async () => {
    sb.faults.set({ deny: [{ user: 'sandbox-admin', verbs: ['get'], group: 'apps', resource: 'deployments', namespace: 'default' }] });
    const denied = await api(sb, 'GET', '/apis/apps/v1/namespaces/default/deployments/web');
    assertStatus(denied, 403, 'Forbidden');
    assert.equal(denied.json.message, 'deployments.apps "web" is forbidden: User "sandbox-admin" cannot get resource "deployments" in API group "apps" in the namespace "default"');
    const asCert = await api(sb, 'GET', '/apis/apps/v1/namespaces/default/deployments/scaled', { as: 'cert' });
    assert.equal(asCert.status, 200, 'the rule names another user');
    sb.faults.set({ errors: [{ verb: 'list', resource: 'pods', rate: 1 }], throttle: [{ verb: 'get', resource: 'configmaps', rate: 1, retryAfterSeconds: 7 }] });
    assertStatus(await api(sb, 'GET', '/api/v1/pods'), 500, 'InternalError');
    assert.equal((await api(sb, 'GET', '/api/v1/services')).status, 200);
    const throttled = await api(sb, 'GET', '/api/v1/namespaces/default/configmaps/dup');
    assertStatus(throttled, 429, 'TooManyRequests');
    assert.equal(throttled.headers['retry-after'], '7');
    assert.equal(throttled.json.details.retryAfterSeconds, 7);
    sb.faults.set({ tokenTtlMs: 0 });
    assertStatus(await api(sb, 'GET', '/api/v1/namespaces'), 401, 'Unauthorized');
    assert.equal((await api(sb, 'GET', '/api/v1/namespaces', { as: 'cert' })).status, 200);
    sb.faults.clear();
    assert.equal((await api(sb, 'GET', '/api/v1/namespaces')).status, 200);
  });

  test('serviceaccounts/token issues a token that authenticates as the service account; deny rules can name it', async () => {
    sb.store.create({ group: '', resource: 'serviceaccounts' }, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot', namespace: 'default' } });
    const issued = await api(sb, 'POST', '/api/v1/namespaces/default/serviceaccounts/robot/token', { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600 } } });
    assert.equal(issued.status, 201);
    const token = issued.json.status.token as string;
    const who = await api(sb, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { token, body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
    assert.equal(who.json.status.userInfo.username, 'system:serviceaccount:default:robot');
    sb.faults.set({ deny: [{ user: 'system:serviceaccount:default:robot', verbs: ['list'], group: '', resource: 'secrets' }] });
    const denied = await api(sb, 'GET', '/api/v1/namespaces/default/secrets', { token });
    assertStatus(denied, 403, 'Forbidden');
    assert.equal(denied.json.message, 'secrets is forbidden: User "system:serviceaccount:default:robot" cannot list resource "secrets" in API group "" in the namespace "default"');
    assert.equal((await api(sb, 'GET', '/api/v1/namespaces/default/secrets')).status, 200, 'the admin is not affected');
    sb.faults.clear();
    assertStatus(await api(sb, 'POST', '/api/v1/namespaces/default/serviceaccounts/nobody/token', { body: {} }), 404, 'NotFound');
  });

  test('dropped watches close the stream', async () => {
    const w = stream(sb, '/api/v1/namespaces/w1/configmaps?watch=true&resourceVersion=' + sb.store.currentResourceVersion());
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(sb.faults.dropWatches() >= 1, true);
    await w.waitForEnd();
    sb.faults.set({ dropWatchesAfterMs: 100 });
    const w2 = stream(sb, '/api/v1/namespaces/w1/configmaps?watch=true&resourceVersion=' + sb.store.currentResourceVersion());
    await w2.waitForEnd();
    sb.faults.clear();
  });
});

describe('sandbox server: custom resource schemas', () => {
  test('types, required fields and enums are Invalid; undeclared fields are pruned (Warn) or refused (Strict)', async () => {
    const crd = await api(sb, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      body: {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'issuers.certs.example' },
        spec: {
          group: 'certs.example',
          scope: 'Namespaced',
          names: { plural: 'issuers', kind: 'Issuer' },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              schema: {
                openAPIV3Schema: {
                  type: 'object',
                  properties: {
                    spec: {
                      type: 'object',
                      required: ['kind'],
                      properties: { kind: { type: 'string', enum: ['SelfSigned', 'CA'] }, dnsNames: { type: 'array', items: { type: 'string' } }, port: { 'x-kubernetes-int-or-string': true }, extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
                    },
                    status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                  },
                },
              },
            },
          ],
        },
      },
    });
    assert.equal(crd.status, 201);
    const post = (body: unknown, query = '') => api(sb, 'POST', `/apis/certs.example/v1/namespaces/default/issuers${query}`, { body });
    const issuer = (name: string, spec: unknown) => ({ apiVersion: 'certs.example/v1', kind: 'Issuer', metadata: { name }, spec });
    const wrongType = await post(issuer('bad', { kind: 'CA', dnsNames: 'a.example' }));
    assertStatus(wrongType, 422, 'Invalid');
    assert.equal(wrongType.json.message, 'Issuer.certs.example "bad" is invalid: spec.dnsNames: Invalid value: "a.example": spec.dnsNames in body must be of type array: "string"');
    assert.equal(wrongType.json.details.kind, 'Issuer');
    const missing = await post(issuer('bad', { dnsNames: [] }));
    assertStatus(missing, 422, 'Invalid');
    assert.equal(missing.json.details.causes[0].field, 'spec.kind');
    assertStatus(await post(issuer('bad', { kind: 'ACME' })), 422, 'Invalid');
    const pruned = await post(issuer('ok', { kind: 'CA', port: 'https', extra: { anything: 1 }, typo: true }));
    assert.equal(pruned.status, 201);
    assert.equal(pruned.json.spec.typo, undefined);
    assert.deepEqual(pruned.json.spec.extra, { anything: 1 });
    assert.equal(pruned.headers.warning, '299 - "unknown field \\"spec.typo\\""');
    const strict = await post(issuer('ok2', { kind: 'CA', typo: true }), '?fieldValidation=Strict');
    assertStatus(strict, 400, 'BadRequest');
    assert.equal(strict.json.message, 'Issuer in version "v1" cannot be handled as a Issuer: strict decoding error: unknown field "spec.typo"');
    const byField = await api(sb, 'GET', '/apis/certs.example/v1/namespaces/default/issuers?fieldSelector=spec.kind%3DCA');
    assertStatus(byField, 400, 'BadRequest');
    assert.equal(byField.json.message, '"spec.kind" is not a known field selector: only "metadata.name", "metadata.namespace"');
    const patched = await api(sb, 'PATCH', '/apis/certs.example/v1/namespaces/default/issuers/ok', { body: { spec: { kind: 'Vault' } }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    assertStatus(patched, 422, 'Invalid');
    const live = sb.store.get({ group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' }, undefined, 'issuers.certs.example')!;
    const versions = (live.spec as { versions: Array<Record<string, unknown>> }).versions;
    versions[0]!.selectableFields = [{ jsonPath: '.spec.kind' }];
    sb.store.update({ group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' }, live);
    const selected = await api(sb, 'GET', '/apis/certs.example/v1/namespaces/default/issuers?fieldSelector=spec.kind%3DCA');
    assert.deepEqual(selected.json.items.map((i: { metadata: { name: string } }) => i.metadata.name), ['ok']);
  });
});
