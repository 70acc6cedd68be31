/**
 * Patch engines and server-side apply for the sandbox API server: the four PATCH content types
 * Kubernetes accepts, plus managedFields bookkeeping for plain updates. Pure functions over
 * objects; none of them mutates its inputs. Errors are StoreErrors the server maps to statuses:
 *   BadRequest (400)  malformed patch or apply configuration; strategic merge on a custom resource
 *                     (answer 415 instead by checking supportsStrategicMerge first)
 *   Invalid (422)     a JSON patch that does not apply (failed test, missing path)
 *   Conflict (409)    server-side apply changing fields other managers own; details.causes lists
 *                     them as { reason: 'FieldManagerConflict', message, field }
 *   NotFound (404)    server-side apply to the status of an object that does not exist
 */
import type { KubeObject } from '../../cluster/view.ts';
import { StoreError } from '../store/types.ts';
import { applyJsonPatch } from './json-patch.ts';
import { applyMergePatch } from './merge-patch.ts';
import { applyStrategicMergePatch } from './strategic-merge.ts';

export { patchTypeFromContentType, type PatchType } from './content-type.ts';
export { supportsStrategicMerge } from './merge-keys.ts';
export { serverSideApply, trackUpdate, type ApplyOptions, type UpdateOptions } from './server-side-apply.ts';

/** Applies a json (RFC 6902), merge (RFC 7386) or strategic merge patch to a copy of `live`. */
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
