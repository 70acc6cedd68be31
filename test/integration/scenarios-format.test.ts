/**
 * The scenario file format: every built-in file validates, composition (extends, fragments,
 * patches, removals, time tokens) does what the README says, and bad input fails with an error
 * naming the file, line and field.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeScenario, listScenarios, loadScenario, parseScenarioText, ScenarioError } from '../../electron/core/sandbox/scenarios/index.ts';
import { createStore } from '../../electron/core/sandbox/store/index.ts';
import { tempDir } from '../support/temp.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('scenario files', () => {
  test('the built-in scenarios are the documented ones', () => {
    assert.deepEqual(listScenarios(), ['chall-manager', 'empty', 'testkube-broken', 'testkube-healthy', 'tracetest-broken', 'tracetest-healthy', 'tronador-environments']);
  });

  test('a broken scenario declares each fault with a check id and object', () => {
    const broken = composeScenario(path.resolve('resources/sandbox/scenarios'), 'tracetest-broken', new Date());
    assert.ok(broken.faults.length >= 7);
    assert.ok(broken.faults.some((f) => f.expect.check === 'job.failed' && f.expect.object === 'tracetest/nats-initial-config'));
    // extends: the healthy scenario's objects, with the broken one's replacements and patches.
    const svc = broken.objects.find((o) => o.object.kind === 'Service' && o.object.metadata.name === 'tt-tracetest-cloud')!.object as Any;
    assert.equal(svc.spec.ports.find((p: Any) => p.name === 'http').targetPort, 8080);
    const corefile = (broken.objects.find((o) => o.object.kind === 'ConfigMap' && o.object.metadata.name === 'coredns')!.object as Any).data.Corefile as string;
    assert.ok(!corefile.includes('rewrite'));
    assert.equal(broken.mirror?.host, 'registry.airgap.local:5000');
  });

  test('schema errors name the file, line and field', () => {
    const text = ['name: bad', 'title: Bad', 'description: x', 'plants:', '  - { kind: Deployment, name: api, fault: Exploded }', ''].join('\n');
    assert.throws(
      () => parseScenarioText(text, 'bad.yaml'),
      (err: unknown) => err instanceof ScenarioError && /^bad\.yaml:5:/.test(err.message) && /plants\.0\.fault/.test(err.message),
    );
    assert.throws(() => parseScenarioText('name: [unclosed', 'broken.yaml'), (err: unknown) => err instanceof ScenarioError && /^broken\.yaml:\d+:\d+: /.test(err.message));
    assert.throws(() => parseScenarioText('name: ok\ntitle: t\ndescription: d\nsurprise: 1\n', 'extra.yaml'), /extra\.yaml:\d+:\d+: .*surprise|Unrecognized key/);
  });
});

describe('scenario composition', () => {
  const root = tempDir('gc-scenarios-');
  const dir = path.join(root, 'resources', 'sandbox', 'scenarios');
  mkdirSync(path.join(dir, 'fragments'), { recursive: true });
  writeFileSync(
    path.join(dir, 'fragments', 'base.yaml'),
    ['objects:', '  - { apiVersion: v1, kind: ConfigMap, metadata: { name: settings, namespace: app }, data: { mode: base, keep: "yes" } }', '  - { apiVersion: v1, kind: ConfigMap, metadata: { name: doomed, namespace: app }, data: {} }', ''].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'base.yaml'),
    [
      'name: base',
      'title: Base',
      'description: A base.',
      'include: [fragments/base.yaml]',
      'plants: [{ kind: Deployment, namespace: app, name: api, fault: CrashLoopBackOff }]',
      'objects:',
      '  - apiVersion: v1',
      '    kind: Secret',
      '    metadata: { name: creds, namespace: app, annotations: { expires: "${now+1d}" } }',
      '    stringData: { password: hunter2 }',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'child.yaml'),
    [
      'name: child',
      'title: Child',
      'description: Extends base.',
      'extends: base',
      'patches:',
      '  - target: { kind: ConfigMap, namespace: app, name: settings }',
      '    patch: { data: { mode: child, keep: null } }',
      'remove: [{ kind: ConfigMap, namespace: app, name: doomed }]',
      'plants: [{ kind: Service, namespace: app, name: api, fault: LoadBalancerPending }]',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(dir, 'loop.yaml'), 'name: loop\ntitle: L\ndescription: d\nextends: loop\n');
  writeFileSync(path.join(dir, 'ghost.yaml'), 'name: ghost\ntitle: G\ndescription: d\nobjects: [{ apiVersion: example.com/v1, kind: Ghost, metadata: { name: boo } }]\n');

  test('extends, fragments, merge patches, removals, time tokens and inherited plants', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const c = composeScenario(dir, 'child', now);
    const settings = c.objects.find((o) => o.object.metadata.name === 'settings')!.object as Any;
    assert.deepEqual(settings.data, { mode: 'child' });
    assert.equal(c.objects.some((o) => o.object.metadata.name === 'doomed'), false);
    const creds = c.objects.find((o) => o.object.metadata.name === 'creds')!.object;
    assert.equal(creds.metadata.annotations?.expires, '2026-11-23T10:00:00Z');
    assert.deepEqual(
      c.plants.map((p) => p.fault),
      ['CrashLoopBackOff', 'LoadBalancerPending'],
    );
  });

  test('loading creates namespaces, stores Secret stringData as data and records the plant table', () => {
    const store = createStore();
    const info = loadScenario('child', store, { appRoot: root });
    assert.equal(info.name, 'child');
    assert.ok(store.get({ group: '', resource: 'namespaces' }, undefined, 'app'));
    const secret = store.get({ group: '', resource: 'secrets' }, 'app', 'creds') as Any;
    assert.equal(Buffer.from(secret.data.password, 'base64').toString(), 'hunter2');
    const recorded = store.get({ group: '', resource: 'configmaps' }, 'kube-system', 'sandbox-scenario') as Any;
    assert.equal(JSON.parse(recorded.data['plants.json']).plants.length, 2);
  });

  test('a scenario that extends itself, an unknown one, and an unserved kind are clear errors', () => {
    assert.throws(() => composeScenario(dir, 'loop', new Date()), /extends itself/);
    assert.throws(() => composeScenario(dir, 'nope', new Date()), /unknown sandbox scenario "nope"/);
    assert.throws(() => loadScenario('ghost', createStore(), { appRoot: root }), /example\.com\/v1 Ghost is not served/);
  });
});
