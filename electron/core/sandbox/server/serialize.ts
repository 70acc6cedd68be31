import type { KubeObject } from '../../cluster/view.ts';

/**
 * JSON text of stored objects, cached per (frozen) object: a list of 10,000 pods or an event
 * fanned out to 50 watchers serializes each object once.
 */
const cache = new WeakMap<object, string>();

export function objectJson(object: KubeObject, apiVersion?: string): string {
  if (apiVersion && apiVersion !== object.apiVersion) return JSON.stringify({ ...object, apiVersion });
  if (!Object.isFrozen(object)) return JSON.stringify(object);
  let text = cache.get(object);
  if (text === undefined) {
    text = JSON.stringify(object);
    cache.set(object, text);
  }
  return text;
}

export function listJson(kind: string, apiVersion: string, metadata: Record<string, unknown>, items: readonly KubeObject[]): string {
  const parts = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) parts[i] = objectJson(items[i]!, apiVersion);
  return `{"kind":${JSON.stringify(kind)},"apiVersion":${JSON.stringify(apiVersion)},"metadata":${JSON.stringify(metadata)},"items":[${parts.join(',')}]}`;
}
