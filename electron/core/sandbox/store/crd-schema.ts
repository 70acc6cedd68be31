import type { Cause } from './validate.ts';

/**
 * Structural-schema checks for custom resources, in the API server's words: wrong types, missing
 * required fields and values outside an enum are Invalid causes; fields the schema does not declare
 * (and that no x-kubernetes-preserve-unknown-fields keeps) are "unknown" and get pruned.
 */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
}

export interface SchemaResult {
  causes: Cause[];
  unknown: string[];
}

const ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeOk(type: string, v: unknown): boolean {
  const actual = typeName(v);
  if (type === 'number') return actual === 'number' || actual === 'integer';
  return actual === type;
}

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : typeof v === 'object' ? JSON.stringify(typeName(v)) : String(v));

/** Checks (and, when `prune`, removes unknown fields from) a custom resource against its version's openAPIV3Schema. */
export function checkCustomResource(schema: JsonSchema | undefined, object: Record<string, unknown>, prune: boolean): SchemaResult {
  const result: SchemaResult = { causes: [], unknown: [] };
  if (!schema) return result;

  const walk = (s: JsonSchema, v: unknown, path: string, root: boolean) => {
    if (v === null) {
      if (!s.nullable && s.type && !root) result.causes.push({ field: path, reason: 'FieldValueInvalid', message: `Invalid value: "null": ${path} in body must be of type ${s.type}: "null"` });
      return;
    }
    if (s['x-kubernetes-int-or-string']) {
      if (typeof v !== 'string' && !(typeof v === 'number' && Number.isInteger(v))) {
        result.causes.push({ field: path, reason: 'FieldValueInvalid', message: `Invalid value: ${show(v)}: ${path} in body must be of type integer,string: ${JSON.stringify(typeName(v))}` });
      }
      return;
    }
    if (s.type && !typeOk(s.type, v)) {
      result.causes.push({ field: path, reason: 'FieldValueInvalid', message: `Invalid value: ${show(v)}: ${path} in body must be of type ${s.type}: ${JSON.stringify(typeName(v))}` });
      return;
    }
    if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
      result.causes.push({ field: path, reason: 'FieldValueNotSupported', message: `Unsupported value: ${show(v)}: supported values: ${s.enum.map((e) => JSON.stringify(e)).join(', ')}` });
    }
    if (typeof v === 'number') {
      if (s.minimum !== undefined && v < s.minimum) result.causes.push({ field: path, reason: 'FieldValueInvalid', message: `Invalid value: ${v}: ${path} in body should be greater than or equal to ${s.minimum}` });
      if (s.maximum !== undefined && v > s.maximum) result.causes.push({ field: path, reason: 'FieldValueInvalid', message: `Invalid value: ${v}: ${path} in body should be less than or equal to ${s.maximum}` });
    }
    if (Array.isArray(v)) {
      if (s.items) v.forEach((item, i) => walk(s.items!, item, `${path}[${i}]`, false));
      return;
    }
    if (typeof v !== 'object') return;
    const obj = v as Record<string, unknown>;
    for (const req of s.required ?? []) {
      if (obj[req] === undefined) result.causes.push({ field: path ? `${path}.${req}` : req, reason: 'FieldValueRequired', message: 'Required value' });
    }
    const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
    for (const key of Object.keys(obj)) {
      const here = path ? `${path}.${key}` : key;
      if (root && ROOT_FIELDS.has(key)) continue;
      if (s['x-kubernetes-embedded-resource'] && ROOT_FIELDS.has(key)) continue;
      const child = s.properties?.[key] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
      if (child) {
        walk(child, obj[key], here, false);
        continue;
      }
      if (preserve || s.additionalProperties === true || (!s.properties && s.additionalProperties === undefined && s.type !== 'object')) continue;
      result.unknown.push(here);
      if (prune) delete obj[key];
    }
  };

  walk(schema, object, '', true);
  return result;
}
