import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deployment, pvc, statefulSet } from '../../support/objects.ts';
import { demoObjects, demoProfile, findingsOf, ids, NS } from '../../support/inspect.ts';

describe('storage', () => {
  test('bound claims give no findings', () => {
    assert.deepEqual(findingsOf('storage', demoObjects({ add: [pvc('data-d-db-0', NS, 'Bound')] })), []);
  });

  test('storage.pvc-unbound names the claim and the component using it', () => {
    const db = statefulSet('d-db', NS, { podLabels: { app: 'd-db' }, volumeClaimTemplates: ['data'], containers: [{ name: 'db', ports: [{ name: 'db', containerPort: 5432 }] }] });
    const f = findingsOf('storage', demoObjects({ replace: [db], add: [pvc('data-d-db-0', NS, 'Pending', 'fast-ssd')] }));
    assert.deepEqual(ids(f), ['storage.pvc-unbound/app/data-d-db-0']);
    assert.equal(f[0]!.component, 'db');
    assert.match(f[0]!.explanation, /fast-ssd/);
  });

  test('testkube.database reports the database in use as info', () => {
    const profile = demoProfile({
      components: [
        ...demoProfile().components,
        { id: 'mongodb', title: 'MongoDB', kind: 'Deployment', optional: true, find: { name: '{release}-mongodb' } },
        { id: 'postgresql', title: 'PostgreSQL', kind: 'StatefulSet', optional: true, find: { name: '{release}-postgresql' } },
      ],
      database: { alternatives: ['mongodb', 'postgresql'] },
    });
    const f = findingsOf('storage', demoObjects({ add: [deployment('d-mongodb', NS)] }), profile);
    assert.deepEqual(ids(f), ['testkube.database/app/d']);
    assert.equal(f[0]!.severity, 'info');
    assert.match(f[0]!.explanation, /legacy/);
    assert.deepEqual(findingsOf('storage', demoObjects(), profile), []);
  });

  test('forbidden claims: info, not unbound', () => {
    const f = findingsOf('storage', demoObjects(), demoProfile(), {}, { kindStates: { PersistentVolumeClaim: { state: 'forbidden', reason: 'denied' } } });
    assert.deepEqual(ids(f), ['inspect.forbidden/_/PersistentVolumeClaim']);
  });
});
