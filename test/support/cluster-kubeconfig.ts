import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadKubeconfig } from '../../electron/core/cluster/kubeconfig-load.ts';
import { resolveContext, type ResolvedContext } from '../../electron/core/cluster/resolve-context.ts';

/** Writes a one-context kubeconfig (context, cluster and user all named "test") and returns its path. */
export function writeKubeconfig(
  dir: string,
  name: string,
  parts: { cluster: Record<string, unknown>; user?: Record<string, unknown>; namespace?: string },
): string {
  const file = path.join(dir, name);
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'test', cluster: parts.cluster }],
    users: parts.user ? [{ name: 'test', user: parts.user }] : [],
    contexts: [{ name: 'test', context: { cluster: 'test', ...(parts.user ? { user: 'test' } : {}), ...(parts.namespace ? { namespace: parts.namespace } : {}) } }],
    'current-context': 'test',
  };
  fs.writeFileSync(file, stringify(doc));
  return file;
}

/** Load the file exactly like `kubectl --kubeconfig <file>` and resolve its current context. */
export function resolveFile(file: string): ResolvedContext {
  return resolveContext(loadKubeconfig({}, file));
}
