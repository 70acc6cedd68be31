import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinFixes } from '../../../electron/core/repair/fixes/index.ts';

// Every fix a check offers must exist in the repair module, or the UI would offer a dead button.
test('every fixId a check can set names a fix the repair module implements', () => {
  const dir = new URL('../../../electron/core/inspect/checks/', import.meta.url);
  const offered = new Set<string>();
  for (const file of readdirSync(dir)) {
    for (const m of readFileSync(new URL(file, dir), 'utf8').matchAll(/fixId: (?:[^'\n]*\? )?'([a-z.-]+)'(?: : '([a-z.-]+)')?/g)) {
      offered.add(m[1]!);
      if (m[2]) offered.add(m[2]);
    }
  }
  assert.ok(offered.size >= 10, `found ${offered.size} fix ids`);
  const known = new Set(builtinFixes.map((f) => f.id));
  for (const id of offered) assert.ok(known.has(id), `checks offer ${id}, which no fix implements`);
});
