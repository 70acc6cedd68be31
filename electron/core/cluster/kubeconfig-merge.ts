import type { KubeconfigFile } from './kubeconfig-parse.ts';

export interface MergedEntry<T> {
  name: string;
  value: T;
  /** The file that defined it; with several files kubectl keeps the first definition. */
  file: string;
}

export interface MergedKubeconfig {
  files: string[];
  currentContext: string | null;
  clusters: Map<string, MergedEntry<Record<string, unknown>>>;
  users: Map<string, MergedEntry<Record<string, unknown>>>;
  contexts: Map<string, MergedEntry<Record<string, unknown>>>;
}

/** kubectl's merge rule for KUBECONFIG lists: the first file to set a value or define a name wins. */
export function mergeKubeconfigs(files: KubeconfigFile[]): MergedKubeconfig {
  const merged: MergedKubeconfig = {
    files: files.map((f) => f.file),
    currentContext: null,
    clusters: new Map(),
    users: new Map(),
    contexts: new Map(),
  };
  for (const f of files) {
    if (merged.currentContext === null && f.currentContext) merged.currentContext = f.currentContext;
    for (const c of f.clusters) if (!merged.clusters.has(c.name)) merged.clusters.set(c.name, { name: c.name, value: c.cluster, file: f.file });
    for (const u of f.users) if (!merged.users.has(u.name)) merged.users.set(u.name, { name: u.name, value: u.user, file: f.file });
    for (const c of f.contexts) if (!merged.contexts.has(c.name)) merged.contexts.set(c.name, { name: c.name, value: c.context, file: f.file });
  }
  return merged;
}
