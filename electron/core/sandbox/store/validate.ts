import type { KubeObject } from '../../cluster/view.ts';
import type { ServedType } from './builtin-types.ts';
import { StoreError } from './types.ts';

/** Validation in the API server's words, so kubectl prints what a real cluster would. */

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/** Kinds whose names must be DNS labels rather than subdomains. */
const LABEL_NAMED = new Set(['namespaces', 'services']);

export type Cause = { field: string; message: string; reason?: string };

/** `Deployment.apps "web"` — how the API server names an object in messages. */
export function qualifiedKind(type: ServedType): string {
  return type.group ? `${type.kind}.${type.group}` : type.kind;
}

export function invalid(type: ServedType, name: string, causes: Cause[]): StoreError {
  const detail = causes.map((c) => `${c.field}: ${c.message}`).join(', ');
  const text = causes.length > 1 ? `[${detail}]` : detail;
  return new StoreError('Invalid', `${qualifiedKind(type)} "${name}" is invalid: ${text}`, { causes });
}

export function validateName(type: ServedType, name: unknown): Cause[] {
  if (typeof name !== 'string' || name === '') {
    return [{ field: 'metadata.name', reason: 'FieldValueRequired', message: 'Required value: name or generateName is required' }];
  }
  const asLabel = LABEL_NAMED.has(type.resource) && type.group === '';
  const ok = asLabel ? LABEL.test(name) && name.length <= 63 : SUBDOMAIN.test(name) && name.length <= 253;
  if (ok) return [];
  return [{ field: 'metadata.name', reason: 'FieldValueInvalid', message: `Invalid value: "${name}": ${asLabel ? LABEL_MSG : SUBDOMAIN_MSG}` }];
}

/** Checks identity fields; the kind/apiVersion mismatch is a 400 like the real decoder gives. */
export function validateIdentity(type: ServedType, object: KubeObject): void {
  if (!object || typeof object !== 'object' || Array.isArray(object)) throw new StoreError('BadRequest', 'the request body must be a JSON object');
  if (typeof object.metadata !== 'object' || object.metadata === null || Array.isArray(object.metadata)) {
    throw new StoreError('BadRequest', `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: metadata must be an object`);
  }
  const groupVersions = type.versions.map((v) => (type.group ? `${type.group}/${v}` : v));
  if (object.kind !== undefined && object.kind !== type.kind) {
    throw new StoreError('BadRequest', `the kind in the data (${String(object.kind)}) does not match the expected kind (${type.kind})`);
  }
  if (object.apiVersion !== undefined && !groupVersions.includes(String(object.apiVersion))) {
    throw new StoreError('BadRequest', `the API version in the data (${String(object.apiVersion)}) does not match the expected API version (${groupVersions[0]})`);
  }
}

type FieldType = 'integer' | 'string' | 'boolean' | 'object' | 'array' | 'stringMap';

/** A few typed fields of built-in kinds, so wrong types fail as the Go decoder would make them fail. */
const TYPED_FIELDS: Record<string, Array<[string, FieldType, string]>> = {
  '*': [
    ['metadata.labels', 'stringMap', 'ObjectMeta.metadata.labels'],
    ['metadata.annotations', 'stringMap', 'ObjectMeta.metadata.annotations'],
    ['metadata.name', 'string', 'ObjectMeta.metadata.name'],
    ['metadata.namespace', 'string', 'ObjectMeta.metadata.namespace'],
  ],
  'apps/deployments': workload('DeploymentSpec'),
  'apps/replicasets': workload('ReplicaSetSpec'),
  'apps/statefulsets': workload('StatefulSetSpec'),
  'apps/daemonsets': [
    ['spec.selector', 'object', 'DaemonSetSpec.spec.selector'],
    ['spec.template', 'object', 'DaemonSetSpec.spec.template'],
    ['spec.template.spec.containers', 'array', 'PodSpec.spec.template.spec.containers'],
  ],
  '/pods': [
    ['spec', 'object', 'Pod.spec'],
    ['spec.containers', 'array', 'PodSpec.spec.containers'],
    ['spec.nodeName', 'string', 'PodSpec.spec.nodeName'],
  ],
  '/services': [
    ['spec.ports', 'array', 'ServiceSpec.spec.ports'],
    ['spec.selector', 'stringMap', 'ServiceSpec.spec.selector'],
    ['spec.type', 'string', 'ServiceSpec.spec.type'],
  ],
  '/configmaps': [['data', 'stringMap', 'ConfigMap.data']],
  '/secrets': [
    ['data', 'stringMap', 'Secret.data'],
    ['stringData', 'stringMap', 'Secret.stringData'],
  ],
  'batch/jobs': [
    ['spec.parallelism', 'integer', 'JobSpec.spec.parallelism'],
    ['spec.completions', 'integer', 'JobSpec.spec.completions'],
    ['spec.backoffLimit', 'integer', 'JobSpec.spec.backoffLimit'],
  ],
};

function workload(spec: string): Array<[string, FieldType, string]> {
  return [
    ['spec', 'object', `${spec.replace('Spec', '')}.spec`],
    ['spec.replicas', 'integer', `${spec}.spec.replicas`],
    ['spec.selector', 'object', `${spec}.spec.selector`],
    ['spec.template', 'object', `${spec}.spec.template`],
    ['spec.template.spec.containers', 'array', 'PodSpec.spec.template.spec.containers'],
  ];
}

const GO_TYPE: Record<FieldType, string> = { integer: 'int32', string: 'string', boolean: 'bool', object: 'struct', array: 'slice', stringMap: 'map[string]string' };

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return 'number';
  return typeof value;
}

function matches(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'stringMap':
      return typeof value === 'object' && !Array.isArray(value) && Object.values(value as object).every((v) => typeof v === 'string');
  }
}

function lookup(object: unknown, path: string): unknown {
  let cur: unknown = object;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Throws StoreError('BadRequest') naming the field, like "cannot unmarshal string into Go struct field ...". */
export function validateFieldTypes(type: ServedType, object: KubeObject): void {
  const fields = [...(TYPED_FIELDS['*'] ?? []), ...(TYPED_FIELDS[`${type.group}/${type.resource}`] ?? [])];
  for (const [path, expected, goField] of fields) {
    const value = lookup(object, path);
    if (value === undefined || value === null) continue;
    if (matches(value, expected)) continue;
    let got = jsonTypeOf(value);
    if (expected === 'stringMap' && got === 'object') got = 'non-string value';
    throw new StoreError(
      'BadRequest',
      `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: json: cannot unmarshal ${got} into Go struct field ${goField} of type ${GO_TYPE[expected]}`,
    );
  }
}
