import jsonpatch from 'fast-json-patch';
import type { JsonPatchError, Operation } from 'fast-json-patch';
import type { KubeObject } from '../../cluster/view.ts';
import { StoreError } from '../store/types.ts';
import { cloneJson, isPlainObject } from './values.ts';

// fast-json-patch is CommonJS without named ESM exports; its default export carries the API.
const { applyOperation, getValueByPointer, JsonPatchError: JsonPatchErrorClass } = jsonpatch;

/** Errors that mean the patch itself is malformed (400) rather than not applicable to this object (422). */
const malformed = new Set<string>([
  'SEQUENCE_NOT_AN_ARRAY',
  'OPERATION_NOT_AN_OBJECT',
  'OPERATION_OP_INVALID',
  'OPERATION_PATH_INVALID',
  'OPERATION_FROM_REQUIRED',
  'OPERATION_VALUE_REQUIRED',
  'OPERATION_VALUE_CANNOT_CONTAIN_UNDEFINED',
]);

/**
 * Applies an RFC 6902 JSON patch to a copy of `live`. A patch that is not a well-formed list of
 * operations is a BadRequest; one that does not apply (a failed `test`, a missing path) is
 * Invalid, as Kubernetes answers 422 for those. Both messages name the operation index and path.
 */
export function applyJsonPatch(live: KubeObject, patch: unknown): KubeObject {
  if (!Array.isArray(patch)) {
    throw new StoreError('BadRequest', `json patch must be a JSON array of operations, got ${patch === null ? 'null' : typeof patch}`);
  }
  let result: unknown = cloneJson(live);
  for (const [index, operation] of (patch as Operation[]).entries()) {
    try {
      result = applyOperation(result, leniently(result, operation), true, true, true, index).newDocument;
    } catch (err) {
      if (err instanceof JsonPatchErrorClass) throw describeFailure(err, patch);
      throw err;
    }
  }
  if (!isPlainObject(result)) {
    throw new StoreError('Invalid', 'json patch result is not an object');
  }
  return result as KubeObject;
}

/**
 * The API server's json-patch library (evanphx v4) lets `replace` set a key the object does not
 * have yet, and scripts written against real clusters rely on that; so do we, as an `add`.
 */
function leniently(document: unknown, operation: Operation): Operation {
  if (!isPlainObject(operation) || operation.op !== 'replace' || typeof operation.path !== 'string' || !operation.path.startsWith('/')) return operation;
  const parentPointer = operation.path.slice(0, operation.path.lastIndexOf('/'));
  let parent: unknown;
  let current: unknown;
  try {
    parent = parentPointer ? getValueByPointer(document, parentPointer) : document;
    current = getValueByPointer(document, operation.path);
  } catch {
    return operation;
  }
  return isPlainObject(parent) && current === undefined ? { ...operation, op: 'add' } : operation;
}

function describeFailure(err: JsonPatchError, patch: unknown[]): StoreError {
  const index = err.index ?? 0;
  const operation: Record<string, unknown> = isPlainObject(patch[index]) ? patch[index] : {};
  const op = typeof operation.op === 'string' ? operation.op : '?';
  const path = typeof operation.path === 'string' ? operation.path : '?';
  const from = typeof operation.from === 'string' ? operation.from : '?';
  const where = `json patch operation ${index} (${op} ${path})`;
  if (malformed.has(err.name)) {
    const detail = err.name === 'OPERATION_OP_INVALID' ? `Unexpected kind: ${op}` : firstLine(err.message);
    return new StoreError('BadRequest', `${where}: ${detail}`);
  }
  return new StoreError('Invalid', `${where}: ${notApplicable(err.name, op, path, from)}`);
}

// Wording follows the json-patch library the Kubernetes API server uses, so messages read alike.
function notApplicable(name: string, op: string, path: string, from: string): string {
  switch (name) {
    case 'TEST_OPERATION_FAILED':
      return `testing value ${path} failed: test failed`;
    case 'OPERATION_FROM_UNRESOLVABLE':
      return `${op} operation does not apply: doc is missing from path: ${from}: missing value`;
    case 'OPERATION_PATH_ILLEGAL_ARRAY_INDEX':
    case 'OPERATION_VALUE_OUT_OF_BOUNDS':
      return `error in ${op} for path: '${path}': Unable to access invalid index: ${path.slice(path.lastIndexOf('/') + 1)}: invalid index referenced`;
    case 'OPERATION_PATH_UNRESOLVABLE':
      if (op === 'remove') return `error in remove for path: '${path}': Unable to remove nonexistent key: ${path.slice(path.lastIndexOf('/') + 1)}: missing value`;
      if (op === 'test') return `testing value ${path} failed: test failed`;
      return `${op} operation does not apply: doc is missing key: ${path}: missing value`;
    default:
      return `${op} operation does not apply: doc is missing path: "${path}": missing value`;
  }
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0]!;
}
