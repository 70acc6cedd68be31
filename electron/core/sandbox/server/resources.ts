import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../../cluster/view.ts';
import type { DeleteOptions, PropagationPolicy } from '../store/memory-store.ts';
import { StoreError } from '../store/types.ts';
import { readBody, readJsonBody } from './body.ts';
import { flag, inVersion, isDryRun, type RequestContext } from './context.ts';
import { applyPatch, patchTypeFromContentType, serverSideApply } from './patch-engine.ts';
import { checkBuiltinObject } from './protobuf/schema-check.ts';
import { checkCustomResource, type JsonSchema } from '../store/crd-schema.ts';
import { invalid } from '../store/validate.ts';
import { fromScale, toScale } from './scale.ts';
import { grKey } from '../store/builtin-types.ts';
import { combine, parseFieldSelector, parseLabelSelector } from './selectors.ts';
import { HttpError, sendJson } from './status.ts';
import { listJson, objectJson } from './serialize.ts';
import { tableFor, wantsTable } from './table.ts';

/** CRUD on a served resource: get, list, create, update, patch, delete, deletecollection. */

function fieldManager(ctx: RequestContext, fallback: string): string {
  const given = ctx.query.get('fieldManager');
  if (given) return given;
  const agent = ctx.req.headers['user-agent'];
  if (agent) return agent.split('/')[0]!.slice(0, 128);
  return fallback;
}

/**
 * Decodes a request object the way the API server does for built-in kinds: wrong JSON types are a
 * 400, unknown fields follow fieldValidation (Strict → 400, Warn (default) → Warning header, Ignore),
 * and are dropped from what is stored.
 */
function checkFields(ctx: RequestContext, obj: unknown, kind = ctx.type.kind, gv = ctx.gv, partial = false): void {
  const directive = ctx.query.get('fieldValidation') ?? 'Warn';
  if (!['Strict', 'Warn', 'Ignore'].includes(directive)) {
    throw new HttpError('BadRequest', `fieldValidation: Unsupported value: "${directive}": supported values: "Ignore", "Strict", "Warn"`);
  }
  const version = gv.slice(gv.indexOf('/') + 1);
  const prefix = `${kind} in version "${version}" cannot be handled as a ${kind}`;
  let result: { typeError?: string; unknown: string[] } | undefined;
  if (ctx.type.crdName !== undefined && kind === ctx.type.kind) {
    // Custom resources are checked whole (a patch body is partial; its result is checked instead).
    if (partial || obj === null || typeof obj !== 'object') return;
    const custom = checkCustomResource(ctx.type.schemas?.[version] as JsonSchema | undefined, obj as Record<string, unknown>, directive !== 'Strict');
    if (custom.causes.length) throw invalid(ctx.type, String((obj as KubeObject).metadata?.name ?? ''), custom.causes);
    result = { unknown: custom.unknown };
  } else {
    result = checkBuiltinObject(gv, kind, obj, directive !== 'Strict');
  }
  if (!result) return;
  if (result.typeError) throw new HttpError('BadRequest', `${prefix}: ${result.typeError}`);
  if (result.unknown.length === 0) return;
  const fields = result.unknown.map((u) => `unknown field "${u}"`);
  if (directive === 'Strict') throw new HttpError('BadRequest', `${prefix}: strict decoding error: ${fields.join(', ')}`);
  if (directive === 'Warn') ctx.res.setHeader('Warning', fields.map((f) => `299 - ${JSON.stringify(f)}`));
}

function requireName(ctx: RequestContext): string {
  if (!ctx.info.name) throw new HttpError('MethodNotAllowed', `the server does not allow this method on the requested resource`);
  return ctx.info.name;
}

function sendObject(ctx: RequestContext, code: number, object: KubeObject): void {
  if (wantsTable(ctx.req.headers.accept)) {
    sendJson(ctx.res, code, tableFor(ctx, [object], { resourceVersion: object.metadata.resourceVersion ?? '' }));
    return;
  }
  sendJson(ctx.res, code, objectJson(object, ctx.gv));
}

export function getObject(ctx: RequestContext): void {
  const name = requireName(ctx);
  const object = ctx.runtime.store.getFrozen(ctx.type, ctx.info.namespace, name);
  if (!object) throw new StoreError('NotFound', `${ctx.runtime.store.resourceLabel(ctx.type)} "${name}" not found`);
  if (ctx.info.subresource === 'scale') {
    sendJson(ctx.res, 200, toScale(object, ctx.type));
    return;
  }
  sendObject(ctx, 200, object);
}

interface ContinueToken {
  rv: number;
  /** Items after this "namespace/name" key come next. */
  after: string;
}

const itemKey = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export function selectObjects(ctx: RequestContext): KubeObject[] {
  const predicate = combine(parseLabelSelector(ctx.query.get('labelSelector')), parseFieldSelector(ctx.query.get('fieldSelector'), grKey(ctx.type.group, ctx.type.resource), ctx.type.crdName !== undefined, ctx.type.selectableFields));
  const all = ctx.runtime.store.listFrozen(ctx.type, ctx.type.namespaced ? ctx.info.namespace : undefined);
  return predicate ? all.filter(predicate) : [...all];
}

export function listObjects(ctx: RequestContext): void {
  const { store } = ctx.runtime;
  let items = selectObjects(ctx);
  const rv = store.currentResourceVersion();
  const metadata: Record<string, unknown> = { resourceVersion: String(rv) };
  const cont = ctx.query.get('continue');
  if (cont) {
    let token: ContinueToken;
    try {
      token = JSON.parse(Buffer.from(cont, 'base64url').toString('utf8')) as ContinueToken;
    } catch {
      throw new HttpError('BadRequest', 'continue key is not valid: illegal base64 data');
    }
    if (typeof token.after !== 'string') throw new HttpError('BadRequest', 'continue key is not valid');
    if (token.rv < store.oldestResumableVersion()) {
      throw new HttpError('Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.');
    }
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (itemKey(items[mid]!) <= token.after) lo = mid + 1;
      else hi = mid;
    }
    items = items.slice(lo);
    metadata.resourceVersion = String(token.rv);
  }
  const limit = Number(ctx.query.get('limit') ?? 0);
  if (Number.isInteger(limit) && limit > 0 && items.length > limit) {
    const remaining = items.length - limit;
    items = items.slice(0, limit);
    metadata.continue = Buffer.from(JSON.stringify({ rv: Number(metadata.resourceVersion), after: itemKey(items[items.length - 1]!) } satisfies ContinueToken)).toString('base64url');
    metadata.remainingItemCount = remaining;
  }
  if (wantsTable(ctx.req.headers.accept)) {
    sendJson(ctx.res, 200, tableFor(ctx, items, metadata));
    return;
  }
  sendJson(ctx.res, 200, listJson(`${ctx.type.kind}List`, ctx.gv, metadata, items));
}

function asObject(body: unknown): KubeObject {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new HttpError('BadRequest', 'the request body must be a JSON object');
  const obj = body as KubeObject;
  if (obj.metadata === undefined) obj.metadata = {} as KubeObject['metadata'];
  return obj;
}

/** The namespace in the body must agree with the URL; an empty one takes the URL's. */
function placeInNamespace(ctx: RequestContext, obj: KubeObject): void {
  if (!ctx.type.namespaced || obj.metadata === null || typeof obj.metadata !== 'object') return;
  const ns = ctx.info.namespace;
  if (obj.metadata.namespace && ns && obj.metadata.namespace !== ns) {
    throw new HttpError('BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
  }
  if (ns) obj.metadata.namespace = ns;
}

export async function createObject(ctx: RequestContext): Promise<void> {
  if (ctx.info.name) throw new HttpError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
  const obj = asObject(await readJsonBody(ctx.req));
  checkFields(ctx, obj);
  placeInNamespace(ctx, obj);
  const created = ctx.runtime.store.create(ctx.type, obj, { dryRun: isDryRun(ctx.query), fieldManager: fieldManager(ctx, 'unknown') });
  sendObject(ctx, 201, created);
}

export async function replaceObject(ctx: RequestContext): Promise<void> {
  const name = requireName(ctx);
  const { store } = ctx.runtime;
  const body = asObject(await readJsonBody(ctx.req));
  const options = { dryRun: isDryRun(ctx.query), fieldManager: fieldManager(ctx, 'unknown') };
  if (ctx.info.subresource !== 'scale') checkFields(ctx, body);
  if (ctx.info.subresource === 'scale') {
    const live = store.getFrozen(ctx.type, ctx.info.namespace, name);
    if (!live) throw new StoreError('NotFound', `${store.resourceLabel(ctx.type)} "${name}" not found`);
    const updated = store.replace(ctx.type, fromScale(live, body, ctx.type), options, 'scale');
    sendJson(ctx.res, 200, toScale(updated, ctx.type));
    return;
  }
  if (body.metadata.name !== undefined && body.metadata.name !== name) {
    throw new HttpError('BadRequest', `the name of the object (${String(body.metadata.name)}) does not match the name on the URL (${name})`);
  }
  body.metadata.name = name;
  placeInNamespace(ctx, body);
  const sub = ctx.info.subresource === 'status' ? 'status' : undefined;
  const updated = store.replace(ctx.type, body, options, sub);
  sendObject(ctx, 200, updated);
}

export async function patchObject(ctx: RequestContext): Promise<void> {
  const name = requireName(ctx);
  const { store } = ctx.runtime;
  const contentType = ctx.req.headers['content-type'] ?? '';
  const patchType = patchTypeFromContentType(contentType);
  if (!patchType) {
    throw new HttpError('UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`);
  }
  const text = await readBody(ctx.req);
  const dryRun = isDryRun(ctx.query);
  const live = store.getFrozen(ctx.type, ctx.info.namespace, name);
  const sub = ctx.info.subresource === 'status' || ctx.info.subresource === 'scale' ? ctx.info.subresource : undefined;

  if (patchType === 'apply') {
    const manager = ctx.query.get('fieldManager');
    if (!manager) throw new HttpError('BadRequest', 'PATCH, application/apply-patch+yaml requires fieldManager to be set');
    let applied: KubeObject;
    try {
      applied = asObject(parseYaml(text));
    } catch (err) {
      if (err instanceof HttpError) throw err;
      throw new HttpError('BadRequest', `error decoding YAML: ${(err as Error).message}`);
    }
    if (applied.metadata.name !== undefined && applied.metadata.name !== name) {
      throw new HttpError('BadRequest', `the name of the object (${String(applied.metadata.name)}) does not match the name on the URL (${name})`);
    }
    checkFields(ctx, applied, sub === 'scale' ? 'Scale' : ctx.type.kind, sub === 'scale' ? 'autoscaling/v1' : ctx.gv, true);
    applied.metadata.name = name;
    placeInNamespace(ctx, applied);
    const base = live && sub === 'scale' ? toScale(live, ctx.type) : live;
    let merged = serverSideApply(base && structuredClone(base), applied, { manager, force: flag(ctx.query, 'force'), now: ctx.runtime.now(), ...(sub ? { subresource: sub } : {}) });
    if (sub === 'scale' && live) merged = fromScale(live, merged, ctx.type);
    if (sub === undefined && ctx.type.crdName !== undefined) checkFields(ctx, merged);
    const options = { dryRun, fieldManager: manager, fieldsTracked: true };
    if (!live) {
      if (sub) throw new StoreError('NotFound', `${store.resourceLabel(ctx.type)} "${name}" not found`);
      sendObject(ctx, 201, store.create(ctx.type, merged, options));
      return;
    }
    const updated = store.replace(ctx.type, { ...merged, metadata: { ...merged.metadata, resourceVersion: live.metadata.resourceVersion } }, options, sub);
    if (sub === 'scale') sendJson(ctx.res, 200, toScale(updated, ctx.type));
    else sendObject(ctx, 200, updated);
    return;
  }

  if (!live) throw new StoreError('NotFound', `${store.resourceLabel(ctx.type)} "${name}" not found`);
  let patch: unknown;
  try {
    patch = JSON.parse(text);
  } catch (err) {
    throw new HttpError('BadRequest', `error decoding patch: ${(err as Error).message}`);
  }
  if (patchType !== 'json') checkFields(ctx, patch, sub === 'scale' ? 'Scale' : ctx.type.kind, sub === 'scale' ? 'autoscaling/v1' : ctx.gv, true);
  const base = sub === 'scale' ? toScale(live, ctx.type) : (structuredClone(live) as KubeObject);
  let patched = applyPatch(base, patchType, patch);
  if (sub === 'scale') patched = fromScale(live, patched, ctx.type);
  else if (ctx.type.crdName !== undefined) checkFields(ctx, patched);
  if (patched.metadata?.name !== undefined && patched.metadata.name !== name) throw new HttpError('BadRequest', 'metadata.name cannot be changed by a patch');
  // A patch that sets resourceVersion asks for optimistic locking; otherwise it applies to the live object.
  const wantedRv = patched.metadata?.resourceVersion;
  const options = { dryRun, fieldManager: fieldManager(ctx, 'unknown') };
  const updated = store.replace(ctx.type, { ...patched, metadata: { ...patched.metadata, resourceVersion: wantedRv ?? live.metadata.resourceVersion } }, options, sub);
  if (sub === 'scale') sendJson(ctx.res, 200, toScale(updated, ctx.type));
  else sendObject(ctx, 200, updated);
}

async function deleteOptions(ctx: RequestContext): Promise<DeleteOptions> {
  const body = (await readJsonBody(ctx.req, true)) as
    | { propagationPolicy?: string; orphanDependents?: boolean; dryRun?: string[]; preconditions?: { uid?: string; resourceVersion?: string } }
    | undefined;
  let policy = ctx.query.get('propagationPolicy') ?? body?.propagationPolicy;
  if (!policy && (ctx.query.get('orphanDependents') === 'true' || body?.orphanDependents === true)) policy = 'Orphan';
  if (policy && !['Background', 'Foreground', 'Orphan'].includes(policy)) {
    throw new StoreError('Invalid', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`, {
      causes: [{ field: 'propagationPolicy', message: `Unsupported value: "${policy}"`, reason: 'FieldValueNotSupported' }],
    });
  }
  const dryRun = isDryRun(ctx.query) || (body?.dryRun ?? []).includes('All');
  return { dryRun, ...(policy ? { propagationPolicy: policy as PropagationPolicy } : {}), ...(body?.preconditions ? { preconditions: body.preconditions } : {}) };
}

export async function deleteObject(ctx: RequestContext): Promise<void> {
  const name = requireName(ctx);
  const options = await deleteOptions(ctx);
  const result = ctx.runtime.store.delete(ctx.type, ctx.info.namespace, name, options);
  const stillThere = ctx.runtime.store.getFrozen(ctx.type, ctx.info.namespace, name);
  sendJson(ctx.res, stillThere && options.propagationPolicy === 'Foreground' ? 202 : 200, objectJson(inVersion(result!, ctx.gv)));
}

export async function deleteCollection(ctx: RequestContext): Promise<void> {
  const options = await deleteOptions(ctx);
  const deleted: KubeObject[] = [];
  for (const object of selectObjects(ctx)) {
    try {
      const result = ctx.runtime.store.delete(ctx.type, object.metadata.namespace, object.metadata.name, options);
      if (result) deleted.push(result);
    } catch (err) {
      if (!(err instanceof StoreError && err.reason === 'NotFound')) throw err;
    }
  }
  sendJson(ctx.res, 200, listJson(`${ctx.type.kind}List`, ctx.gv, { resourceVersion: String(ctx.runtime.store.currentResourceVersion()) }, deleted));
}

/** POST pods/<name>/eviction (kubectl drain): the pod is deleted; the sandbox has no disruption budgets to refuse it. */
export async function evictPod(ctx: RequestContext): Promise<void> {
  const name = requireName(ctx);
  const body = (await readJsonBody(ctx.req, true)) as { deleteOptions?: { dryRun?: string[]; preconditions?: { uid?: string; resourceVersion?: string } } } | undefined;
  const dryRun = isDryRun(ctx.query) || (body?.deleteOptions?.dryRun ?? []).includes('All');
  ctx.runtime.store.delete(ctx.type, ctx.info.namespace, name, { dryRun, ...(body?.deleteOptions?.preconditions ? { preconditions: body.deleteOptions.preconditions } : {}) });
  sendJson(ctx.res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}
