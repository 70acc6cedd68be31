import type { KubeObject } from '../../cluster/view.ts';
import { StoreError } from '../store/types.ts';
import { inPlaceServerOrder, normalizeOrder, partitionByPresence, type ItemKey } from './list-order.ts';
import { schemaFor, supportsStrategicMerge, type KindSchema } from './merge-keys.ts';
import { cloneJson, describeValue, isPlainObject, jsonEqual, type JsonObject } from './values.ts';

// Directives of the strategic merge patch format (see Kubernetes' strategic-merge-patch.md).
const PATCH = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList/';
const SET_ELEMENT_ORDER = '$setElementOrder/';

export const customResourceMessage = 'strategic merge patch is not supported for custom resources; use a merge or json patch';

/**
 * Applies a strategic merge patch to a copy of `live`, following Kubernetes' semantics: maps merge,
 * lists merge by their merge key where the kind's schema declares one (merge-keys.ts) and replace
 * otherwise, and the `$patch`, `$retainKeys`, `$deleteFromPrimitiveList/` and `$setElementOrder/`
 * directives are honoured. Malformed patches are a BadRequest naming the field.
 */
export function applyStrategicMergePatch(live: KubeObject, patch: unknown): KubeObject {
  if (!supportsStrategicMerge(live.apiVersion, live.kind)) throw new StoreError('BadRequest', customResourceMessage);
  if (!isPlainObject(patch)) {
    throw new StoreError('BadRequest', `strategic merge patch must be a JSON object, got ${Array.isArray(patch) ? 'array' : patch === null ? 'null' : typeof patch}`);
  }
  const merger = new StrategicMerger(schemaFor(live.apiVersion, live.kind));
  return merger.mergeMap(cloneJson(live) as JsonObject, cloneJson(patch), '') as KubeObject;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const where = (path: string) => (path ? ` at ${path}` : '');
const bad = (message: string) => new StoreError('BadRequest', message);

class StrategicMerger {
  constructor(private readonly schema: KindSchema) {}

  /** Merges `patch` into `original` (both owned by this merge, so mutated freely). */
  mergeMap(original: JsonObject, patch: JsonObject, path: string): JsonObject {
    if (PATCH in patch) {
      const directive = patch[PATCH];
      delete patch[PATCH];
      if (directive === 'replace') return this.mergeMap({}, patch, path);
      if (directive === 'delete') return {};
      // Kubernetes accepts no other directive in a map, `merge` included (it is the default anyway).
      throw bad(`unknown patch type: ${describeValue(directive)} in map${where(path)}`);
    }
    this.retainKeys(original, patch, path);
    this.setElementOrder(original, patch, path);
    for (const [key, patchValue] of Object.entries(patch)) {
      if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        this.deleteFromPrimitiveList(original, key.slice(DELETE_FROM_PRIMITIVE_LIST.length), patchValue, path);
        continue;
      }
      const childPath = join(path, key);
      const current = original[key];
      if (patchValue === null) delete original[key];
      else if (isPlainObject(patchValue)) original[key] = this.mergeMap(isPlainObject(current) ? current : {}, patchValue, childPath);
      else if (Array.isArray(patchValue)) original[key] = this.mergeList(Array.isArray(current) ? current : [], patchValue, childPath);
      else original[key] = patchValue;
    }
    return original;
  }

  /** `$retainKeys: [..]` clears every field of the original the list does not name. */
  private retainKeys(original: JsonObject, patch: JsonObject, path: string): void {
    if (!(RETAIN_KEYS in patch)) return;
    const retain = patch[RETAIN_KEYS];
    delete patch[RETAIN_KEYS];
    if (!Array.isArray(retain) || !retain.every((k) => typeof k === 'string')) {
      throw bad(`invalid patch format of retainKeys${where(path)}: $retainKeys must be a list of field names`);
    }
    for (const [key, value] of Object.entries(patch)) {
      if (value === null || key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || key.startsWith(SET_ELEMENT_ORDER)) continue;
      if (!retain.includes(key)) throw bad(`invalid patch format of retainKeys${where(path)}: field "${key}" is not in the $retainKeys list`);
    }
    for (const key of Object.keys(original)) if (!retain.includes(key)) delete original[key];
  }

  /** `$deleteFromPrimitiveList/<field>: [..]` removes those values from a list of scalars. */
  private deleteFromPrimitiveList(original: JsonObject, field: string, values: unknown, path: string): void {
    if (!Array.isArray(values) || values.some((v) => isPlainObject(v) || Array.isArray(v))) {
      throw bad(`invalid patch format of primitive list${where(join(path, field))}: ${DELETE_FROM_PRIMITIVE_LIST}${field} must be a list of scalars`);
    }
    const current = original[field];
    if (Array.isArray(current)) original[field] = current.filter((item) => !values.some((v) => jsonEqual(v, item)));
  }

  /**
   * `$setElementOrder/<field>: [..]` fixes the order of the merged list: the items it names in its
   * order, interleaved with items only the server had. It also merges that field's patch list.
   */
  private setElementOrder(original: JsonObject, patch: JsonObject, path: string): void {
    for (const [directiveKey, order] of Object.entries(patch)) {
      if (!directiveKey.startsWith(SET_ELEMENT_ORDER)) continue;
      delete patch[directiveKey];
      const field = directiveKey.slice(SET_ELEMENT_ORDER.length);
      const fieldPath = join(path, field);
      if (!Array.isArray(order)) throw bad(`invalid patch format of setElementOrder list${where(fieldPath)}: ${directiveKey} must be a list`);
      const key = this.itemKey(fieldPath, [...order, ...(Array.isArray(patch[field]) ? patch[field] : [])]);
      const originalList = Array.isArray(original[field]) ? original[field] : undefined;
      const patchList = Array.isArray(patch[field]) ? patch[field] : undefined;
      if (!originalList && !patchList) continue;
      this.checkAgainstOrder(patchList ?? [], order, key, `${where(fieldPath)}`, directiveKey);
      const serverOrder = { list: originalList ?? [] };
      const merged = patchList ? this.mergeList(originalList ?? [], patchList, fieldPath, serverOrder) : originalList!;
      const [named, serverOnly] = partitionByPresence(merged, order, key);
      original[field] = normalizeOrder(named, serverOnly, order, serverOrder.list, key);
      delete patch[field];
    }
  }

  /** The patch list's items must all appear in the order list, in the same relative order. */
  private checkAgainstOrder(patchList: unknown[], order: unknown[], key: ItemKey, at: string, directiveKey: string): void {
    let next = 0;
    for (const item of patchList) {
      if (isPlainObject(item) && PATCH in item) continue;
      const position = order.findIndex((o, i) => i >= next && jsonEqual(key(o), key(item)));
      if (position < 0) {
        const known = order.some((o) => jsonEqual(key(o), key(item)));
        throw bad(`invalid patch format of setElementOrder list${at}: item ${describeValue(item)} is ${known ? 'out of the order' : 'missing from'} ${directiveKey}`);
      }
      next = position + 1;
    }
  }

  /** `serverOrder`, when given, receives the live order `$setElementOrder` sorting should consult. */
  private mergeList(original: unknown[], patch: unknown[], path: string, serverOrder?: { list: unknown[] }): unknown[] {
    const schema = this.schema.list(path);
    if (schema.type === 'atomic') return patch;
    if (original.length === 0 && patch.length === 0) return original;
    const maps = [...original, ...patch].filter(isPlainObject).length;
    if (maps > 0 && maps < original.length + patch.length) throw bad(`list${where(path)} mixes objects and scalars`);
    if (maps === 0) {
      const merged: unknown[] = [];
      for (const item of [...original, ...patch]) if (!merged.some((m) => jsonEqual(m, item))) merged.push(item);
      const key: ItemKey = (item) => item;
      const [named, serverOnly] = partitionByPresence(merged, patch, key);
      return normalizeOrder(named, serverOnly, patch, original, key);
    }
    if (schema.type !== 'map') throw bad(`cannot merge lists without merge key${where(path)}`);
    const mergeKey = schema.mergeKey;
    const key: ItemKey = (item) => (isPlainObject(item) ? item[mergeKey] : undefined);
    let base = original as JsonObject[];
    const items: JsonObject[] = [];
    const deletedKeys: unknown[] = [];
    let replace = false;
    for (const item of patch as JsonObject[]) {
      if (!(PATCH in item)) {
        items.push(item);
        continue;
      }
      const directive = item[PATCH];
      if (directive === 'delete') {
        if (!(mergeKey in item)) throw bad(`map: ${describeValue(item)} does not contain declared merge key: ${mergeKey}${where(path)}`);
        base = base.filter((o) => !jsonEqual(o[mergeKey], item[mergeKey]));
        deletedKeys.push(item[mergeKey]);
      } else if (directive === 'replace') {
        replace = true;
      } else if (directive === 'merge') {
        throw bad(`merging lists cannot yet be specified in the patch${where(path)}`);
      } else {
        throw bad(`unknown patch type: ${describeValue(directive)} in list${where(path)}`);
      }
    }
    // `{$patch: replace}` as an item: the patch's other items are the whole new list.
    if (replace) base = [];
    const merged = [...base];
    const appended: JsonObject[] = [];
    for (const item of items) {
      if (!(mergeKey in item)) throw bad(`map: ${describeValue(item)} does not contain declared merge key: ${mergeKey}${where(path)}`);
      const at = merged.findIndex((o) => jsonEqual(o[mergeKey], item[mergeKey]));
      if (at >= 0) merged[at] = this.mergeMap(merged[at]!, item, `${path}[]`);
      else appended.push(merged[merged.push(this.mergeMap({}, item, `${path}[]`)) - 1]!);
    }
    if (serverOrder) serverOrder.list = inPlaceServerOrder(original, deletedKeys, replace ? [] : appended, key);
    if (replace) return merged;
    const [named, serverOnly] = partitionByPresence(merged, items, key);
    return normalizeOrder(named, serverOnly, items, base, key);
  }

  /** How items of the list at `path` are identified, for ordering directives. */
  private itemKey(path: string, sample: unknown[]): ItemKey {
    const schema = this.schema.list(path);
    if (schema.type === 'map' && sample.some(isPlainObject)) {
      return (item) => (isPlainObject(item) ? item[schema.mergeKey] : item);
    }
    return (item) => item;
  }
}
