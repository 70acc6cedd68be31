import type { KubeObject } from '../../cluster/view.ts';
import { StoreError } from '../store/types.ts';
import { mergeConfiguration, removeAt, valueAt } from './apply-merge.ts';
import { describePath, FieldSet, type FieldPath } from './fieldset.ts';
import { decodeManagedFields, encodeManagedFields, entryIdentity, printManager, type ManagerEntry } from './managed-fields.ts';
import { schemaFor, type KindSchema } from './merge-keys.ts';
import { compareFields, fieldSetOf, inScope, objectFields, scopeOf } from './object-fields.ts';
import { cloneJson, isPlainObject, jsonEqual, type JsonObject } from './values.ts';

export interface ApplyOptions {
  manager: string;
  force: boolean;
  /** RFC 3339 time recorded on the manager's entry. */
  now: string;
  subresource?: string;
}

export interface UpdateOptions {
  manager: string;
  now: string;
  operation: 'Update';
  subresource?: string;
}

/**
 * Server-side apply: merges `applied` into `live` (or creates from it), makes the applied field
 * set the manager's Apply entry in managedFields, removes fields the manager applied before but
 * no longer does (unless someone else still owns them), and refuses to change a field another
 * manager owns unless `force` is set. Returns the new object; `live` is not touched.
 */
export function serverSideApply(live: KubeObject | undefined, applied: KubeObject, options: ApplyOptions): KubeObject {
  validateApplied(applied);
  const scope = scopeOf(options.subresource);
  if (!live && scope === 'status') {
    throw new StoreError('NotFound', `${applied.kind} ${JSON.stringify(applied.metadata.name)} not found`);
  }
  const schema = schemaFor(applied.apiVersion, applied.kind);
  const config = scopedConfiguration(applied, scope);
  const appliedSet = fieldSetOf(objectFields(config as KubeObject, schema, scope, 'applied'));

  const entries = decodeManagedFields(live?.metadata.managedFields);
  if (live && entries.length === 0 && options.subresource === undefined) {
    // As Kubernetes does for an object nobody has tracked yet: its current fields belong to
    // "before-first-apply", so an apply that changes them conflicts instead of silently winning.
    // (Not for subresources: a view such as Scale carries no managedFields of its own.)
    const existing = fieldSetOf(objectFields(live, schema, scope, 'live'));
    if (existing.size > 0) entries.push({ manager: 'before-first-apply', operation: 'Update', apiVersion: live.apiVersion, time: options.now, fields: existing });
  }
  const selfId = entryIdentity({ manager: options.manager, operation: 'Apply', apiVersion: applied.apiVersion, subresource: options.subresource });
  const self = entries.find((entry) => entryIdentity(entry) === selfId);
  const others = entries.filter((entry) => entry !== self);

  const base: JsonObject = live ? cloneJson(live) : { apiVersion: applied.apiVersion, kind: applied.kind, metadata: {} };
  const merged = mergeConfiguration(base, config, schema);
  const stillOwned = others.reduce((set, entry) => set.union(entry.fields), appliedSet);
  prune(merged, (self?.fields ?? new FieldSet()).difference(appliedSet), stillOwned, schema);

  const { changed, removed } = compareFields(objectFields(live, schema, scope, 'live'), objectFields(merged as KubeObject, schema, scope, 'live'));
  const conflicts = others.map((entry) => ({ entry, fields: entry.fields.intersection(changed) })).filter((c) => c.fields.size > 0);
  if (conflicts.length > 0 && !options.force) throw conflictError(conflicts);

  const next: ManagerEntry[] = others.map((entry) => ({ ...entry, fields: entry.fields.difference(changed).difference(removed) }));
  const objectChanged = changed.size > 0 || removed.size > 0;
  const entryChanged = !self || !self.fields.equals(appliedSet) || self.apiVersion !== applied.apiVersion;
  next.push({
    manager: options.manager,
    operation: 'Apply',
    apiVersion: applied.apiVersion,
    time: objectChanged || entryChanged ? options.now : self?.time,
    subresource: options.subresource,
    fields: appliedSet,
  });
  return withManagedFields(merged as KubeObject, next);
}

/**
 * Records an Update (create, replace, patch, scale) by `manager`: it takes ownership of every
 * field the write added or changed, away from whoever owned it, and fields the write removed
 * leave every manager's set. A later apply by someone else that changes those fields conflicts.
 */
export function trackUpdate(before: KubeObject | undefined, after: KubeObject, options: UpdateOptions): KubeObject {
  const scope = scopeOf(options.subresource);
  const schema = schemaFor(after.apiVersion, after.kind);
  const { changed, removed } = compareFields(objectFields(before, schema, scope, 'live'), objectFields(after, schema, scope, 'live'));

  // A client may send managedFields of its own (to hand over or reset ownership); honour them.
  const sent = after.metadata.managedFields;
  const baseline = Array.isArray(sent) && sent.length > 0 && !jsonEqual(sent, before?.metadata.managedFields) ? sent : before?.metadata.managedFields;
  const entries = decodeManagedFields(baseline);
  const selfId = entryIdentity({ manager: options.manager, operation: 'Update', apiVersion: after.apiVersion, subresource: options.subresource });

  const next: ManagerEntry[] = entries.map((entry) =>
    entryIdentity(entry) === selfId
      ? { ...entry, fields: entry.fields.difference(removed).union(changed), time: changed.size > 0 ? options.now : entry.time }
      : { ...entry, fields: entry.fields.difference(changed).difference(removed) },
  );
  if (changed.size > 0 && !next.some((entry) => entryIdentity(entry) === selfId)) {
    next.push({ manager: options.manager, operation: 'Update', apiVersion: after.apiVersion, time: options.now, subresource: options.subresource, fields: changed });
  }
  // A fresh top level and metadata; nested values are shared with `after`, which is not modified.
  return withManagedFields({ ...after, metadata: { ...after.metadata } }, next);
}

function validateApplied(applied: KubeObject): void {
  if (!isPlainObject(applied) || typeof applied.apiVersion !== 'string' || !applied.apiVersion || typeof applied.kind !== 'string' || !applied.kind) {
    throw new StoreError('BadRequest', 'apply configuration must be an object with apiVersion and kind');
  }
  if (!isPlainObject(applied.metadata)) throw new StoreError('BadRequest', 'apply configuration must have metadata');
  if (applied.metadata.managedFields !== undefined && applied.metadata.managedFields !== null) {
    throw new StoreError('BadRequest', 'metadata.managedFields must be nil');
  }
}

/** The part of the configuration this endpoint may change (the status subresource: only status). */
function scopedConfiguration(applied: KubeObject, scope: 'main' | 'status'): JsonObject {
  const config: JsonObject = {};
  for (const [key, value] of Object.entries(cloneJson(applied))) {
    const identity = key === 'apiVersion' || key === 'kind' || key === 'metadata';
    if (identity ? scope === 'main' : inScope(key, scope)) config[key] = value;
  }
  delete (config.metadata as JsonObject | undefined)?.managedFields;
  return config;
}

/**
 * Removes fields the manager stopped applying, unless another manager (or the new configuration)
 * still owns them or something beneath them; then drops containers emptied by that.
 */
function prune(obj: JsonObject, dropped: FieldSet, stillOwned: FieldSet, schema: KindSchema): void {
  const unowned = dropped.paths().filter((path) => !stillOwned.hasAtOrUnder(path));
  // Removing a list item removes its fields, and they cannot be found once its key field is gone.
  const tops = new FieldSet(unowned.filter((path) => !unowned.some((other) => other.length < path.length && other.every((e, i) => path[i] === e))));
  // Deepest first, so emptied parents are judged after all their children went.
  for (const path of tops.paths().sort((a, b) => b.length - a.length)) {
    if (!removeAt(obj, path, schema)) continue;
    for (let depth = path.length - 1; depth > 0; depth--) {
      const parent: FieldPath = path.slice(0, depth);
      if (depth === 1 && parent[0] === 'f:metadata') break;
      const value = valueAt(obj, parent, schema);
      const empty = (Array.isArray(value) && value.length === 0) || (isPlainObject(value) && Object.keys(value).length === 0);
      if (!empty || stillOwned.hasAtOrUnder(parent)) break;
      removeAt(obj, parent, schema);
    }
  }
}

function conflictError(conflicts: Array<{ entry: ManagerEntry; fields: FieldSet }>): StoreError {
  const sorted = [...conflicts].sort((a, b) => (a.entry.manager < b.entry.manager ? -1 : a.entry.manager > b.entry.manager ? 1 : 0));
  const flat = sorted.flatMap(({ entry, fields }) => fields.paths().map((path) => ({ manager: printManager(entry), field: describePath(path) })));
  const causes = flat.map(({ manager, field }) => ({ reason: 'FieldManagerConflict', message: `conflict with ${manager}`, field }));
  if (flat.length === 1) {
    return new StoreError('Conflict', `Apply failed with 1 conflict: conflict with ${flat[0]!.manager}: ${flat[0]!.field}`, { causes });
  }
  const lines = sorted.flatMap(({ entry, fields }) => [`conflicts with ${printManager(entry)}:`, ...fields.paths().map((path) => `- ${describePath(path)}`)]);
  return new StoreError('Conflict', `Apply failed with ${flat.length} conflicts: ${lines.join('\n')}`, { causes });
}

function withManagedFields(obj: KubeObject, entries: ManagerEntry[]): KubeObject {
  const encoded = encodeManagedFields(entries);
  if (encoded.length > 0) obj.metadata.managedFields = encoded;
  else delete obj.metadata.managedFields;
  return obj;
}
