import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { configMap, deployment, endpoints, endpointSlice, secret, service, statefulSet } from '../../support/objects.ts';
import { demoObjects, demoProfile, findingsOf, ids, NS } from '../../support/inspect.ts';
import { parseAddresses } from '../../../electron/core/inspect/address.ts';

const run = (objects = demoObjects(), profile = demoProfile()) => findingsOf('edges', objects, profile);
const dbService = (o: Parameters<typeof service>[2]) => service('d-db', NS, { selector: { app: 'd-db' }, clusterIP: '10.43.0.12', ports: [{ name: 'db', port: 5432, targetPort: 5432 }], ...o });
const webWithEnv = (env: Array<{ name: string; value?: string; valueFrom?: unknown }>, envFrom?: unknown[]) =>
  deployment('d-web', NS, { podLabels: { app: 'd-web' }, containers: [{ name: 'web', image: 'example/web:1.0', ports: [{ name: 'http', containerPort: 8080 }], env, ...(envFrom ? { envFrom } : {}) }] });

describe('integration edges', () => {
  test('a healthy edge has no findings', () => {
    assert.deepEqual(run(), []);
  });

  test('edge.service-missing', () => {
    const f = run(demoObjects({ drop: ['Service/app/d-db', 'Endpoints/app/d-db'] }));
    assert.deepEqual(ids(f), ['edge.service-missing/app/d-db']);
    assert.deepEqual(f[0]!.edge, { consumer: 'web', provider: 'db', port: 'db' });
    assert.equal(f[0]!.component, 'db');
  });

  test('edge.port-missing: the Service exposes neither the name nor the number', () => {
    const f = run(demoObjects({ replace: [dbService({ ports: [{ name: 'metrics', port: 9187 }] })] }));
    assert.deepEqual(ids(f), ['edge.port-missing/app/d-db/db']);
    assert.match(f[0]!.explanation, /metrics:9187/);
  });

  test('edge.target-port-mismatch: by number and by name', () => {
    const f = run(demoObjects({ replace: [dbService({ ports: [{ name: 'db', port: 5432, targetPort: 5433 }] })] }));
    assert.deepEqual(ids(f), ['edge.target-port-mismatch/app/d-db/db']);
    assert.equal(f[0]!.fixId, 'service.fix-target-port');
    assert.match(f[0]!.evidence[0]!.excerpt ?? '', /targetPort: 5433/);
    const byName = run(demoObjects({ replace: [dbService({ ports: [{ name: 'db', port: 5432, targetPort: 'postgres' }] })] }));
    assert.deepEqual(ids(byName), ['edge.target-port-mismatch/app/d-db/db']);
    assert.deepEqual(run(demoObjects({ replace: [dbService({ ports: [{ name: 'db', port: 5432, targetPort: 'db' }] })] })), []);
  });

  test('edge.selector-no-pods replaces no-ready-endpoints', () => {
    const f = run(demoObjects({ replace: [dbService({ selector: { app: 'postgres' } }), endpoints('d-db', NS, { ready: [] })] }));
    assert.deepEqual(ids(f), ['edge.selector-no-pods/app/d-db']);
    assert.equal(f[0]!.fixId, 'service.fix-selector');
    assert.equal(f[0]!.evidence.length, 2);
  });

  test('edge.no-ready-endpoints from Endpoints, and from EndpointSlices', () => {
    const f = run(demoObjects({ replace: [endpoints('d-db', NS, { ready: [], notReady: ['10.42.0.12'] })] }));
    assert.deepEqual(ids(f), ['edge.no-ready-endpoints/app/d-db']);
    assert.match(f[0]!.explanation, /none is ready/);
    const slices = demoObjects({ drop: ['Endpoints/app/d-db', 'Endpoints/app/d-web'], add: [endpointSlice('d-db', NS, { ready: [], notReady: ['10.42.0.12'] }), endpointSlice('d-web', NS, { ready: ['10.42.0.11'] })] });
    assert.deepEqual(ids(run(slices)), ['edge.no-ready-endpoints/app/d-db']);
    const readySlice = demoObjects({ drop: ['Endpoints/app/d-db'], add: [endpointSlice('d-db', NS, { ready: ['10.42.0.12'] })] });
    assert.deepEqual(run(readySlice), []);
  });

  test('edge.consumer-address: env value naming another host or port', () => {
    const wrongHost = run(demoObjects({ replace: [webWithEnv([{ name: 'DB_URL', value: 'postgres://u@old-db:5432/app' }])] }));
    assert.deepEqual(ids(wrongHost), ['edge.consumer-address/app/d-web/DB_URL']);
    assert.equal(wrongHost[0]!.component, 'web');
    assert.match(wrongHost[0]!.evidence[0]!.excerpt ?? '', /old-db/);
    const wrongPort = run(demoObjects({ replace: [webWithEnv([{ name: 'DB_URL', value: 'd-db.app.svc.cluster.local:5433' }])] }));
    assert.match(wrongPort[0]!.title, /d-db\.app\.svc\.cluster\.local:5433/);
    assert.deepEqual(run(demoObjects({ replace: [webWithEnv([{ name: 'DB_URL', value: 'd-db.app:5432' }])] })), []);
  });

  test('edge.consumer-address: ConfigMap keys are read and quoted', () => {
    const objects = demoObjects({ add: [configMap('d-config', NS, { 'db.host': 'elsewhere:5432' })] });
    const f = run(objects);
    assert.deepEqual(ids(f), ['edge.consumer-address/app/d-web/db.host']);
    assert.equal(f[0]!.evidence[0]!.ref.kind, 'ConfigMap');
    assert.deepEqual(run(demoObjects({ add: [configMap('d-config', NS, { 'db.host': 'd-db' })] })), []);
  });

  test('edge.consumer-address: Secret values are checked but never copied into evidence', () => {
    const password = 's3cr3t-pw';
    const dsn = `postgresql://admin:${password}@wrong-db.app.svc:5432/app`;
    const viaKey = run(demoObjects({ add: [secret('d-secret', NS, { dsn })] }));
    assert.deepEqual(ids(viaKey), ['edge.consumer-address/app/d-web/dsn']);
    const text = JSON.stringify(viaKey);
    assert.ok(!text.includes(password) && !text.includes('wrong-db'), 'secret value leaked into the finding');
    const viaEnv = run(demoObjects({ replace: [webWithEnv([{ name: 'DB_URL', valueFrom: { secretKeyRef: { name: 'creds', key: 'url' } } }])], add: [secret('creds', NS, { url: dsn })] }));
    assert.deepEqual(ids(viaEnv), ['edge.consumer-address/app/d-web/DB_URL']);
    assert.ok(!JSON.stringify(viaEnv).includes(password));
    const viaEnvFrom = run(demoObjects({ replace: [webWithEnv([], [{ secretRef: { name: 'creds2' } }])], add: [secret('creds2', NS, { DB_URL: `postgres://x:${password}@d-db:5432/db` })] }));
    assert.deepEqual(viaEnvFrom, []);
  });

  test('alternative providers: only the installed one is checked', () => {
    const profile = demoProfile({
      components: [
        ...demoProfile().components,
        { id: 'mongo', title: 'MongoDB', kind: 'StatefulSet', optional: true, find: { name: '{release}-mongo' }, ports: [{ name: 'mongodb', number: 27017 }] },
      ],
      edges: [
        { consumer: 'web', provider: 'db', port: 'db', purpose: 'data', group: 'database' },
        { consumer: 'web', provider: 'mongo', port: 'mongodb', purpose: 'data', group: 'database' },
      ],
    });
    assert.deepEqual(run(demoObjects(), profile), []);
    const onlyMongo = demoObjects({ drop: ['StatefulSet/app/d-db', 'Service/app/d-db', 'Endpoints/app/d-db'], add: [statefulSet('d-mongo', NS), service('d-mongo', NS, { selector: { app: 'd-mongo' }, ports: [{ name: 'mongodb', port: 27017 }] }), endpoints('d-mongo', NS)] });
    assert.deepEqual(run(onlyMongo, profile), []);
  });

  test('a port no edge names is still checked where its Service exists (warning)', () => {
    const web = service('d-web', NS, { selector: { app: 'd-web' }, ports: [{ name: 'http', port: 80, targetPort: 'www' }] });
    const f = run(demoObjects({ replace: [web] }));
    assert.deepEqual(ids(f), ['edge.target-port-mismatch/app/d-web/http']);
    assert.equal(f[0]!.severity, 'warning');
    assert.equal(f[0]!.edge, undefined);
    assert.deepEqual(run(demoObjects({ drop: ['Service/app/d-web', 'Endpoints/app/d-web'] })), [], 'no Service for an unused port is not a finding');
  });

  test('address parsing handles DSNs, host lists and libpq strings', () => {
    assert.deepEqual(parseAddresses('mongodb://u:p@a:27017,b:27018/db?rs=x'), [{ host: 'a', port: 27017 }, { host: 'b', port: 27018 }]);
    assert.deepEqual(parseAddresses('host=pg.db.svc port=5432 user=x'), [{ host: 'pg.db.svc', port: 5432 }]);
    assert.deepEqual(parseAddresses('nats://tt-nats:4222'), [{ host: 'tt-nats', port: 4222 }]);
    assert.deepEqual(parseAddresses('$(HOST):80'), []);
  });
});
