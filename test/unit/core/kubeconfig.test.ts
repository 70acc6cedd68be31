import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadKubeconfig } from '../../../electron/core/cluster/kubeconfig-load.ts';
import { listContexts } from '../../../electron/core/cluster/contexts.ts';
import { kubeconfigPaths } from '../../../electron/core/cluster/kubeconfig-paths.ts';
import { ContractError } from '../../../shared/contract/errors.ts';
import { tempDir, writeFile } from '../../support/temp.ts';
import { writeThreeContexts } from '../../support/kubeconfigs.ts';

describe('kubeconfig loading', () => {
  test('KUBECONFIG with two files merges like kubectl: first definition and first current-context win', () => {
    const dir = tempDir();
    const { KUBECONFIG, files } = writeThreeContexts(dir);
    const list = listContexts(loadKubeconfig({ KUBECONFIG }), null);
    assert.deepEqual(list.contexts.map((c) => c.name), ['alpha', 'beta', 'gamma']);
    assert.equal(list.kubeconfigCurrent, 'alpha');
    assert.equal(list.selected, 'alpha');
    const alpha = list.contexts.find((c) => c.name === 'alpha')!;
    assert.equal(alpha.namespace, 'tracetest', 'the second file must not override the first file\'s alpha');
    assert.equal(alpha.file, files[0]);
    assert.equal(list.contexts.find((c) => c.name === 'beta')!.namespace, 'default');
    assert.equal(list.contexts.find((c) => c.name === 'gamma')!.server, 'https://127.0.0.2:26443');
  });

  test('the contexts list never carries credentials', () => {
    const dir = tempDir();
    const { KUBECONFIG } = writeThreeContexts(dir);
    const json = JSON.stringify(listContexts(loadKubeconfig({ KUBECONFIG }), null));
    assert.ok(!json.includes('secret-token'), json);
  });

  test('a missing KUBECONFIG entry is skipped, an explicit missing file is an error', () => {
    const dir = tempDir();
    const { files } = writeThreeContexts(dir);
    const list = listContexts(loadKubeconfig({ KUBECONFIG: [path.join(dir, 'nope.yaml'), files[1]].join(path.delimiter) }), null);
    assert.deepEqual(list.contexts.map((c) => c.name), ['gamma', 'alpha']);
    assert.throws(() => loadKubeconfig({}, path.join(dir, 'nope.yaml')), /nope\.yaml: cannot read kubeconfig: file does not exist/);
  });

  test('paths: explicit wins, KUBECONFIG entries deduplicated, default ~/.kube/config', () => {
    assert.deepEqual(kubeconfigPaths({ KUBECONFIG: '/x/a:/x/b:/x/a::' }), ['/x/a', '/x/b']);
    assert.deepEqual(kubeconfigPaths({ KUBECONFIG: '/x/a' }, '/y/c'), ['/y/c']);
    assert.deepEqual(kubeconfigPaths({ HOME: '/home/op' }), ['/home/op/.kube/config']);
  });

  test('unknown fields kubectl ignores are ignored with a warning; a near miss of a known field is refused', () => {
    const dir = tempDir();
    const file = writeFile(
      dir,
      'config',
      'apiVersion: v1\nkind: Config\nx-generated-by: some-tool\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:6443\n    vendor-extra: 1\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n- name: a\n  context: {cluster: c, user: u}\n',
    );
    const list = listContexts(loadKubeconfig({ KUBECONFIG: file }), null);
    assert.deepEqual(list.contexts.map((c) => c.name), ['a']);
    assert.deepEqual(list.warnings, [
      `${file}:3: unknown field "x-generated-by" in the kubeconfig is ignored (as kubectl does)`,
      `${file}:8: unknown field "vendor-extra" in clusters[0].cluster ("c") is ignored (as kubectl does)`,
    ]);
    const typo = writeFile(dir, 'typo', 'users:\n- name: u\n  user:\n    tokne: t\n');
    assert.throws(() => loadKubeconfig({ KUBECONFIG: typo }), new RegExp(`^.*typo:4: unknown field "tokne" in users\\[0\\]\\.user \\("u"\\) \\(did you mean "token"\\?\\)`));
  });

  const malformed: Array<[string, string, RegExp]> = [
    ['bad YAML', 'clusters: [\n', /:\d+: invalid YAML/],
    ['not a mapping', '- a\n- b\n', /must be a YAML mapping/],
    ['server not a string', 'clusters:\n- name: c\n  cluster:\n    server: 5\n', /:4: clusters\[0\]\.cluster\.server must be a non-empty string/],
    ['server not a URL', 'clusters:\n- name: c\n  cluster:\n    server: "not a url"\n', /:4: clusters\[0\]\.cluster\.server is not a URL/],
    ['contexts not a list', 'contexts: {a: b}\n', /:1: contexts must be a list/],
    ['context without name', 'contexts:\n- context: {cluster: c}\n', /contexts\[0\]\.name must be a non-empty string/],
    ['duplicate context', 'contexts:\n- name: a\n  context: {cluster: c}\n- name: a\n  context: {cluster: c}\n', /:4: contexts\[1\]: duplicate context name "a"/],
    ['wrong kind', 'kind: Pod\n', /:1: kind must be "Config"/],
    ['namespace not a string', 'contexts:\n- name: a\n  context:\n    cluster: c\n    namespace: [x]\n', /:5: contexts\[0\]\.context\.namespace must be a string/],
  ];
  for (const [name, text, expected] of malformed) {
    test(`malformed kubeconfig: ${name} → invalid_config naming the file`, () => {
      const dir = tempDir();
      const file = writeFile(dir, 'config', text);
      assert.throws(
        () => loadKubeconfig({ KUBECONFIG: file }),
        (err: unknown) => {
          assert.ok(err instanceof ContractError, String(err));
          assert.equal(err.code, 'invalid_config');
          assert.ok(err.message.startsWith(file), err.message);
          assert.match(err.message, expected);
          return true;
        },
      );
    });
  }
});
