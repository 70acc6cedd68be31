import type { KubeObject } from '../../cluster/view.ts';
import { StoreError } from '../store/types.ts';
import { childKey, describePath, FieldSet, fieldElement, keyElement, valueElement, type FieldPath } from './fieldset.ts';
import type { KindSchema, ListSchema } from './merge-keys.ts';
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
  /** pathKey(path), computed once while walking. */
  key: string;
  /**
   * 'leaf' carries a value; 'item' is an associative-list item, owned apart from its fields;
   * 'node' is a map or list with members, owned as a whole only by the write that created it.
   */
  kind: 'leaf' | 'item' | 'node';
  value?: unknown;
}

/**
 * 'applied': an apply configuration, whose field set becomes its manager's (bad list keys are an
 * error; maps and lists holding fields are not members themselves). 'live': a stored object, to
 * compare with another (bad list keys make the list atomic; maps and lists are nodes).
 */
export type WalkMode = 'applied' | 'live';

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
 * Walks `obj`. In 'applied' mode an associative list whose items lack keys or repeat them is an
 * error; in 'live' mode such a list is treated as atomic, so tracking a plain update never fails
 * on data Kubernetes would have let through.
 */
export function objectFields(obj: KubeObject | undefined, schema: KindSchema, scope: FieldScope, mode: WalkMode): ObjectFields {
  const out: ObjectFields = new Map();
  if (!obj) return out;
  const strict = mode === 'applied';
  const leaf = (path: FieldPath, key: string, value: unknown) => out.set(key, { path, key, kind: 'leaf', value });
  const node = (path: FieldPath, key: string, schemaPath: string) => {
    if (mode === 'live' && path.length > 0 && !schema.alwaysPresent(schemaPath)) out.set(key, { path, key, kind: 'node' });
  };

  const walkValue = (value: unknown, path: FieldPath, key: string, schemaPath: string): void => {
    if (isPlainObject(value) && Object.keys(value).length > 0 && !schema.atomicMap(schemaPath)) walkMap(value, path, key, schemaPath);
    else if (Array.isArray(value)) walkList(value, path, key, schemaPath);
    else leaf(path, key, value);
  };

  const walkMap = (map: JsonObject, path: FieldPath, key: string, schemaPath: string): void => {
    for (const [name, value] of Object.entries(map)) {
      if (path.length === 0 && !inScope(name, scope)) continue;
      if (schemaPath === 'metadata' && serverMetadata.has(name)) continue;
      const element = fieldElement(name);
      walkValue(value, [...path, element], childKey(key, element), join(schemaPath, name));
    }
    node(path, key, schemaPath);
  };

  const walkList = (list: unknown[], path: FieldPath, key: string, schemaPath: string): void => {
    const listSchema = schema.list(schemaPath);
    if (listSchema.type === 'atomic' || list.length === 0) return void leaf(path, key, list);
    if (listSchema.type === 'set') {
      node(path, key, schemaPath);
      for (const item of list) {
        const element = valueElement(item);
        leaf([...path, element], childKey(key, element), item);
      }
      return;
    }
    const items: Array<{ path: FieldPath; key: string; item: JsonObject }> = [];
    const seen = new Set<string>();
    for (const [index, item] of list.entries()) {
      const keys = itemKeys(item, listSchema);
      let problem = typeof keys === 'string' ? `element ${index}: associative list with keys has an element that ${keys}` : undefined;
      const element = typeof keys === 'string' ? '' : keyElement(keys);
      const itemKey = childKey(key, element);
      if (!problem && seen.has(itemKey)) problem = `duplicate entries for key ${describePath([element])}`;
      if (problem) {
        if (strict) throw new StoreError('BadRequest', `failed to create typed patch object (${obj.apiVersion}, Kind=${obj.kind}): ${describePath(path)}: ${problem}`);
        return void leaf(path, key, list);
      }
      seen.add(itemKey);
      items.push({ path: [...path, element], key: itemKey, item: item as JsonObject });
    }
    node(path, key, schemaPath);
    const atomicItems = schema.atomicMap(`${schemaPath}[]`);
    for (const entry of items) {
      if (atomicItems) {
        leaf(entry.path, entry.key, entry.item);
        continue;
      }
      out.set(entry.key, { path: entry.path, key: entry.key, kind: 'item' });
      walkMap(entry.item, entry.path, entry.key, `${schemaPath}[]`);
    }
  };

  walkMap(obj as JsonObject, [], '', '');
  return out;
}

export function fieldSetOf(fields: ObjectFields): FieldSet {
  return FieldSet.of(new Map([...fields.values()].map((entry) => [entry.key, entry.path])));
}

/** What changed from `before` to `after`: fields added or given a new value, and fields removed. */
export function compareFields(before: ObjectFields, after: ObjectFields): { changed: FieldSet; removed: FieldSet } {
  const changed = new Map<string, FieldPath>();
  const removed = new Map<string, FieldPath>();
  for (const [key, entry] of after) {
    const old = before.get(key);
    // A node or an item is changed only by coming into being; a leaf also by a new value.
    if (!old || (entry.kind === 'leaf' && (old.kind !== 'leaf' || !jsonEqual(old.value, entry.value)))) changed.set(key, entry.path);
  }
  for (const [key, entry] of before) if (!after.has(key)) removed.set(key, entry.path);
  return { changed: FieldSet.of(changed), removed: FieldSet.of(removed) };
}
