import type { KubeObject } from '../../cluster/view.ts';
import { StoreError } from '../store/types.ts';
import { describePath, FieldSet, fieldElement, keyElement, valueElement, type FieldPath } from './fieldset.ts';
import type { ListSchema, ListSchemaLookup } from './merge-keys.ts';
import { isPlainObject, jsonEqual, type JsonObject } from './values.ts';

/**
 * The fields an object sets, as server-side apply sees them: scalar leaves, atomic lists and
 * empty maps as values, and items of associative lists as members of their own. Which part of
 * the object counts depends on the endpoint: the main resource ignores `.status`, the status
 * subresource sees only `.status` (Kubernetes' reset fields).
 */
export type FieldScope = 'main' | 'status';

export interface FieldEntry {
  path: FieldPath;
  /** 'leaf' carries a value; 'item' is an associative-list item, owned apart from its fields. */
  kind: 'leaf' | 'item';
  value?: unknown;
}

export type ObjectFields = Map<string, FieldEntry>;

/** Metadata the server sets; nobody owns it (Kubernetes strips these from managedFields). */
const serverMetadata = new Set(['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink', 'managedFields']);

export const scopeOf = (subresource: string | undefined): FieldScope => (subresource === 'status' ? 'status' : 'main');

/** Whether a top-level field belongs to the scope. */
export function inScope(field: string, scope: FieldScope): boolean {
  if (field === 'apiVersion' || field === 'kind') return false;
  return scope === 'status' ? field === 'status' : field !== 'status';
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** The key fields of an associative-list item, with schema defaults for those it leaves out. */
export function itemKeys(item: unknown, schema: Extract<ListSchema, { type: 'map' }>): Record<string, unknown> | string {
  if (!isPlainObject(item)) return 'is not an object';
  const keys: Record<string, unknown> = {};
  for (const name of schema.keys ?? [schema.mergeKey]) {
    const value = item[name] ?? schema.keyDefaults?.[name];
    if (value === undefined || value === null) return `omits key field ${JSON.stringify(name)} (and doesn't have default value)`;
    keys[name] = value;
  }
  return keys;
}

/**
 * Walks `obj`. With `strict`, an associative list whose items lack keys or repeat them is an
 * error (as for an applied configuration); otherwise such a list is treated as atomic, so
 * tracking a plain update never fails on data Kubernetes would have let through.
 */
export function objectFields(obj: KubeObject | undefined, lists: ListSchemaLookup, scope: FieldScope, strict: boolean): ObjectFields {
  const out: ObjectFields = new Map();
  if (!obj) return out;
  const add = (entry: FieldEntry) => out.set(JSON.stringify(entry.path), entry);

  const walkValue = (value: unknown, path: FieldPath, schemaPath: string): void => {
    if (isPlainObject(value) && Object.keys(value).length > 0) walkMap(value, path, schemaPath);
    else if (Array.isArray(value)) walkList(value, path, schemaPath);
    else add({ path, kind: 'leaf', value });
  };

  const walkMap = (map: JsonObject, path: FieldPath, schemaPath: string): void => {
    for (const [key, value] of Object.entries(map)) {
      if (path.length === 0 && !inScope(key, scope)) continue;
      if (schemaPath === 'metadata' && serverMetadata.has(key)) continue;
      walkValue(value, [...path, fieldElement(key)], join(schemaPath, key));
    }
  };

  const walkList = (list: unknown[], path: FieldPath, schemaPath: string): void => {
    const schema = lists(schemaPath);
    if (schema.type === 'atomic') return void add({ path, kind: 'leaf', value: list });
    if (schema.type === 'set') {
      for (const item of list) add({ path: [...path, valueElement(item)], kind: 'leaf', value: item });
      return;
    }
    const items: Array<{ path: FieldPath; item: JsonObject }> = [];
    const seen = new Set<string>();
    for (const [index, item] of list.entries()) {
      const keys = itemKeys(item, schema);
      const problem = typeof keys === 'string' ? `element ${index}: associative list with keys has an element that ${keys}` : undefined;
      const itemPath = typeof keys === 'string' ? [] : [...path, keyElement(keys)];
      const duplicate = !problem && seen.has(JSON.stringify(itemPath)) ? `duplicate entries for key ${describePath(itemPath.slice(-1))}` : undefined;
      if (problem || duplicate) {
        if (strict) throw new StoreError('BadRequest', `failed to create typed patch object (${obj.apiVersion}, Kind=${obj.kind}): ${describePath(path)}: ${problem ?? duplicate}`);
        return void add({ path, kind: 'leaf', value: list });
      }
      seen.add(JSON.stringify(itemPath));
      items.push({ path: itemPath, item: item as JsonObject });
    }
    for (const { path: itemPath, item } of items) {
      add({ path: itemPath, kind: 'item' });
      walkMap(item, itemPath, `${schemaPath}[]`);
    }
  };

  walkMap(obj as JsonObject, [], '');
  return out;
}

export function fieldSetOf(fields: ObjectFields): FieldSet {
  return new FieldSet([...fields.values()].map((entry) => entry.path));
}

/** What changed from `before` to `after`: fields added or given a new value, and fields removed. */
export function compareFields(before: ObjectFields, after: ObjectFields): { changed: FieldSet; removed: FieldSet } {
  const changed: FieldPath[] = [];
  const removed: FieldPath[] = [];
  for (const [key, entry] of after) {
    const old = before.get(key);
    if (!old || (entry.kind === 'leaf' && (old.kind !== 'leaf' || !jsonEqual(old.value, entry.value)))) changed.push(entry.path);
  }
  for (const [key, entry] of before) if (!after.has(key)) removed.push(entry.path);
  return { changed: new FieldSet(changed), removed: new FieldSet(removed) };
}
