import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node } from 'yaml';
import { ContractError } from '../../../shared/contract/errors.ts';
import { parseServerUrl } from './server-url.ts';
import { closestField, KNOWN_FIELDS } from './kubeconfig-fields.ts';

/** The parts of a kubeconfig file Groundcrew reads, as plain data (credentials stay in here, in the core). */
export interface KubeconfigFile {
  file: string;
  currentContext: string | null;
  clusters: Array<{ name: string; cluster: Record<string, unknown> }>;
  users: Array<{ name: string; user: Record<string, unknown> }>;
  contexts: Array<{ name: string; context: Record<string, unknown> }>;
  preferences: Record<string, unknown>;
  /** Unknown fields kubectl would ignore too, as `file:line: …` messages. */
  warnings: string[];
  /**
   * The 1-based line of a field, e.g. `['users', 0, 'user', 'token']`, so later checks (resolving a
   * context, reading its files) can point at the line too. Absent on hand-built values.
   */
  lineOf?: (path: Path) => number | undefined;
}

export type Path = Array<string | number>;

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
    const msg =
      first.code === 'TAB_AS_INDENT'
        ? 'a tab character is used for indentation; YAML allows only spaces there'
        : first.code === 'DUPLICATE_KEY'
          ? 'a key appears twice in the same mapping'
          : (first.message.split('\n')[0] ?? first.message);
    const where = `${file}${line ? `:${line}` : ''}`;
    throw new ContractError('invalid_config', `${where}: invalid YAML: ${msg}`, where);
  }
  const root = doc.contents;
  // An empty file is a valid, empty kubeconfig for kubectl.
  if (root === null || root === undefined) return emptyKubeconfig(file);
  if (!isMap(root)) return fail('the file must be a YAML mapping (apiVersion, kind, clusters, users, contexts)', root);

  const nodeAt = (p: Path): Node | null => (doc.getIn(p, true) as Node | undefined) ?? null;
  const label = (p: Path) => p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
  const js = doc.toJS() as Record<string, unknown>;
  /** The key node itself (not its value), so a message points at the line that names the field. */
  const keyNodeAt = (at: Path, key: string): Node | null => {
    const map = at.length ? nodeAt(at) : root;
    if (!isMap(map)) return null;
    const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
    return (pair?.key as Node | undefined) ?? null;
  };
  const lineOf = (p: Path): number | undefined => {
    const node = nodeAt(p);
    return node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  };
  const warnings: string[] = [];
  /**
   * A near miss of a known field is a typo that kubectl would silently ignore (and then fail in a
   * confusing way): refuse it, naming the field that was meant. Other unknown fields are ignored
   * like kubectl ignores them, with a warning.
   */
  const onlyKnown = (value: unknown, at: Path, known: readonly string[], what: string) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const guess = closestField(key, known);
      if (guess) fail(`unknown field "${key}" in ${what} (did you mean "${guess}"?)`, keyNodeAt(at, key));
      const node = keyNodeAt(at, key);
      const line = node?.range ? `:${lineCounter.linePos(node.range[0]).line}` : '';
      warnings.push(`${file}${line}: unknown field "${key}" in ${what} is ignored (as kubectl does)`);
    }
  };
  onlyKnown(js, [], KNOWN_FIELDS.root, 'the kubeconfig');

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
    onlyKnown(c.cluster, ['clusters', i, 'cluster'], KNOWN_FIELDS.cluster, `clusters[${i}].cluster ("${c.name}")`);
    const server = c.cluster.server;
    if (typeof server !== 'string' || server === '') fail(`clusters[${i}].cluster.server must be a non-empty string (the API server URL)`, nodeAt(['clusters', i, 'cluster', 'server']) ?? nodeAt(['clusters', i]));
    if (parseServerUrl(server as string) === null) {
      fail(`clusters[${i}].cluster.server is not a URL: ${JSON.stringify(server)} (expected https://host:port)`, nodeAt(['clusters', i, 'cluster', 'server']));
    }
  });
  const users = namedList('users', 'user');
  users.forEach((u, i) => {
    onlyKnown(u.user, ['users', i, 'user'], KNOWN_FIELDS.user, `users[${i}].user ("${u.name}")`);
    onlyKnown(u.user.exec, ['users', i, 'user', 'exec'], KNOWN_FIELDS.exec, `users[${i}].user.exec ("${u.name}")`);
    onlyKnown(u.user['auth-provider'], ['users', i, 'user', 'auth-provider'], KNOWN_FIELDS.authProvider, `users[${i}].user.auth-provider ("${u.name}")`);
  });
  const contexts = namedList('contexts', 'context');
  contexts.forEach((c, i) => {
    onlyKnown(c.context, ['contexts', i, 'context'], KNOWN_FIELDS.context, `contexts[${i}].context ("${c.name}")`);
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
    warnings,
    lineOf,
  };
}

function emptyKubeconfig(file: string): KubeconfigFile {
  return { file, currentContext: null, clusters: [], users: [], contexts: [], preferences: {}, warnings: [] };
}
