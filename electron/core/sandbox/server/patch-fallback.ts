import fastJsonPatch, { type Operation } from 'fast-json-patch';
import type { KubeObject } from '../../cluster/view.ts';
import { StoreError } from '../store/types.ts';

/**
 * Temporary stand-in for electron/core/sandbox/patch/index.ts until it exports its full API:
 * JSON patch, JSON merge patch, strategic merge treated as merge, and apply as a merge without
 * conflict detection. Same signatures, so patch-engine.ts switches by changing one import.
 */
export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export function patchTypeFromContentType(contentType: string): PatchType | undefined {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  switch (type) {
    case 'application/json-patch+json':
      return 'json';
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    case 'application/apply-patch+yaml':
      return 'apply';
    default:
      return undefined;
  }
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

export function applyPatch(live: KubeObject, type: 'json' | 'merge' | 'strategic', patch: unknown): KubeObject {
  if (type === 'json') {
    if (!Array.isArray(patch)) throw new StoreError('BadRequest', 'json patch must be an array of operations');
    try {
      return fastJsonPatch.applyPatch(structuredClone(live), patch as Operation[], true, false).newDocument;
    } catch (err) {
      throw new StoreError('BadRequest', `the server rejected our request due to an error in our request: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw new StoreError('BadRequest', 'a merge patch must be a JSON object');
  return mergePatch(structuredClone(live), patch) as KubeObject;
}

type ManagedField = { manager: string; operation: string; apiVersion: string; time: string; fieldsType: string; fieldsV1: object; subresource?: string };

function record(obj: KubeObject, manager: string, operation: string, now: string, subresource?: string): KubeObject {
  const fields = ((obj.metadata.managedFields as ManagedField[] | undefined) ?? []).filter((f) => !(f.manager === manager && f.operation === operation && f.subresource === subresource));
  fields.push({ manager, operation, apiVersion: obj.apiVersion, time: now, fieldsType: 'FieldsV1', fieldsV1: {}, ...(subresource ? { subresource } : {}) });
  return { ...obj, metadata: { ...obj.metadata, managedFields: fields } };
}

export function serverSideApply(live: KubeObject | undefined, applied: KubeObject, options: { manager: string; force: boolean; now: string; subresource?: string }): KubeObject {
  const merged = live ? (mergePatch(structuredClone(live), applied) as KubeObject) : structuredClone(applied);
  return record(merged, options.manager, 'Apply', options.now, options.subresource);
}

export function trackUpdate(_before: KubeObject | undefined, after: KubeObject, options: { manager: string; now: string; operation: 'Update'; subresource?: string }): KubeObject {
  return record(after, options.manager, 'Update', options.now, options.subresource);
}
