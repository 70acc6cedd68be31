import { randomBytes, randomUUID } from 'node:crypto';
import type { KubeObject } from '../../cluster/view.ts';
import { grKey, type ServedType } from './builtin-types.ts';
import { establishedStatus, validateCrd } from './crd-types.ts';
import { applyCreateDefaults } from './defaults.ts';
import { getPath, jsonEqual, setPath, specChanged } from './object-utils.ts';
import { invalid, type Cause } from './validate.ts';

/**
 * How the API server reshapes what a client sent before storing it: server-owned metadata on
 * create, and on replace what the client may not change (identity, timestamps, status behind a
 * status subresource). Pure object transforms; the store decides when they apply.
 */

/** Kinds whose API strategy keeps metadata.generation (workloads, ingress, CRDs and custom resources); the rest have none. */
const GENERATION_GROUPS = new Set(['apps', 'batch', 'networking.k8s.io', 'apiextensions.k8s.io', 'policy', 'autoscaling']);
function tracksGeneration(type: ServedType): boolean {
  return type.crdName !== undefined || GENERATION_GROUPS.has(type.group);
}

const isCrdType = (type: ServedType) => type.group === 'apiextensions.k8s.io' && type.resource === 'customresourcedefinitions';

/** metadata.generateName → a name with a random 5-character suffix, as the API server does. */
export function generateName(obj: KubeObject): void {
  const meta = obj.metadata;
  if (!meta.name && typeof meta.generateName === 'string' && meta.generateName) {
    meta.name = `${meta.generateName}${randomBytes(4).toString('hex').slice(0, 5)}`;
  }
}

/** The object's namespace (required for namespaced kinds, recorded in `causes` when missing); cluster-scoped kinds lose theirs. */
export function namespaceOf(type: ServedType, obj: KubeObject, causes: Cause[]): string | undefined {
  if (!type.namespaced) {
    delete obj.metadata.namespace;
    return undefined;
  }
  const ns = obj.metadata.namespace;
  if (typeof ns !== 'string' || ns === '') {
    causes.push({ field: 'metadata.namespace', reason: 'FieldValueRequired', message: 'Required value' });
    return undefined;
  }
  return ns;
}

/** A CRD's spec must be well-formed before it is stored (it becomes a served type). */
export function checkCrd(type: ServedType, obj: KubeObject): void {
  if (!isCrdType(type)) return;
  const crdCauses = validateCrd(obj);
  if (crdCauses.length) throw invalid(type, obj.metadata.name, crdCauses);
}

/** Server-set fields of a new object: apiVersion/kind, uid, creationTimestamp, generation, defaults; client values for them are dropped. */
export function stampCreated(type: ServedType, obj: KubeObject, now: () => string): void {
  const meta = obj.metadata;
  obj.apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
  obj.kind = type.kind;
  for (const key of ['resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink'] as const) delete meta[key];
  meta.uid = randomUUID();
  meta.creationTimestamp = now();
  if (tracksGeneration(type)) meta.generation = 1;
  else delete meta.generation;
  applyCreateDefaults(grKey(type.group, type.resource), obj);
  if (type.crdName === undefined && type.resource === 'customresourcedefinitions') obj.status = establishedStatus(obj, now());
}

/**
 * The object a PUT would store: of the main resource, or of a subresource ('status' replaces only
 * .status; 'scale' only the replica count, which `input` carries at the scale path).
 */
export function mergeReplacement(
  type: ServedType,
  live: KubeObject,
  input: KubeObject,
  namespace: string | undefined,
  subresource: 'status' | 'scale' | undefined,
  now: () => string,
): KubeObject {
  let next: KubeObject;
  if (subresource === 'status') {
    next = structuredClone(live) as KubeObject;
    if (input.status === undefined) delete next.status;
    else next.status = structuredClone(input.status);
  } else if (subresource === 'scale') {
    // The input is the whole object with the new replica count at the scale path.
    next = structuredClone(live) as KubeObject;
    const replicasPath = type.scalePaths?.specReplicasPath ?? '.spec.replicas';
    setPath(next, replicasPath, getPath(input, replicasPath));
  } else {
    next = structuredClone(input);
    const meta = next.metadata;
    for (const key of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const) {
      if (live.metadata[key] === undefined) delete meta[key];
      else (meta as Record<string, unknown>)[key] = live.metadata[key];
    }
    if (type.namespaced) meta.namespace = namespace;
    // With a status subresource, writes to the main resource leave status alone.
    if (type.subresources?.status) {
      if (live.status === undefined) delete next.status;
      else next.status = structuredClone(live.status);
    }
    if (isCrdType(type)) {
      checkCrd(type, next);
      // Names unchanged: the conditions (and their transition times) stay as they were.
      const sameNames = jsonEqual((live.spec as { names?: unknown } | undefined)?.names, (next.spec as { names?: unknown } | undefined)?.names);
      next.status = sameNames && live.status ? structuredClone(live.status) : establishedStatus(next, now());
    }
  }
  next.apiVersion = live.apiVersion;
  next.kind = live.kind;
  next.metadata.resourceVersion = live.metadata.resourceVersion;
  if (tracksGeneration(type) && specChanged(live, next)) next.metadata.generation = (live.metadata.generation ?? 1) + 1;
  return next;
}
