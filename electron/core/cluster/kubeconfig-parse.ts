import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import { ContractError } from '../../../shared/contract/errors.ts';

/** The parts of a kubeconfig file Groundcrew reads, as plain data (credentials stay in here, in the core). */
export interface KubeconfigFile {
  file: string;
  currentContext: string | null;
  clusters: Array<{ name: string; cluster: Record<string, unknown> }>;
  users: Array<{ name: string; user: Record<string, unknown> }>;
  contexts: Array<{ name: string; context: Record<string, unknown> }>;
  preferences: Record<string, unknown>;
}

type Path = Array<string | number>;

/**
 * Parse one kubeconfig file. Any problem throws an `invalid_config` ContractError whose
 * message names the file, the line and the field, e.g.
 * `/home/a/.kube/config:7: contexts[1].context.cluster must be a string`.
 */
export function parseKubeconfig(file: string, text: string): KubeconfigFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const fail = (message: string, at?: Node | null): never => {
    const line = at?.range ? `:${lineCounter.linePos(at.range[0]).line}` : '';
    throw new ContractError('invalid_config', `${file}${line}: ${message}`, `${file}${line}`);
  };
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = first.linePos?.[0]?.line ?? lineCounter.linePos(first.pos[0]).line;
    const msg = first.message.split('\n')[0] ?? first.message;
    throw new ContractError('invalid_config', `${file}${line ? `:${line}` : ''}: invalid YAML: ${msg}`, file);
  }
  const root = doc.contents;
  // An empty file is a valid, empty kubeconfig for kubectl.
  if (root === null || root === undefined) return emptyKubeconfig(file);
  if (!isMap(root)) return fail('the file must be a YAML mapping (apiVersion, kind, clusters, users, contexts)', root);

  const nodeAt = (p: Path): Node | null => (doc.getIn(p, true) as Node | undefined) ?? null;
  const label = (p: Path) => p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
  const js = doc.toJS() as Record<string, unknown>;

  const kind = js.kind;
  if (kind !== undefined && kind !== null && kind !== 'Config') fail(`kind must be "Config", found ${JSON.stringify(kind)}`, nodeAt(['kind']));
  const apiVersion = js.apiVersion;
  if (apiVersion !== undefined && apiVersion !== null && apiVersion !== 'v1') fail(`apiVersion must be "v1", found ${JSON.stringify(apiVersion)}`, nodeAt(['apiVersion']));

  const current = js['current-context'];
  if (current !== undefined && current !== null && typeof current !== 'string') fail('current-context must be a string', nodeAt(['current-context']));

  const namedList = <K extends string>(key: 'clusters' | 'users' | 'contexts', inner: K) => {
    const value = js[key];
    if (value === undefined || value === null) return [] as Array<{ name: string } & Record<K, Record<string, unknown>>>;
    if (!isSeq(nodeAt([key]))) fail(`${key} must be a list`, nodeAt([key]));
    const seen = new Set<string>();
    return (value as unknown[]).map((entry, i) => {
      const at: Path = [key, i];
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) fail(`${label(at)} must be a mapping with name and ${inner}`, nodeAt(at));
      const rec = entry as Record<string, unknown>;
      if (typeof rec.name !== 'string' || rec.name === '') fail(`${label(at)}.name must be a non-empty string`, nodeAt([...at, 'name']) ?? nodeAt(at));
      const name = rec.name as string;
      if (seen.has(name)) fail(`${label(at)}: duplicate ${inner} name "${name}"`, nodeAt([...at, 'name']));
      seen.add(name);
      const body = rec[inner];
      if (typeof body !== 'object' || body === null || Array.isArray(body)) fail(`${label([...at, inner])} must be a mapping`, nodeAt([...at, inner]) ?? nodeAt(at));
      return { name, [inner]: body } as { name: string } & Record<K, Record<string, unknown>>;
    });
  };

  const clusters = namedList('clusters', 'cluster');
  clusters.forEach((c, i) => {
    const server = c.cluster.server;
    if (typeof server !== 'string' || server === '') fail(`clusters[${i}].cluster.server must be a non-empty string (the API server URL)`, nodeAt(['clusters', i, 'cluster', 'server']) ?? nodeAt(['clusters', i]));
    try {
      new URL(server as string);
    } catch {
      fail(`clusters[${i}].cluster.server is not a URL: ${JSON.stringify(server)}`, nodeAt(['clusters', i, 'cluster', 'server']));
    }
  });
  const users = namedList('users', 'user');
  const contexts = namedList('contexts', 'context');
  contexts.forEach((c, i) => {
    for (const field of ['cluster', 'user', 'namespace'] as const) {
      const v = c.context[field];
      if (v !== undefined && v !== null && typeof v !== 'string') fail(`contexts[${i}].context.${field} must be a string`, nodeAt(['contexts', i, 'context', field]));
    }
    if (typeof c.context.cluster !== 'string' || c.context.cluster === '') fail(`contexts[${i}].context.cluster must name a cluster`, nodeAt(['contexts', i, 'context']));
  });
  const preferences = js.preferences;
  return {
    file,
    currentContext: typeof current === 'string' && current !== '' ? current : null,
    clusters,
    users,
    contexts,
    preferences: typeof preferences === 'object' && preferences !== null ? (preferences as Record<string, unknown>) : {},
  };
}

function emptyKubeconfig(file: string): KubeconfigFile {
  return { file, currentContext: null, clusters: [], users: [], contexts: [], preferences: {} };
}
