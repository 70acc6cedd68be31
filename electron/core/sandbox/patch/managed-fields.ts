import { FieldSet } from './fieldset.ts';
import { isPlainObject, type JsonObject } from './values.ts';

/** One metadata.managedFields entry, with its fields parsed. */
export interface ManagerEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  subresource?: string;
  fields: FieldSet;
}

/**
 * Which entry a write lands in. As in Kubernetes, Update entries are per API version while one
 * Apply entry follows the manager across versions.
 */
export function entryIdentity(entry: Pick<ManagerEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  return JSON.stringify([entry.manager, entry.operation, entry.subresource ?? '', entry.operation === 'Update' ? entry.apiVersion : '']);
}

/** Parses metadata.managedFields, skipping entries that are not well formed (Kubernetes resets those too). */
export function decodeManagedFields(value: unknown): ManagerEntry[] {
  if (!Array.isArray(value)) return [];
  const entries: ManagerEntry[] = [];
  for (const raw of value) {
    if (!isPlainObject(raw) || typeof raw.manager !== 'string' || (raw.operation !== 'Apply' && raw.operation !== 'Update')) continue;
    let fields: FieldSet;
    try {
      fields = FieldSet.fromFieldsV1(raw.fieldsV1 ?? {});
    } catch {
      continue;
    }
    entries.push({
      manager: raw.manager,
      operation: raw.operation,
      apiVersion: typeof raw.apiVersion === 'string' ? raw.apiVersion : '',
      time: typeof raw.time === 'string' ? raw.time : undefined,
      subresource: typeof raw.subresource === 'string' && raw.subresource ? raw.subresource : undefined,
      fields,
    });
  }
  return entries;
}

/** Encodes entries in Kubernetes' order (operation, time, manager, apiVersion, subresource), dropping empty ones. */
export function encodeManagedFields(entries: readonly ManagerEntry[]): JsonObject[] {
  const kept = entries.filter((entry) => entry.fields.size > 0);
  kept.sort(
    (p, q) =>
      cmp(p.operation, q.operation) ||
      cmp(secondsOf(p.time), secondsOf(q.time)) ||
      cmp(p.manager, q.manager) ||
      cmp(p.apiVersion, q.apiVersion) ||
      cmp(p.subresource ?? '', q.subresource ?? ''),
  );
  return kept.map((entry) => ({
    manager: entry.manager,
    operation: entry.operation,
    apiVersion: entry.apiVersion,
    ...(entry.time ? { time: entry.time } : {}),
    fieldsType: 'FieldsV1',
    fieldsV1: entry.fields.toFieldsV1(),
    ...(entry.subresource ? { subresource: entry.subresource } : {}),
  }));
}

function secondsOf(time: string | undefined): number {
  const ms = time ? Date.parse(time) : NaN;
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

function cmp<T extends string | number>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How Kubernetes names a manager in conflict messages: `"kubectl" using apps/v1` for Update entries. */
export function printManager(entry: ManagerEntry): string {
  let out = JSON.stringify(entry.manager);
  if (entry.subresource) out += ` with subresource ${JSON.stringify(entry.subresource)}`;
  if (entry.operation === 'Update') out += ` using ${entry.apiVersion}`;
  return out;
}
