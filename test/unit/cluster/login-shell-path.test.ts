import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { locateExecCommand } from '../../../electron/core/cluster/exec-preflight.ts';
import { execSearchPath, loginShellPath } from '../../../electron/core/cluster/login-shell-path.ts';

let home: string;
let pluginDir: string;
before(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-home-'));
  pluginDir = path.join(home, 'sdk', 'bin');
  fs.mkdirSync(pluginDir, { recursive: true });
  fs.writeFileSync(path.join(pluginDir, 'gc-test-auth-plugin'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  // A login profile that prints noise (as many do) and extends PATH, like an SDK installer would.
  fs.writeFileSync(path.join(home, '.bash_profile'), `echo "Welcome back"\nexport PATH="${pluginDir}:$PATH"\n`);
});
after(() => fs.rmSync(home, { recursive: true, force: true }));

const env = () => ({ HOME: home, SHELL: '/bin/bash', PATH: '/usr/bin:/bin', TERM: 'dumb' });

describe('login shell PATH for desktop launches', () => {
  test('reads the PATH set by the login profile, ignoring what the profile prints', async () => {
    const p = await loginShellPath(env());
    assert.ok(p, 'expected a PATH');
    assert.equal(p.split(':')[0], pluginDir);
    assert.ok(!p.includes('Welcome'));
  });

  test('execSearchPath uses it only when GROUNDCREW_LOGIN_SHELL_PATH=1 (or from the desktop app)', async () => {
    assert.equal(await execSearchPath(env()), '/usr/bin:/bin');
    const searched = await execSearchPath({ ...env(), GROUNDCREW_LOGIN_SHELL_PATH: '1' });
    assert.ok(searched?.startsWith(`${pluginDir}:`));
    assert.equal(locateExecCommand({ command: 'gc-test-auth-plugin', file: path.join(home, 'config') }, '/usr/bin:/bin'), null);
    assert.equal(locateExecCommand({ command: 'gc-test-auth-plugin', file: path.join(home, 'config') }, searched), path.join(pluginDir, 'gc-test-auth-plugin'));
  });

  test('a shell that never finishes gives null after the timeout instead of hanging the app', async () => {
    const slow = path.join(home, 'slow-shell');
    fs.writeFileSync(slow, '#!/bin/sh\nsleep 30\n', { mode: 0o755 });
    assert.equal(await loginShellPath({ ...env(), SHELL: slow }, 200), null);
    assert.equal(await loginShellPath({ ...env(), SHELL: path.join(home, 'no-such-shell') }), null);
  });
});
