/**
 * ClusterView: an immutable, indexed picture of the objects an operation needs.
 * Produced by a live ClusterSource (informer cache), by a support bundle on disk, or by a
 * test from a handful of objects; inspections only ever read this, never the API.
 */

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<{ apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }>;
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** A kind, independent of version: "Pod", "apps/Deployment", "cert-manager.io/Certificate". */
export type KindKey = string;

export function kindKeyOf(apiVersion: string, kind: string): KindKey {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? kind : `${apiVersion.slice(0, slash)}/${kind}`;
}

export interface ObjectRef {
  kind: KindKey;
  namespace?: string;
  name: string;
}

/** Why a kind is missing from a view: a view must say "could not see" apart from "none exist". */
export type KindState = { state: 'listed' } | { state: 'forbidden'; reason: string } | { state: 'not-served' } | { state: 'error'; reason: string };

export interface ClusterView {
  readonly capturedAt: string;
  readonly source: { kind: 'live' | 'snapshot' | 'fixture'; name: string };
  /** Every object of a kind, optionally in one namespace, in a stable (namespace, name) order. */
  list(kind: KindKey, namespace?: string): readonly KubeObject[];
  get(kind: KindKey, namespace: string | undefined, name: string): KubeObject | undefined;
  /** Objects of a kind whose labels contain every pair of `selector` (equality-based). */
  select(kind: KindKey, selector: Record<string, string>, namespace?: string): readonly KubeObject[];
  kindState(kind: KindKey): KindState;
  kinds(): readonly KindKey[];
  namespaces(): readonly string[];
}

export interface ViewOptions {
  capturedAt?: string;
  source?: ClusterView['source'];
  /** Kinds that could not be listed, with the reason. Kinds not named and holding no objects are 'not-served'. */
  kindStates?: Record<KindKey, KindState>;
}

const nsKey = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;

export function buildClusterView(objects: Iterable<KubeObject>, options: ViewOptions = {}): ClusterView {
  const byKind = new Map<KindKey, KubeObject[]>();
  const byName = new Map<KindKey, Map<string, KubeObject>>();
  const namespaces = new Set<string>();
  for (const obj of objects) {
    const key = kindKeyOf(obj.apiVersion, obj.kind);
    const frozen = deepFreeze(obj);
    if (!byKind.has(key)) {
      byKind.set(key, []);
      byName.set(key, new Map());
    }
    byKind.get(key)!.push(frozen);
    byName.get(key)!.set(nsKey(obj.metadata.namespace, obj.metadata.name), frozen);
    if (obj.metadata.namespace) namespaces.add(obj.metadata.namespace);
    if (obj.kind === 'Namespace') namespaces.add(obj.metadata.name);
  }
  for (const list of byKind.values()) {
    list.sort((a, b) => nsKey(a.metadata.namespace, a.metadata.name).localeCompare(nsKey(b.metadata.namespace, b.metadata.name)));
  }
  const states = options.kindStates ?? {};
  const empty: readonly KubeObject[] = Object.freeze([]);
  const view: ClusterView = {
    capturedAt: options.capturedAt ?? new Date().toISOString(),
    source: options.source ?? { kind: 'fixture', name: 'in-memory' },
    list(kind, namespace) {
      const all = byKind.get(kind) ?? empty;
      return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
    },
    get(kind, namespace, name) {
      return byName.get(kind)?.get(nsKey(namespace, name));
    },
    select(kind, selector, namespace) {
      const pairs = Object.entries(selector);
      return view.list(kind, namespace).filter((o) => pairs.every(([k, v]) => o.metadata.labels?.[k] === v));
    },
    kindState(kind) {
      return states[kind] ?? (byKind.has(kind) ? { state: 'listed' } : { state: 'not-served' });
    },
    kinds() {
      return [...new Set([...byKind.keys(), ...Object.keys(states)])].sort();
    },
    namespaces() {
      return [...namespaces].sort();
    },
  };
  return Object.freeze(view);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
