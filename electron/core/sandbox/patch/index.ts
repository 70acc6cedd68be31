/**
 * Patch engines and server-side apply for the sandbox API server: the four PATCH content types
 * Kubernetes accepts, plus managedFields bookkeeping for plain updates. Pure functions over
 * objects; none of them mutates its inputs. Errors are StoreErrors the server maps to statuses.
 */
import type { KubeObject } from '../../cluster/view.ts';
import { StoreError } from '../store/types.ts';
import { applyJsonPatch } from './json-patch.ts';
import { applyMergePatch } from './merge-patch.ts';
import { applyStrategicMergePatch } from './strategic-merge.ts';

export { patchTypeFromContentType, type PatchType } from './content-type.ts';
export { supportsStrategicMerge } from './merge-keys.ts';

/** Applies a json, merge or strategic merge patch to a copy of `live`. */
export function applyPatch(live: KubeObject, type: 'json' | 'merge' | 'strategic', patch: unknown): KubeObject {
  switch (type) {
    case 'json':
      return applyJsonPatch(live, patch);
    case 'merge':
      return applyMergePatch(live, patch);
    case 'strategic':
      return applyStrategicMergePatch(live, patch);
    default:
      throw new StoreError('BadRequest', `unsupported patch type ${String(type)}`);
  }
}

export { serverSideApply, trackUpdate, type ApplyOptions, type UpdateOptions } from './server-side-apply.ts';
