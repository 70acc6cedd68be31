import { builtinMessageType, messageFieldsByName, META, type FieldSpec } from './decode.ts';

/**
 * Checks a JSON object of a built-in kind against Kubernetes' own field tables, as the API
 * server's decoder does: a wrong JSON type is an error worded like Go's encoding/json, and fields
 * the kind does not have are "unknown" (rejected under fieldValidation=Strict, dropped otherwise).
 */
export interface SchemaCheckResult {
  /** `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32` */
  typeError?: string;
  /** Paths of unknown fields, e.g. `spec.template.spec.containers[0].imagePullPolicyy`. */
  unknown: string[];
}

const ANY = new Set(['k8s.io.apimachinery.pkg.runtime.RawExtension', `${META}.FieldsV1`, 'k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1']);
const STRING_LIKE = new Set([`${META}.Time`, `${META}.MicroTime`, `${META}.Duration`]);
const QUANTITY = 'k8s.io.apimachinery.pkg.api.resource.Quantity';
const INT_OR_STRING = 'k8s.io.apimachinery.pkg.util.intstr.IntOrString';

const GO_SCALAR: Record<string, string> = {
  string: 'string',
  bool: 'bool',
  bytes: '[]uint8',
  double: 'float64',
  float: 'float32',
  int32: 'int32',
  int64: 'int64',
  uint32: 'uint32',
  uint64: 'uint64',
  sint32: 'int32',
  sint64: 'int64',
};

function goMessage(type: string): string {
  const parts = type.split('.');
  return `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
}

function goType(kind: string, type: string, repeated: boolean): string {
  let base: string;
  if (kind.startsWith('map:')) {
    const [, k, v] = kind.split(':') as [string, string, string];
    base = `map[${GO_SCALAR[k] ?? k}]${v === 'message' ? goMessage(type) : (GO_SCALAR[v] ?? v)}`;
  } else if (kind === 'message') {
    base = type === INT_OR_STRING ? 'intstr.IntOrString' : type === QUANTITY ? 'resource.Quantity' : goMessage(type);
  } else base = GO_SCALAR[kind] ?? kind;
  return repeated ? `[]${base}` : base;
}

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

function scalarOk(kind: string, v: unknown): boolean {
  switch (kind) {
    case 'string':
    case 'bytes':
      return typeof v === 'string';
    case 'bool':
      return typeof v === 'boolean';
    case 'double':
    case 'float':
      return typeof v === 'number';
    default:
      return typeof v === 'number' && Number.isInteger(v);
  }
}

export function checkBuiltinObject(apiVersion: string, kind: string, object: unknown, prune: boolean): SchemaCheckResult | undefined {
  const root = builtinMessageType(apiVersion, kind);
  if (!root) return undefined;
  const result: SchemaCheckResult = { unknown: [] };
  const fail = (v: unknown, struct: string, goPath: string, spec: FieldSpec, repeated: boolean) => {
    result.typeError ??= `json: cannot unmarshal ${jsonType(v)} into Go struct field ${struct}.${goPath} of type ${goType(spec[2], spec[3], repeated)}`;
  };

  // Returns false when `v` is not acceptable for a non-repeated value of this field kind.
  const value = (spec: FieldSpec, kindOf: string, type: string, v: unknown, path: string, goPath: string): boolean => {
    if (v === null) return true;
    if (kindOf !== 'message') return scalarOk(kindOf, v);
    if (ANY.has(type)) return true;
    if (STRING_LIKE.has(type)) return typeof v === 'string';
    if (type === QUANTITY) return typeof v === 'string' || typeof v === 'number';
    if (type === INT_OR_STRING) return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
    if (typeof v !== 'object' || Array.isArray(v)) return false;
    message(type, v as Record<string, unknown>, path, goPath);
    return true;
  };

  const message = (type: string, obj: Record<string, unknown>, path: string, goPath: string) => {
    const fields = messageFieldsByName(type);
    if (!fields) return;
    const struct = type.slice(type.lastIndexOf('.') + 1);
    for (const key of Object.keys(obj)) {
      if ((type === root && (key === 'apiVersion' || key === 'kind')) || key.startsWith('$')) continue; // strategic-merge directives are not fields
      const here = path ? `${path}.${key}` : key;
      const goHere = goPath ? `${goPath}.${key}` : key;
      const spec = fields.get(key);
      if (!spec) {
        result.unknown.push(here);
        if (prune) delete obj[key];
        continue;
      }
      const v = obj[key];
      if (v === null || v === undefined) continue;
      const [, , kindOf, fieldType, repeated] = spec;
      if (kindOf.startsWith('map:')) {
        if (typeof v !== 'object' || Array.isArray(v)) {
          fail(v, struct, goHere, spec, false);
          continue;
        }
        const valueKind = kindOf.split(':')[2]!;
        for (const [mk, mv] of Object.entries(v as Record<string, unknown>)) {
          if (!value(spec, valueKind, fieldType, mv, `${here}.${mk}`, goHere)) fail(mv, struct, goHere, [0, key, valueKind, fieldType, 0], false);
        }
        continue;
      }
      if (repeated) {
        if (!Array.isArray(v)) {
          fail(v, struct, goHere, spec, true);
          continue;
        }
        v.forEach((item, i) => {
          if (!value(spec, kindOf, fieldType, item, `${here}[${i}]`, goHere)) fail(item, struct, goHere, spec, false);
        });
        continue;
      }
      if (!value(spec, kindOf, fieldType, v, here, goHere)) fail(v, struct, goHere, spec, false);
    }
  };

  if (object === null || typeof object !== 'object' || Array.isArray(object)) return result;
  message(root, object as Record<string, unknown>, '', '');
  return result;
}
