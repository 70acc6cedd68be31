import type { KubeconfigFile, Path } from './kubeconfig-parse.ts';

export interface MergedEntry<T> {
  name: string;
  value: T;
  /** The file that defined it; with several files kubectl keeps the first definition. */
  file: string;
  /** Line of a field inside this entry's body (`[]` = the entry itself), when the file was parsed from text. */
  lineOf?: (field: Path) => number | undefined;
}

export interface MergedKubeconfig {
  files: string[];
  currentContext: string | null;
  /** Where current-context was set (file and line), to point at it when it names nothing. */
  currentContextAt?: { file: string; line?: number };
  clusters: Map<string, MergedEntry<Record<string, unknown>>>;
  users: Map<string, MergedEntry<Record<string, unknown>>>;
  contexts: Map<string, MergedEntry<Record<string, unknown>>>;
  /** Problems that do not stop kubectl (unknown fields), for the UI and CLI to show. */
  warnings: string[];
}

/** kubectl's merge rule for KUBECONFIG lists: the first file to set a value or define a name wins. */
export function mergeKubeconfigs(files: KubeconfigFile[]): MergedKubeconfig {
  const merged: MergedKubeconfig = {
    files: files.map((f) => f.file),
    currentContext: null,
    clusters: new Map(),
    users: new Map(),
    contexts: new Map(),
    warnings: files.flatMap((f) => f.warnings ?? []),
  };
  for (const f of files) {
    if (merged.currentContext === null && f.currentContext) {
      merged.currentContext = f.currentContext;
      merged.currentContextAt = { file: f.file, line: f.lineOf?.(['current-context']) };
    }
    const lines = (key: string, inner: string, i: number) =>
      f.lineOf ? (field: Path) => (field.length ? f.lineOf!([key, i, inner, ...field]) : undefined) ?? f.lineOf!([key, i]) : undefined;
    f.clusters.forEach((c, i) => {
      if (!merged.clusters.has(c.name)) merged.clusters.set(c.name, { name: c.name, value: c.cluster, file: f.file, lineOf: lines('clusters', 'cluster', i) });
    });
    f.users.forEach((u, i) => {
      if (!merged.users.has(u.name)) merged.users.set(u.name, { name: u.name, value: u.user, file: f.file, lineOf: lines('users', 'user', i) });
    });
    f.contexts.forEach((c, i) => {
      if (!merged.contexts.has(c.name)) merged.contexts.set(c.name, { name: c.name, value: c.context, file: f.file, lineOf: lines('contexts', 'context', i) });
    });
  }
  return merged;
}
