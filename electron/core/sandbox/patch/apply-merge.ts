import type { FieldPath } from './fieldset.ts';
import type { ItemKey } from './list-order.ts';
import type { KindSchema, ListSchema } from './merge-keys.ts';
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
export function mergeConfiguration(target: JsonObject, config: JsonObject, schema: KindSchema, schemaPath = ''): JsonObject {
  for (const [key, value] of Object.entries(config)) {
    const childPath = join(schemaPath, key);
    const current = target[key];
    if (value === null) delete target[key];
    else if (isPlainObject(value)) target[key] = schema.atomicMap(childPath) ? cloneJson(value) : mergeConfiguration(isPlainObject(current) ? current : {}, value, schema, childPath);
    else if (Array.isArray(value)) target[key] = mergeList(Array.isArray(current) ? current : [], value, schema, childPath);
    else target[key] = value;
  }
  return target;
}

/**
 * Merges an associative list or set the way structured-merge-diff does: walking the live and the
 * applied lists together, live-only items stay where they were, applied items follow the applied
 * order, and items in both are merged in place.
 */
function mergeList(live: unknown[], config: unknown[], schema: KindSchema, schemaPath: string): unknown[] {
  const list = schema.list(schemaPath);
  if (list.type === 'atomic') return cloneJson(config);
  const key = keyFunction(list);
  const atomicItems = schema.atomicMap(`${schemaPath}[]`);
  const same = (a: unknown, b: unknown) => jsonEqual(key(a), key(b));
  const inConfig = (item: unknown) => config.some((c) => same(c, item));
  const merge = (liveItem: unknown, configItem: unknown): unknown =>
    list.type === 'map' && !atomicItems && isPlainObject(liveItem) && isPlainObject(configItem)
      ? mergeConfiguration(cloneJson(liveItem), configItem, schema, `${schemaPath}[]`)
      : cloneJson(configItem);
  // Applied items the live list also has, in applied order: the next one to place.
  const shared = config.filter((item) => live.some((l) => same(l, item)));
  const out: unknown[] = [];
  const placed: unknown[] = [];
  let l = 0;
  let r = 0;
  while (l < live.length || r < config.length) {
    if (l < live.length && r < config.length) {
      if (same(live[l], config[r])) {
        out.push(merge(live[l], config[r]));
        placed.push(config[r]);
        l++;
        r++;
        shared.shift();
        continue;
      }
      if (inConfig(live[l]) && shared.length > 0 && !same(shared[0], live[l])) {
        l++; // a shared item the applied order places later
        continue;
      }
    }
    if (l < live.length) {
      if (!inConfig(live[l])) {
        out.push(live[l++]);
        continue;
      }
      if (placed.some((p) => same(p, live[l]))) {
        l++;
        continue;
      }
    }
    if (r < config.length) {
      const item = config[r++];
      const liveItem = live.find((candidate) => same(candidate, item));
      out.push(liveItem === undefined ? cloneJson(item) : merge(liveItem, item));
      placed.push(item);
      if (shared.length > 0 && same(shared[0], item)) shared.shift();
    } else {
      l++; // only already-placed live items remain
    }
  }
  return out;
}

interface Located {
  container: JsonObject | unknown[];
  /** Property name for maps, index for lists. */
  slot: string | number;
}

/** Finds where the value at `path` lives, or undefined when it is absent. */
function locate(obj: JsonObject, path: FieldPath, schema: KindSchema): Located | undefined {
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
    const listSchema = schema.list(schemaPath);
    let index: number;
    if (element.startsWith('k:')) {
      const wanted = JSON.parse(body) as unknown;
      const key = keyFunction(listSchema);
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

export function valueAt(obj: JsonObject, path: FieldPath, schema: KindSchema): unknown {
  const at = locate(obj, path, schema);
  if (!at) return undefined;
  return Array.isArray(at.container) ? at.container[at.slot as number] : at.container[at.slot as string];
}

/** Removes the field, list item or set value at `path`; returns whether anything was there. */
export function removeAt(obj: JsonObject, path: FieldPath, schema: KindSchema): boolean {
  const at = locate(obj, path, schema);
  if (!at) return false;
  if (Array.isArray(at.container)) at.container.splice(at.slot as number, 1);
  else delete at.container[at.slot as string];
  return true;
}
