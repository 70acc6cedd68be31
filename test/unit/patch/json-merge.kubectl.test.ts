import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { KubeObject } from '../../../electron/core/cluster/view.ts';
import { applyPatch } from '../../../electron/core/sandbox/patch/index.ts';

// JSON and merge patches against `kubectl patch --local`, which uses the API server's libraries.
// Where the json-patch v4 library is laxer than RFC 6902 (add without a value, copy from a missing
// path: both yield null) we stay strict and refuse, so those cases are not compared here.
const run = promisify(execFile);
const kubectl = process.env.KUBECTL ?? 'kubectl';
const haveKubectl = spawnSync(kubectl, ['version', '--client'], { stdio: 'ignore' }).status === 0;

const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: '1', 'x/y': 'z' } }, data: { x: '1', '~k': 'tilde' }, list: [1, 2, { n: 3 }] } as KubeObject;

const cases: Array<[string, 'json' | 'merge', unknown]> = [
  ['add, replace, remove', 'json', [{ op: 'add', path: '/data/y', value: '2' }, { op: 'replace', path: '/data/x', value: '9' }, { op: 'remove', path: '/metadata/labels/a' }]],
  ['escaped keys ~0 and ~1', 'json', [{ op: 'replace', path: '/metadata/labels/x~1y', value: 'w' }, { op: 'remove', path: '/data/~0k' }]],
  ['array insert, append, index replace', 'json', [{ op: 'add', path: '/list/0', value: 0 }, { op: 'add', path: '/list/-', value: 4 }, { op: 'replace', path: '/list/3/n', value: 30 }]],
  ['move and copy', 'json', [{ op: 'move', from: '/data/x', path: '/data/moved' }, { op: 'copy', from: '/metadata/labels', path: '/data2' }]],
  ['replace of a missing key adds it', 'json', [{ op: 'replace', path: '/data/new', value: 'v' }]],
  ['a passing test', 'json', [{ op: 'test', path: '/list/2', value: { n: 3 } }, { op: 'remove', path: '/list/2' }]],
  ['a failing test', 'json', [{ op: 'test', path: '/data/x', value: '2' }]],
  ['remove of a missing key', 'json', [{ op: 'remove', path: '/data/nope' }]],
  ['add under a missing parent', 'json', [{ op: 'add', path: '/spec/a/b', value: 1 }]],
  ['an index past the end', 'json', [{ op: 'add', path: '/list/9', value: 1 }]],
  ['an unknown op', 'json', [{ op: 'frob', path: '/data' }]],
  ['not a list of operations', 'json', { op: 'add', path: '/data/z', value: 1 }],
  ['merge: nulls delete, maps merge, lists replace', 'merge', { metadata: { labels: { a: null, b: '2' } }, data: { x: null }, list: ['only'] }],
  ['merge: a scalar replaces a map', 'merge', { data: 'flat' }],
];

describe('json and merge patch agree with kubectl patch --local', { skip: haveKubectl ? false : 'kubectl is not installed' }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'patch-oracle-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'object.json');
  writeFileSync(file, JSON.stringify(cm));
  const expected = cases.map(async ([, type, patch]) => {
    try {
      const { stdout } = await run(kubectl, ['patch', '--local', '-f', file, '--type', type, '-p', JSON.stringify(patch), '-o', 'json'], { env: { ...process.env, KUBECONFIG: path.join(dir, 'none') } });
      return JSON.parse(stdout) as unknown;
    } catch {
      return 'error';
    }
  });

  cases.forEach(([name, type, patch], i) => {
    test(name, async () => {
      let got: unknown;
      try {
        got = applyPatch(structuredClone(cm), type, structuredClone(patch));
      } catch {
        got = 'error';
      }
      assert.deepEqual(got, await expected[i]);
    });
  });
});
