/**
 * Merge-patch arithmetic over plain JSON: the forward patch between two object states, and the
 * reverse patch that puts back exactly the fields a forward patch touched.
 */
export type Json = Record<string, unknown>;

export const isPlainObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** RFC 7386 merge patch turning `from` into `to` (arrays are replaced whole). */
export function createMergePatch(from: Json, to: Json): Json {
  const patch: Json = {};
  for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
    const a = from[key];
    const b = to[key];
    if (b === undefined) {
      if (a !== undefined) patch[key] = null;
    } else if (isPlainObject(a) && isPlainObject(b)) {
      const sub = createMergePatch(a, b);
      if (Object.keys(sub).length > 0) patch[key] = sub;
    } else if (!deepEqual(a, b)) {
      patch[key] = structuredClone(b);
    }
  }
  return patch;
}

/** Every leaf path a merge patch writes, e.g. [['data','Corefile'], ['metadata','annotations','x']]. */
export function patchLeaves(patch: Json, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [k, v] of Object.entries(patch)) {
    if (isPlainObject(v) && Object.keys(v).length > 0) out.push(...patchLeaves(v, [...prefix, k]));
    else out.push([...prefix, k]);
  }
  return out;
}

export function getPath(obj: unknown, path: readonly string[]): unknown {
  let cur: unknown = obj;
  for (const k of path) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/**
 * The merge patch that restores `before` at every field `forward` touched, leaving other fields
 * alone. Where `before` had no object at all and `live` holds only what the forward patch added,
 * the whole object is removed (so an added `annotations: {x}` goes away, not just `x`).
 */
export function reverseMergePatch(forward: Json, before: Json, live: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(forward)) {
    const b = before[k];
    const l = live[k];
    if (isPlainObject(v) && Object.keys(v).length > 0) {
      if (b === undefined) {
        const onlyOurs = isPlainObject(l) && Object.keys(l).every((lk) => lk in v);
        out[k] = onlyOurs ? null : reverseMergePatch(v, {}, isPlainObject(l) ? l : {});
      } else if (isPlainObject(b)) {
        out[k] = reverseMergePatch(v, b, isPlainObject(l) ? l : {});
      } else {
        out[k] = structuredClone(b);
      }
    } else {
      out[k] = b === undefined ? null : structuredClone(b);
    }
  }
  return out;
}
