import type { KubeObject } from '../cluster/view.ts';
import type { Change, ObjectRef } from '../../../shared/model/repair.ts';
import { renderDiff } from './diff.ts';
import { createMergePatch, type Json } from './json-paths.ts';

/**
 * Builders for the changes a fix plans. Each takes the live object from the view (so `before`
 * carries its resourceVersion) and produces the exact edit, its patch and its diff.
 */

export function refOf(obj: KubeObject): ObjectRef {
  const { namespace, name } = obj.metadata;
  return { apiVersion: obj.apiVersion, kind: obj.kind, ...(namespace ? { namespace } : {}), name };
}

/** A mutable deep copy of a (frozen) view object. */
export function copyOf<T>(obj: T): T {
  return structuredClone(obj) as T;
}

/** A merge patch computed from `live` and the result of `edit` on a copy of it. */
export function patchChange(live: KubeObject, edit: (draft: KubeObject) => void, summary: string): Change {
  const before = copyOf(live);
  const after = copyOf(live);
  edit(after);
  const body = createMergePatch(before as Json, after as Json);
  return { ref: refOf(live), action: 'patch', before: before as Json, after: after as Json, patch: { type: 'merge', body }, diff: renderDiff(refOf(live), before as Json, after as Json), summary };
}

/** A full replacement of `.status` (PUT …/status), as cert-manager's own tooling does it. */
export function statusChange(live: KubeObject, edit: (draft: KubeObject) => void, summary: string): Change {
  const before = copyOf(live);
  const after = copyOf(live);
  edit(after);
  return { ref: refOf(live), action: 'status', before: before as Json, after: after as Json, diff: renderDiff(refOf(live), before as Json, after as Json), summary };
}

/** Server-set fields a new object must not carry. */
export function withoutServerMetadata(obj: KubeObject): KubeObject {
  const copy = copyOf(obj);
  const meta = copy.metadata as Record<string, unknown>;
  for (const key of ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink']) delete meta[key];
  delete (copy as Record<string, unknown>).status;
  return copy;
}

export function createChange(obj: KubeObject, summary: string): Change {
  const after = withoutServerMetadata(obj);
  return { ref: refOf(obj), action: 'create', after: after as Json, diff: renderDiff(refOf(obj), undefined, after as Json), summary };
}

export function deleteChange(live: KubeObject, summary: string): Change {
  const before = copyOf(live);
  return { ref: refOf(live), action: 'delete', before: before as Json, diff: renderDiff(refOf(live), before as Json, undefined), summary };
}
