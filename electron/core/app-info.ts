import fs from 'node:fs';
import path from 'node:path';
import type { AppInfo, Licenses } from '../../shared/model/app-info.ts';

interface PackageJson { name: string; version: string }

export function readAppInfo(appRoot: string, host: AppInfo['host']): AppInfo {
  const pkg = JSON.parse(fs.readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as PackageJson;
  return {
    name: pkg.name,
    version: pkg.version,
    // The build id is stamped by the build (GROUNDCREW_BUILD); a source checkout says so.
    build: process.env.GROUNDCREW_BUILD ?? 'source',
    platform: process.platform,
    arch: process.arch,
    node: process.versions.node,
    host,
  };
}

interface LockPackage { version?: string; license?: string; dev?: boolean; devOptional?: boolean }

/**
 * Licenses of the dependencies Groundcrew ships (the lockfile's non-dev packages), for the
 * About panel. Read from package-lock.json so the list is exactly what is bundled.
 */
export function readLicenses(appRoot: string): Licenses {
  const lock = JSON.parse(fs.readFileSync(path.join(appRoot, 'package-lock.json'), 'utf8')) as {
    packages?: Record<string, LockPackage>;
  };
  const packages = Object.entries(lock.packages ?? {})
    .filter(([key, p]) => key.startsWith('node_modules/') && !p.dev && !p.devOptional)
    .map(([key, p]) => ({
      name: key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length),
      version: p.version ?? 'unknown',
      license: p.license ?? 'UNKNOWN',
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  return { packages };
}
