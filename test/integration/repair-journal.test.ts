import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { ClusterJournal } from '../../electron/core/journal/index.ts';
import type { JournalEntry } from '../../shared/model/repair.ts';
import { deployment, service } from '../support/objects.ts';
import { startRig, type RepairRig } from './repair-harness.ts';

const run = promisify(execFile);
let rig: RepairRig;
const SVC = '/api/v1/namespaces/default/services/tt-tracetest-frontend';
const findingId = 'edge.target-port-mismatch/default/tt-tracetest-frontend/http';

before(async () => {
  rig = await startRig();
  rig.seed(
    deployment('tt-tracetest-frontend', 'default', { podLabels: { app: 'frontend' }, containers: [{ ports: [{ name: 'http', containerPort: 3000 }] }] }),
    service('tt-tracetest-frontend', 'default', { selector: { app: 'frontend' }, ports: [{ name: 'http', port: 3000, targetPort: 3999 }] }),
  );
});
after(() => rig.close());

async function secondWorkstation(home: string, ...args: string[]) {
  const script = path.join(import.meta.dirname, 'repair-journal-reader.ts');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, rig.sandbox.kubeconfigPath, home, ...args], { env: { ...process.env, NODE_NO_WARNINGS: '1' } });
  return JSON.parse(stdout) as { undone?: JournalEntry; entries: JournalEntry[]; warnings: string[] };
}

describe('the repair journal', () => {
  test('is on disk (survives a restart), mirrored into the cluster, and seen and undone from a second workstation', async () => {
    const plan = await rig.service.plan(findingId);
    const { entry } = await rig.service.apply(plan.planId);
    assert.equal(entry.context, 'sandbox');
    assert.equal(entry.namespace, 'default', 'mirrored into the stack namespace');
    assert.ok(entry.user.os.length > 0);
    assert.ok(entry.user.kube, 'the kube identity comes from a SelfSubjectReview');
    assert.equal(entry.changes[0]!.action, 'patch');
    assert.equal(((entry.changes[0]!.after!.spec as { ports: Array<{ targetPort: number }> }).ports)[0]!.targetPort, 3000);

    // A restart: a new service on the same home reads the local file.
    const restarted = await rig.newService(rig.home).journal();
    assert.ok(restarted.entries.some((e) => e.id === entry.id));
    assert.ok(fs.readFileSync(path.join(rig.home, 'journal.jsonl'), 'utf8').includes(entry.id));

    const cm = await rig.get('/api/v1/namespaces/default/configmaps/groundcrew-journal');
    assert.ok(((cm.data as Record<string, string>)['entries.jsonl'] ?? '').includes(entry.id));

    // Workstation B: other process, other home, empty local journal.
    const homeB = path.join(rig.dir, 'home-b');
    const seen = await secondWorkstation(homeB);
    assert.deepEqual(seen.warnings, []);
    assert.deepEqual(seen.entries.map((e) => e.id), [entry.id]);
    assert.equal(seen.entries[0]!.findingId, findingId);

    const undone = await secondWorkstation(homeB, 'undo', entry.id);
    assert.equal(undone.undone?.undoOf, entry.id);
    assert.equal(((await rig.get(SVC)).spec as { ports: Array<{ targetPort: number }> }).ports[0]!.targetPort, 3999);

    // Workstation A sees B's undo, linked both ways, through the cluster copy.
    const merged = await rig.service.journal();
    assert.equal(merged.entries.find((e) => e.id === entry.id)?.undoneBy, undone.undone?.id);
    assert.ok(merged.entries.some((e) => e.id === undone.undone?.id && e.undoOf === entry.id));
    await assert.rejects(rig.service.undo(entry.id), /already undone by/);
  });

  test('the cluster copy keeps the newest entries under its size bound and says how many were dropped', async () => {
    const small = new ClusterJournal(rig.client, 3000);
    const template = (await rig.service.journal()).entries[0]!;
    const many = Array.from({ length: 12 }, (_, i) => ({ ...template, id: `bulk-${String(i).padStart(2, '0')}`, at: `2027-01-01T00:00:${String(i).padStart(2, '0')}.000Z`, namespace: 'bounded' }));
    await rig.client.request({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bounded' } } });
    await small.upsert('bounded', many);
    const cm = await rig.get('/api/v1/namespaces/bounded/configmaps/groundcrew-journal');
    const data = cm.data as Record<string, string>;
    assert.ok(Buffer.byteLength(data['entries.jsonl']!) <= 3000);
    const kept = (await small.read('bounded')).map((e) => e.id);
    assert.ok(kept.length > 0 && kept.length < 12);
    assert.equal(kept.at(-1), 'bulk-11', 'the newest survives');
    assert.match(data.dropped ?? '', new RegExp(`^${12 - kept.length} older entries dropped`));
  });
});

describe('a workstation that may not list ConfigMaps cluster-wide', () => {
  test('reads the journal namespace by namespace instead', async () => {
    const known = (await rig.service.journal()).entries.map((e) => e.id);
    rig.sandbox.faults.set({ deny: [{ verbs: ['list'], group: '', resource: 'configmaps' }] });
    try {
      const restricted = rig.newService(path.join(rig.dir, 'home-c'), { journalNamespace: 'default' });
      const view = await restricted.journal();
      assert.deepEqual(view.warnings, []);
      assert.deepEqual(view.entries.map((e) => e.id).filter((id) => known.includes(id)).sort(), known.filter((id) => !id.startsWith('bulk-')).sort());
    } finally {
      rig.sandbox.faults.set({});
    }
  });
});
