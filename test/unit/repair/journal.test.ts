import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { boundEntries, LocalJournal, mergeEntries } from '../../../electron/core/journal/index.ts';
import type { JournalEntry } from '../../../shared/model/repair.ts';
import { tempDir } from '../../support/temp.ts';

function entry(id: string, at: string, extra: Partial<JournalEntry> = {}): JournalEntry {
  return {
    id,
    at,
    user: { os: 'ops' },
    host: 'ws1',
    context: 'prod',
    findingId: `edge.target-port-mismatch/default/svc-${id}/http`,
    fixId: 'service.fix-target-port',
    title: 'Point the Service port at the container port',
    changes: [{ ref: { apiVersion: 'v1', kind: 'Service', namespace: 'default', name: `svc-${id}` }, action: 'patch', before: { a: 1 }, after: { a: 2 } }],
    verification: { ok: true, message: 'passed' },
    ...extra,
  };
}

describe('LocalJournal', () => {
  test('appends lines and reads them back after a restart (a new instance on the same home)', () => {
    const home = tempDir();
    new LocalJournal(home).append(entry('a', '2026-11-22T01:00:00.000Z'));
    new LocalJournal(home).append(entry('b', '2026-11-22T02:00:00.000Z'));
    const { entries, problems } = new LocalJournal(home).read();
    assert.deepEqual(entries.map((e) => e.id), ['a', 'b']);
    assert.deepEqual(problems, []);
    assert.equal(fs.readFileSync(path.join(home, 'journal.jsonl'), 'utf8').split('\n').filter(Boolean).length, 2);
  });

  test('a later line for the same id (the entry once undone) supersedes the earlier one; lines are never rewritten', () => {
    const home = tempDir();
    const j = new LocalJournal(home);
    j.append(entry('a', '2026-11-22T01:00:00.000Z'));
    j.append(entry('u', '2026-11-22T01:05:00.000Z', { undoOf: 'a', title: 'Undo' }));
    j.append({ ...entry('a', '2026-11-22T01:00:00.000Z'), undoneBy: 'u' });
    const { entries } = j.read();
    assert.equal(entries.length, 2);
    assert.equal(entries.find((e) => e.id === 'a')?.undoneBy, 'u');
    assert.equal(fs.readFileSync(j.file, 'utf8').split('\n').filter(Boolean).length, 3);
  });

  test('a torn last line (crash mid-append) is reported with its line number; earlier entries survive', () => {
    const home = tempDir();
    const j = new LocalJournal(home);
    j.append(entry('a', '2026-11-22T01:00:00.000Z'));
    fs.appendFileSync(j.file, '{"id":"b","at":"2026-');
    const { entries, problems } = j.read();
    assert.deepEqual(entries.map((e) => e.id), ['a']);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /journal\.jsonl:2: unreadable line/);
  });

  test('an empty home has an empty journal', () => {
    assert.deepEqual(new LocalJournal(path.join(tempDir(), 'missing')).read(), { entries: [], problems: [] });
  });
});

describe('mergeEntries', () => {
  test('union by id, links from either copy kept, ordered by time', () => {
    const local = [entry('b', '2026-11-22T02:00:00.000Z'), { ...entry('a', '2026-11-22T01:00:00.000Z'), undoneBy: 'b' }];
    const remote = [entry('a', '2026-11-22T01:00:00.000Z'), entry('c', '2026-11-22T00:30:00.000Z')];
    const merged = mergeEntries(local, remote);
    assert.deepEqual(merged.map((e) => e.id), ['c', 'a', 'b']);
    assert.equal(merged.find((e) => e.id === 'a')?.undoneBy, 'b', 'the cluster copy without the link does not erase it');
  });
});

describe('boundEntries (the cluster ConfigMap copy)', () => {
  test('keeps the newest entries that fit and notes how many older ones were dropped', () => {
    const entries = Array.from({ length: 50 }, (_, i) => entry(`e${String(i).padStart(2, '0')}`, `2026-11-22T01:${String(i).padStart(2, '0')}:00.000Z`));
    const oneLine = Buffer.byteLength(`${JSON.stringify(entries[0])}\n`);
    const { text, note } = boundEntries(entries, oneLine * 10 + 5);
    const kept = text.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as JournalEntry).id);
    assert.equal(kept.length, 10);
    assert.equal(kept[0], 'e40');
    assert.equal(kept.at(-1), 'e49');
    assert.ok(Buffer.byteLength(text) <= oneLine * 10 + 5);
    assert.match(note ?? '', /^40 older entries dropped/);
    // A later bounding adds to the count already noted.
    assert.match(boundEntries(entries.slice(40), oneLine * 5 + 5, note).note ?? '', /^45 older entries dropped/);
  });

  test('no note while everything fits', () => {
    assert.equal(boundEntries([entry('a', '2026-11-22T01:00:00.000Z')], 900 * 1024).note, undefined);
  });
});

describe('journalCopy', () => {
  test('drops managedFields and never keeps Secret values', async () => {
    const { journalCopy } = await import('../../../electron/core/journal/journal-copy.ts');
    const s = journalCopy({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', resourceVersion: '9', managedFields: [{ manager: 'x' }] }, data: { token: 'aHVudGVyMg==' } });
    assert.deepEqual(s, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', resourceVersion: '9' }, data: { token: '<redacted>' } });
    const cm = journalCopy({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } });
    assert.deepEqual(cm, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } });
  });
});
