// Makes a fresh clone runnable: installs npm dependencies when missing (without the Electron
// binary, which cannot be downloaded here) and, with --browser, Debian's chromium for browser tests.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`ensure-deps: "${cmd} ${args.join(' ')}" failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
};

if (!existsSync('node_modules/.package-lock.json')) {
  console.error('ensure-deps: installing npm dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund'], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
}

if (process.argv.includes('--browser') && !existsSync('/usr/bin/chromium')) {
  if (process.getuid?.() !== 0) {
    console.error('ensure-deps: /usr/bin/chromium is missing; install it with: sudo apt-get install -y chromium');
    process.exit(1);
  }
  console.error('ensure-deps: installing Debian chromium for the browser tests…');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
}
