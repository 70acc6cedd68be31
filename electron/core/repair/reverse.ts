import type { Change, JournalChange } from '../../../shared/model/repair.ts';
import { renderDiff } from './diff.ts';
import { createMergePatch, deepEqual, getPath, patchLeaves, reverseMergePatch, isPlainObject, type Json } from './json-paths.ts';
import type { KubeWriter } from './kube-writer.ts';
import { describeRef, type ResourceResolver } from './resources.ts';
import { recreatable } from './recreate.ts';
import { readObject, StaleObjectError } from './writes.ts';
import type { KubeObject } from '../cluster/view.ts';

const SERVER_FIELDS = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink'];

/** The part of an object a person edits: no server-set metadata, no status. */
export function editable(obj: Json): Json {
  const copy = structuredClone(obj);
  delete copy.status;
  const meta = copy.metadata as Json | undefined;
  if (meta) for (const k of SERVER_FIELDS) delete meta[k];
  return copy;
}

const rv = (obj: Json | undefined) => (obj?.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
const uid = (obj: Json | undefined) => (obj?.metadata as { uid?: string } | undefined)?.uid;

function applyMerge(target: Json, patch: Json): Json {
  const out = structuredClone(target);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (isPlainObject(v)) out[k] = applyMerge(isPlainObject(out[k]) ? (out[k] as Json) : {}, v);
    else out[k] = structuredClone(v);
  }
  return out;
}

export interface ReversePlan {
  changes: Change[];
  /** What undo leaves as it is, and why. */
  notes: string[];
}

/**
 * The changes that put back what `applied` changed, newest first. Every object is read now and
 * compared with what the fix left behind: if someone changed a field the fix wrote (or replaced,
 * re-created or deleted the object), undo is refused naming the object, before anything is written.
 * Fields the fix did not touch (status, a controller's annotations) may have moved on; they are
 * kept, and the write carries the resourceVersion read here.
 */
export async function planReverse(client: KubeWriter, resources: ResourceResolver, applied: readonly JournalChange[], label = 'the fix was applied'): Promise<ReversePlan> {
  const changes: Change[] = [];
  const notes: string[] = [];
  const goneAfterEarlierSteps = new Set<string>();
  // Objects this entry deleted: a re-created object must not name them as owners (their uids are
  // gone for good, and the garbage collector would delete the re-created object again).
  const deletedUids = new Set(applied.filter((c) => c.action === 'delete').map((c) => uid(c.before)).filter((u): u is string => !!u));
  const key = (c: JournalChange) => `${c.ref.apiVersion}/${c.ref.kind}/${c.ref.namespace ?? ''}/${c.ref.name}`;
  for (const c of [...applied].reverse()) {
    const what = describeRef(c.ref);
    const redacted = c.ref.kind === 'Secret' && JSON.stringify(c.before ?? {}).includes('"<redacted>"');
    if (redacted && c.action !== 'create') throw new StaleObjectError(`${what}: Secret values are never journaled, so undo cannot restore them; restore the Secret by hand`);
    const live = await readObject(client, resources, c.ref);
    switch (c.action) {
      case 'status':
        notes.push(`${what}: status is owned by its controller and is not put back`);
        break;
      case 'patch':
      case 'apply': {
        if (!c.before || !c.after) throw new Error(`journal change for ${what} lacks its before/after state`);
        if (!live) throw new StaleObjectError(`${what} was deleted since ${label}; undo refused`);
        const forward = createMergePatch(editable(c.before), editable(c.after));
        for (const leaf of patchLeaves(forward)) {
          if (!deepEqual(getPath(live, leaf), getPath(c.after, leaf))) {
            throw new StaleObjectError(`${what} changed since ${label} (resourceVersion ${rv(c.after) ?? '?'} → ${rv(live) ?? '?'}): ${leaf.join('.')} differs; undo refused`);
          }
        }
        const body = reverseMergePatch(forward, editable(c.before), editable(live));
        const after = applyMerge(live, body);
        changes.push({ ref: c.ref, action: 'patch', before: live, after, patch: { type: 'merge', body }, diff: renderDiff(c.ref, live, after), summary: `restore ${what}` });
        break;
      }
      case 'create': {
        if (!live) {
          notes.push(`${what} is already gone`);
          break;
        }
        if (c.after && uid(live) !== uid(c.after)) throw new StaleObjectError(`${what} was replaced since ${label} (uid ${uid(c.after)} → ${uid(live)}); undo refused`);
        // Controllers fill in what they own on a new object (a Job's selector and labels), so the
        // identity (uid) is what counts: it is still the object the fix created.
        changes.push({ ref: c.ref, action: 'delete', before: live, diff: renderDiff(c.ref, live, undefined), summary: `delete ${what} (created by the fix)` });
        goneAfterEarlierSteps.add(key(c));
        break;
      }
      case 'delete': {
        if (!c.before) throw new Error(`journal change for ${what} lacks its before state`);
        if (live && !goneAfterEarlierSteps.has(key(c))) {
          const terminating = (live.metadata as { deletionTimestamp?: string } | undefined)?.deletionTimestamp;
          throw new StaleObjectError(terminating ? `${what} is still being deleted; undo again once it is gone` : `${what} exists again (re-created since ${label}); undo refused`);
        }
        const recreated = recreatable(c.before as KubeObject) as Json;
        const meta = recreated.metadata as { ownerReferences?: Array<{ uid: string }> };
        if (meta.ownerReferences) {
          meta.ownerReferences = meta.ownerReferences.filter((o) => !deletedUids.has(o.uid));
          if (meta.ownerReferences.length === 0) delete meta.ownerReferences;
        }
        changes.push({ ref: c.ref, action: 'create', after: recreated, diff: renderDiff(c.ref, undefined, recreated), summary: `re-create ${what}` });
        break;
      }
    }
  }
  return { changes, notes };
}
