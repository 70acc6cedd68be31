import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinStacksDir, loadBuiltinProfiles, parseProfile, ProfileError } from '../../../electron/core/stacks/load.ts';

describe('built-in stack profiles', () => {
  test('every file in resources/stacks validates against the schema', () => {
    const files = readdirSync(builtinStacksDir()).filter((f) => f.endsWith('.yaml'));
    const profiles = loadBuiltinProfiles();
    assert.equal(profiles.length, files.length);
    assert.deepEqual(profiles.map((p) => p.name).sort(), ['chall-manager', 'testkube-onprem', 'tracetest-onprem', 'tronador']);
  });

  test('tracetest-onprem carries the chart facts the checks rely on', () => {
    const tt = loadBuiltinProfiles().find((p) => p.name === 'tracetest-onprem')!;
    const cloud = tt.components.find((c) => c.id === 'cloud-api')!;
    assert.equal(cloud.find.name, '{release}-tracetest-cloud');
    assert.deepEqual(cloud.ports.map((p) => [p.name, p.number]).slice(0, 3), [['grpc', 8089], ['http', 8090], ['control-plane', 8091]]);
    assert.equal(tt.hostnames?.ingressService.name, '{deps}-traefik');
    assert.ok(tt.certificates.some((c) => c.name === 'jwt-sign-cert' && c.isCA));
  });

  test('the example in resources/stacks/README.md is a valid profile', () => {
    const md = readFileSync(`${builtinStacksDir()}/README.md`, 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(md)?.[1];
    assert.ok(example, 'README has a yaml example');
    const p = parseProfile(example, 'README.md');
    assert.equal(p.name, 'my-stack');
    assert.equal(p.edges[0]!.configuredBy.secretKeys[0]!.key, 'uri');
  });

  test('testkube-onprem lists the integration edges of the seed table', () => {
    const tk = loadBuiltinProfiles().find((p) => p.name === 'testkube-onprem')!;
    const edges = tk.edges.map((e) => `${e.consumer}->${e.provider}:${e.port}`);
    for (const e of ['api->mongodb:mongodb', 'api->nats:nats', 'api->minio:minio-api', 'api->dex:http', 'agent-api->api:grpcs']) assert.ok(edges.includes(e), e);
    assert.deepEqual(tk.database?.alternatives, ['mongodb', 'postgresql']);
  });
});

describe('profile validation errors name file, line and field', () => {
  const base = `name: demo
title: Demo
components:
  - id: web
    title: Web
    kind: Deployment
    anchor: true
    find: { name: "{release}-web" }
    ports:
      - { name: http, number: 8080 }
`;

  test('a valid minimal profile parses with defaults', () => {
    const p = parseProfile(base, 'demo.yaml');
    assert.equal(p.production, false);
    assert.deepEqual(p.edges, []);
    assert.equal(p.components[0]!.ports[0]!.protocol, 'TCP');
  });

  test('a wrong type is reported at its line', () => {
    const text = base.replace('number: 8080', 'number: "eighty"');
    assert.throws(() => parseProfile(text, 'demo.yaml'), (err: unknown) => {
      assert.ok(err instanceof ProfileError);
      assert.equal(err.where, 'demo.yaml:10:31'); // the value itself
      assert.match(err.message, /components\.0\.ports\.0\.number/);
      return true;
    });
  });

  test('an edge to an unknown component is reported at the edge', () => {
    const text = `${base}edges:\n  - { consumer: web, provider: db, port: 5432, purpose: data }\n`;
    assert.throws(() => parseProfile(text, 'demo.yaml'), (err: unknown) => {
      assert.ok(err instanceof ProfileError);
      assert.match(err.where ?? '', /^demo\.yaml:12:/);
      assert.match(err.message, /edges\.0\.provider: unknown component "db"/);
      return true;
    });
  });

  test('an edge naming a port the provider lacks is rejected', () => {
    const text = `${base}edges:\n  - { consumer: web, provider: web, port: grpc, purpose: loop }\n`;
    assert.throws(() => parseProfile(text, 'demo.yaml'), /edges\.0\.port: component "web" has no port "grpc"/);
  });

  test('a profile without an anchor component is rejected', () => {
    assert.throws(() => parseProfile(base.replace('    anchor: true\n', ''), 'demo.yaml'), /anchor: true/);
  });

  test('unknown fields are rejected, so typos do not silently vanish', () => {
    assert.throws(() => parseProfile(base.replace('title: Web', 'title: Web\n    replica: 2'), 'x.yaml'), (err: unknown) => {
      assert.ok(err instanceof ProfileError);
      assert.match(err.message, /replica/);
      return true;
    });
  });

  test('broken YAML syntax names the line', () => {
    assert.throws(() => parseProfile('name: demo\ntitle: [unclosed\n', 'bad.yaml'), (err: unknown) => {
      assert.ok(err instanceof ProfileError);
      assert.match(err.where ?? '', /^bad\.yaml:\d+:\d+$/);
      return true;
    });
  });
});
