import type { Change, ObjectRef } from '../../../shared/model/repair.ts';
import { apiFailureOf, describeFailure, isConflict, isNotFound } from './api-errors.ts';
import type { Json } from './json-paths.ts';
import type { KubeWriter } from './kube-writer.ts';
import { describeRef, type ResourceResolver } from './resources.ts';

export const FIELD_MANAGER = 'groundcrew';

const PATCH_CONTENT_TYPE = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
} as const;

/** A write refused because the object is not what the plan saw: the message says which and how. */
export class StaleObjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaleObjectError';
  }
}

const rvOf = (obj: Json | undefined) => (obj?.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
const uidOf = (obj: Json | undefined) => (obj?.metadata as { uid?: string } | undefined)?.uid;

/**
 * Sends one planned change. Every write names field manager `groundcrew` and carries the
 * resourceVersion the plan saw, so an object someone changed in between is refused (409), not
 * overwritten. With `dryRun` the server validates and admits the change but stores nothing.
 */
export async function sendChange(client: KubeWriter, resources: ResourceResolver, change: Change, opts: { dryRun?: boolean } = {}): Promise<Json | undefined> {
  const query: Record<string, string | undefined> = { fieldManager: FIELD_MANAGER, ...(opts.dryRun ? { dryRun: 'All' } : {}) };
  const path = await resources.path(change.ref);
  const rv = rvOf(change.before);
  switch (change.action) {
    case 'patch': {
      if (!change.patch) throw new Error(`${describeRef(change.ref)}: a patch change without a patch`);
      let body = change.patch.body;
      if (change.patch.type === 'json') {
        body = [...(rv ? [{ op: 'test', path: '/metadata/resourceVersion', value: rv }] : []), ...(body as unknown[])];
      } else if (rv) {
        const b = body as Json;
        body = { ...b, metadata: { ...((b.metadata as Json | undefined) ?? {}), resourceVersion: rv } };
      }
      return client.request<Json>({ method: 'PATCH', path, query, body, headers: { 'Content-Type': PATCH_CONTENT_TYPE[change.patch.type] } });
    }
    case 'apply': {
      const body = withResourceVersion(change.after, rv);
      return client.request<Json>({ method: 'PATCH', path, query: { ...query, force: 'true' }, body, headers: { 'Content-Type': 'application/apply-patch+yaml' } });
    }
    case 'status':
      return client.request<Json>({ method: 'PUT', path: `${path}/status`, query, body: withResourceVersion(change.after, rv) });
    case 'create': {
      const collection = await resources.path({ ...change.ref, name: undefined });
      return client.request<Json>({ method: 'POST', path: collection, query, body: change.after });
    }
    case 'delete': {
      const preconditions = { ...(uidOf(change.before) ? { uid: uidOf(change.before) } : {}), ...(rv ? { resourceVersion: rv } : {}) };
      const body = { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background', preconditions, ...(opts.dryRun ? { dryRun: ['All'] } : {}) };
      try {
        await client.request({ method: 'DELETE', path, query, body });
      } catch (err) {
        // Already gone (an owner's garbage collection got there first): the goal is reached.
        if (!isNotFound(err)) throw err;
      }
      return undefined;
    }
  }
}

function withResourceVersion(obj: Json | undefined, rv: string | undefined): Json {
  if (!obj) throw new Error('change has no target object');
  const meta = { ...((obj.metadata as Json | undefined) ?? {}) };
  if (rv) meta.resourceVersion = rv;
  else delete meta.resourceVersion;
  return { ...obj, metadata: meta };
}

export async function readObject(client: KubeWriter, resources: ResourceResolver, ref: ObjectRef): Promise<Json | undefined> {
  try {
    return await client.request<Json>({ method: 'GET', path: await resources.path(ref) });
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Turns a 409 into the message an operator needs: which object, what changed, what to do. */
export async function explainWriteFailure(client: KubeWriter, resources: ResourceResolver, change: Change, err: unknown, redo = 're-plan'): Promise<Error> {
  const what = describeRef(change.ref);
  const failure = apiFailureOf(err);
  if (isConflict(err) || (failure?.code === 422 && /resourceVersion|test operation/i.test(failure.message))) {
    if (change.action === 'create') return new StaleObjectError(`${what} already exists (created since the plan); ${redo}`);
    const live = await readObject(client, resources, change.ref).catch(() => undefined);
    if (!live) return new StaleObjectError(`${what} was deleted since the plan; ${redo}`);
    return new StaleObjectError(`${what} changed since the plan (resourceVersion ${rvOf(change.before) ?? '?'} → ${rvOf(live) ?? '?'}); ${redo}`);
  }
  if (isNotFound(err) && change.action !== 'create') return new StaleObjectError(`${what} was deleted since the plan; ${redo}`);
  if (failure?.code === 403) return new Error(`not allowed: ${failure.message}`);
  return new Error(`${what}: ${describeFailure(err)}`);
}

/** After a delete, wait until the object is really gone (finalizers, foreground GC) before re-creating it. */
export async function waitUntilGone(client: KubeWriter, resources: ResourceResolver, ref: ObjectRef, timeoutMs: number, intervalMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await readObject(client, resources, ref)) !== undefined) {
    if (Date.now() > deadline) throw new Error(`${describeRef(ref)} is still being deleted after ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
