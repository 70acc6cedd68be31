import type { KubeObject } from '../../cluster/view.ts';

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}

/** Structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => jsonEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => jsonEqual(ao[k], bo[k]));
}

/** generation moves when anything but metadata and status changes, as for built-in kinds. */
export function specChanged(before: KubeObject, after: KubeObject): boolean {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (key === 'metadata' || key === 'status' || key === 'apiVersion' || key === 'kind') continue;
    if (!jsonEqual(before[key], after[key])) return true;
  }
  return false;
}

/** True when a write would change nothing but managedFields bookkeeping: the server then skips it. */
export function sameExcept(before: KubeObject, after: KubeObject): boolean {
  const { managedFields: _a, resourceVersion: _ra, ...metaA } = before.metadata;
  const { managedFields: _b, resourceVersion: _rb, ...metaB } = after.metadata;
  return jsonEqual({ ...before, metadata: metaA }, { ...after, metadata: metaB });
}

/** Reads a simple JSONPath (.spec.replicas) from an object. */
export function getPath(object: unknown, path: string): unknown {
  let cur: unknown = object;
  for (const part of path.replace(/^\./, '').split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Writes a simple JSONPath (.spec.replicas), creating objects on the way. */
export function setPath(object: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.replace(/^\./, '').split('.');
  let cur = object;
  for (const part of parts.slice(0, -1)) {
    if (cur[part] === null || typeof cur[part] !== 'object') cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]!] = value;
}
