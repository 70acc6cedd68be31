#!/usr/bin/env node
// Runs the CLI from TypeScript source in a checkout (via tsx), or from the bundle in a package.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const source = path.join(root, 'electron', 'cli', 'main.ts');
const bundle = path.join(root, 'dist', 'cli', 'groundcrew.mjs');

if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(source).href);
} else {
  await import(pathToFileURL(bundle).href);
}
