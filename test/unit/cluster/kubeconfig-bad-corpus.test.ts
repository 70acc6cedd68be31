import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ContractError } from '../../../shared/contract/errors.ts';
import { loadKubeconfig } from '../../../electron/core/cluster/kubeconfig-load.ts';
import { resolveContext } from '../../../electron/core/cluster/resolve-context.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const badDir = path.resolve(here, '../../fixtures/kubeconfigs/bad');
const index = JSON.parse(fs.readFileSync(path.join(badDir, 'index.json'), 'utf8')) as Array<{ file: string; fragments: string[]; line?: number }>;

/** Load like kubectl (KUBECONFIG naming one file), then resolve the current context. */
function loadAndResolve(file: string) {
  return resolveContext(loadKubeconfig({ KUBECONFIG: file, HOME: badDir }));
}

describe('malformed kubeconfig corpus', () => {
  test('the corpus is large and every fixture is listed in the index', () => {
    assert.ok(index.length >= 25, `only ${index.length} fixtures`);
    const onDisk = fs.readdirSync(badDir).filter((f) => f.endsWith('.yaml')).sort();
    assert.deepEqual(index.map((e) => e.file).sort(), onDisk);
  });

  for (const entry of index) {
    test(`${entry.file}: ${entry.fragments[0]}`, () => {
      const file = path.join(badDir, entry.file);
      let caught: unknown;
      try {
        loadAndResolve(file);
      } catch (err) {
        caught = err;
      }
      assert.ok(caught !== undefined, 'expected an error, got a resolved context');
      assert.ok(caught instanceof ContractError, `expected ContractError, got ${String(caught)}`);
      assert.equal(caught.code, 'invalid_config');
      const prefix = entry.line ? `${file}:${entry.line}: ` : `${file}`;
      assert.ok(caught.message.startsWith(prefix), `message should start with "${prefix}": ${caught.message}`);
      for (const fragment of entry.fragments) assert.ok(caught.message.includes(fragment), `missing "${fragment}" in: ${caught.message}`);
    });
  }
});
