/** Small helpers shared by the simulated controllers. */
import { randomInt } from 'node:crypto';
import type { KubeObject } from '../../cluster/view.ts';

export type Json = Record<string, unknown>;

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Json)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Json)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Json)[k], (b as Json)[k]));
}

/** FNV-1a 32-bit, the hash Kubernetes uses for pod-template-hash. */
export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

// k8s.io/apimachinery/pkg/util/rand: no vowels, no confusable characters.
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** rand.SafeEncodeString(fmt.Sprint(hash)): what pod-template-hash values look like. */
export function safeEncode(text: string): string {
  return [...text].map((c) => SAFE[c.charCodeAt(0) % SAFE.length]).join('');
}

export function templateHash(template: unknown): string {
  return safeEncode(String(fnv32a(stableStringify(template))));
}

/** A generateName-style suffix (5 characters from the safe alphabet). */
export function randomSuffix(length = 5): string {
  let out = '';
  for (let i = 0; i < length; i++) out += SAFE[randomInt(SAFE.length)];
  return out;
}

export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Json)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Json)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** RFC 3339 without fractional seconds, as the API server writes metav1.Time. */
export function isoTime(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }>;
}

/** A LabelSelector (apps/v1, batch/v1); an empty selector matches nothing here, as controllers treat it. */
export function matchesSelector(labels: Record<string, string> | undefined, selector: LabelSelector | undefined): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  const pairs = Object.entries(selector.matchLabels ?? {});
  const exprs = selector.matchExpressions ?? [];
  if (pairs.length === 0 && exprs.length === 0) return false;
  if (!pairs.every(([k, v]) => l[k] === v)) return false;
  return exprs.every((e) => {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    switch (e.operator) {
      case 'In':
        return has && (e.values ?? []).includes(l[e.key]!);
      case 'NotIn':
        return !has || !(e.values ?? []).includes(l[e.key]!);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
}

/** A Service-style selector (plain map); empty or missing matches nothing. */
export function matchesMap(labels: Record<string, string> | undefined, selector: Record<string, string> | undefined): boolean {
  const pairs = Object.entries(selector ?? {});
  return pairs.length > 0 && pairs.every(([k, v]) => labels?.[k] === v);
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  lastProbeTime?: string | null;
  observedGeneration?: number;
  [key: string]: unknown;
}

/**
 * Builds a condition list from the desired ones, keeping lastTransitionTime (and
 * lastUpdateTime) from the previous list when nothing about the condition changed, so a
 * reconcile that changes nothing writes nothing.
 */
export function mergeConditions(previous: Condition[] | undefined, desired: Condition[], now: string, opts: { updateTime?: boolean } = {}): Condition[] {
  return desired.map((d) => {
    const old = previous?.find((c) => c.type === d.type);
    const same = old && old.status === d.status && old.reason === d.reason && old.message === d.message;
    const transition = old && old.status === d.status ? old.lastTransitionTime : undefined;
    const out: Condition = { ...d, lastTransitionTime: d.lastTransitionTime ?? transition ?? now };
    if (opts.updateTime) out.lastUpdateTime = same ? (old.lastUpdateTime ?? now) : now;
    return out;
  });
}

export function conditionOf(obj: KubeObject | undefined, type: string): Condition | undefined {
  const conditions = ((obj?.status as Json | undefined)?.conditions ?? []) as Condition[];
  return conditions.find((c) => c.type === type);
}

export const keyOf = (namespace: string | undefined, name: string) => (namespace ? `${namespace}/${name}` : name);
export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

export function controllerOf(obj: KubeObject): { kind: string; name: string; uid: string; apiVersion: string } | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller);
}

export function ownerRef(owner: KubeObject) {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

export function ownedBy(obj: KubeObject, owner: KubeObject): boolean {
  return Boolean(obj.metadata.ownerReferences?.some((r) => r.controller && r.uid === owner.metadata.uid));
}

export function spec<T = Json>(obj: KubeObject | undefined): T {
  return ((obj?.spec as T | undefined) ?? ({} as T));
}
export function status<T = Json>(obj: KubeObject | undefined): T {
  return ((obj?.status as T | undefined) ?? ({} as T));
}

/** Parses a Kubernetes quantity like 500m, 2Gi or 1.5 into a number of base units. */
export function parseQuantity(q: string | number | undefined): number {
  if (q === undefined) return 0;
  if (typeof q === 'number') return q;
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(q.trim());
  if (!m) return 0;
  const units: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };
  return Number(m[1]) * (units[m[2]!] ?? 1);
}

export function intOrPercent(value: string | number | undefined, total: number, roundUp: boolean, fallback: string): number {
  const v = value ?? fallback;
  if (typeof v === 'number') return v;
  if (v.endsWith('%')) {
    const raw = (Number(v.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(raw) : Math.floor(raw);
  }
  return Number(v) || 0;
}
