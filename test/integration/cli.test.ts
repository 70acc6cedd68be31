import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, startCli } from '../support/cli.ts';
import { tempDir, writeFile } from '../support/temp.ts';
import { writeThreeContexts } from '../support/kubeconfigs.ts';

describe('groundcrew CLI', () => {
  test('--help lists the commands, exit 0; no command is a usage error, exit 2', () => {
    const help = runCli(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Commands:[\s\S]*contexts[\s\S]*serve/);
    const none = runCli([]);
    assert.equal(none.status, 2);
  });

  test('unknown command or flag → exit 2 with a message naming it', () => {
    const unknown = runCli(['frobnicate']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    const badFlag = runCli(['serve', '--bogus']);
    assert.equal(badFlag.status, 2);
    assert.match(badFlag.stderr, /--bogus/);
    const badPort = runCli(['serve', '--port', 'x']);
    assert.equal(badPort.status, 2);
    assert.match(badPort.stderr, /--port must be a port number/);
  });

  test('version prints name and version', () => {
    const r = runCli(['version', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const info = JSON.parse(r.stdout);
    assert.equal(info.name, 'groundcrew');
    assert.match(info.version, /^\d+\.\d+\.\d+/);
    assert.equal(info.host, 'cli');
  });

  test('contexts --json prints the merged contexts', () => {
    const dir = tempDir();
    const { KUBECONFIG } = writeThreeContexts(dir);
    const r = runCli(['contexts', '--json'], { KUBECONFIG, GROUNDCREW_HOME: dir });
    assert.equal(r.status, 0, r.stderr);
    const list = JSON.parse(r.stdout);
    assert.deepEqual(list.contexts.map((c: { name: string }) => c.name), ['alpha', 'beta', 'gamma']);
    assert.equal(list.kubeconfigCurrent, 'alpha');
    const table = runCli(['contexts'], { KUBECONFIG, GROUNDCREW_HOME: dir });
    assert.match(table.stdout, /^CURRENT\s+NAME\s+CLUSTER\s+SERVER/);
    assert.match(table.stdout, /\*\s+alpha\s+cluster-a\s+https:\/\/127\.0\.0\.1:16443/);
  });

  test('a malformed kubeconfig → exit 1 and an error naming the file, line and field', () => {
    const dir = tempDir();
    const file = writeFile(dir, 'broken.yaml', 'apiVersion: v1\nclusters:\n- name: c\n  cluster:\n    server: 5\n');
    const r = runCli(['contexts', '--kubeconfig', file], { GROUNDCREW_HOME: dir });
    assert.equal(r.status, 1);
    assert.equal(r.stderr.trim(), `error: ${file}:5: clusters[0].cluster.server must be a non-empty string (the API server URL)`);
    const json = runCli(['contexts', '--json', '--kubeconfig', file], { GROUNDCREW_HOME: dir });
    assert.equal(json.status, 1);
    assert.equal(JSON.parse(json.stdout).error.code, 'invalid_config');
  });

  test('serve binds 127.0.0.1 by default and prints a tokenized URL', async () => {
    const dir = tempDir();
    const { KUBECONFIG } = writeThreeContexts(dir);
    const served = await startCli(['serve'], { KUBECONFIG, GROUNDCREW_HOME: dir }, /^Open: (http:\/\/([^/]+)\/\?token=\S+)$/);
    assert.match(served.match[2]!, /^127\.0\.0\.1:\d+$/);
    const res = await fetch(served.match[1]!, { redirect: 'manual' });
    assert.equal(res.status, 303);
    assert.equal(await served.stop(), 0);
  });
});
