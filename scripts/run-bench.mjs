// Runs every bench/*.bench.ts (or the files named) one after another and prints their tables.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const named = process.argv.slice(2);
const files = named.length ? named : readdirSync('bench').filter((f) => f.endsWith('.bench.ts')).sort().map((f) => path.join('bench', f));
let failed = 0;
for (const file of files) {
  console.log(`\n== ${file}`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', file], { stdio: 'inherit', env: { ...process.env, NODE_NO_WARNINGS: '1' } });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
