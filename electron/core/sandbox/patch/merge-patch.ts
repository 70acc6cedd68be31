import type { KubeObject } from '../../cluster/view.ts';
import { StoreError } from '../store/types.ts';
import { cloneJson, isPlainObject, type JsonObject } from './values.ts';

/**
 * RFC 7386 JSON merge patch: null deletes a key, objects merge recursively, anything else
 * (arrays included) replaces. Returns a new object; `live` is not touched.
 */
export function applyMergePatch(live: KubeObject, patch: unknown): KubeObject {
  if (!isPlainObject(patch)) {
    throw new StoreError('BadRequest', `merge patch must be a JSON object, got ${Array.isArray(patch) ? 'array' : patch === null ? 'null' : typeof patch}`);
  }
  return mergeObject(cloneJson(live) as JsonObject, patch) as KubeObject;
}

/** Merges `patch` into `target` (which the caller owns and may be mutated) and returns it. */
export function mergeObject(target: JsonObject, patch: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete target[key];
    } else if (isPlainObject(value)) {
      const current = target[key];
      target[key] = mergeObject(isPlainObject(current) ? current : {}, value);
    } else {
      target[key] = cloneJson(value);
    }
  }
  return target;
}
