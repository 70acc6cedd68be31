import type { FieldPath } from './fieldset.ts';
import { normalizeOrder, partitionByPresence, type ItemKey } from './list-order.ts';
import type { ListSchema, ListSchemaLookup } from './merge-keys.ts';
import { itemKeys } from './object-fields.ts';
import { cloneJson, isPlainObject, jsonEqual, type JsonObject } from './values.ts';

/**
 * The object-level half of server-side apply: merging an applied configuration into the live
 * object (maps recursively, associative lists by key, sets by value, everything else replaced)
 * and removing single fields by their managedFields path.
 */

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function keyFunction(schema: ListSchema): ItemKey {
  if (schema.type !== 'map') return (item) => item;
  return (item) => {
    const keys = itemKeys(item, schema);
    return typeof keys === 'string' ? item : keys;
  };
}

/** Merges `config` into `target` (owned by the caller, mutated) and returns it. */
export function mergeConfiguration(target: JsonObject, config: JsonObject, lists: ListSchemaLookup, schemaPath = ''): JsonObject {
  for (const [key, value] of Object.entries(config)) {
    const childPath = join(schemaPath, key);
    const current = target[key];
    if (value === null) delete target[key];
    else if (isPlainObject(value)) target[key] = mergeConfiguration(isPlainObject(current) ? current : {}, value, lists, childPath);
    else if (Array.isArray(value)) target[key] = mergeList(Array.isArray(current) ? current : [], value, lists, childPath);
    else target[key] = value;
  }
  return target;
}

function mergeList(live: unknown[], config: unknown[], lists: ListSchemaLookup, schemaPath: string): unknown[] {
  const schema = lists(schemaPath);
  if (schema.type === 'atomic') return cloneJson(config);
  const key = keyFunction(schema);
  const merged = [...live];
  for (const item of config) {
    const at = merged.findIndex((candidate) => jsonEqual(key(candidate), key(item)));
    if (at < 0) merged.push(cloneJson(item));
    else if (schema.type === 'map' && isPlainObject(item) && isPlainObject(merged[at])) {
      merged[at] = mergeConfiguration(cloneJson(merged[at] as JsonObject), item, lists, `${schemaPath}[]`);
    }
  }
  const [named, serverOnly] = partitionByPresence(merged, config, key);
  return normalizeOrder(named, serverOnly, config, live, key);
}

interface Located {
  container: JsonObject | unknown[];
  /** Property name for maps, index for lists. */
  slot: string | number;
}

/** Finds where the value at `path` lives, or undefined when it is absent. */
function locate(obj: JsonObject, path: FieldPath, lists: ListSchemaLookup): Located | undefined {
  let node: unknown = obj;
  let schemaPath = '';
  let found: Located | undefined;
  for (const element of path) {
    const body = element.slice(2);
    if (element.startsWith('f:')) {
      if (!isPlainObject(node) || !(body in node)) return undefined;
      found = { container: node, slot: body };
      node = node[body];
      schemaPath = join(schemaPath, body);
      continue;
    }
    if (!Array.isArray(node)) return undefined;
    const list = node;
    const schema = lists(schemaPath);
    let index: number;
    if (element.startsWith('k:')) {
      const wanted = JSON.parse(body) as unknown;
      const key = keyFunction(schema);
      index = list.findIndex((item) => jsonEqual(key(item), wanted));
    } else if (element.startsWith('v:')) {
      const wanted = JSON.parse(body) as unknown;
      index = list.findIndex((item) => jsonEqual(item, wanted));
    } else {
      index = Number(body);
      if (!(index >= 0 && index < list.length)) index = -1;
    }
    if (index < 0) return undefined;
    found = { container: list, slot: index };
    node = list[index];
    schemaPath = `${schemaPath}[]`;
  }
  return found;
}

export function valueAt(obj: JsonObject, path: FieldPath, lists: ListSchemaLookup): unknown {
  const at = locate(obj, path, lists);
  if (!at) return undefined;
  return Array.isArray(at.container) ? at.container[at.slot as number] : at.container[at.slot as string];
}

/** Removes the field, list item or set value at `path`; returns whether anything was there. */
export function removeAt(obj: JsonObject, path: FieldPath, lists: ListSchemaLookup): boolean {
  const at = locate(obj, path, lists);
  if (!at) return false;
  if (Array.isArray(at.container)) at.container.splice(at.slot as number, 1);
  else delete at.container[at.slot as string];
  return true;
}
