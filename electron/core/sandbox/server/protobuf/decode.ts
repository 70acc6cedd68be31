import { readFileSync } from 'node:fs';
import { ProtobufError, packedVarints, wireFields, type WireField } from './wire.ts';

/**
 * Decodes the Kubernetes protobuf encoding (`k8s\0` + runtime.Unknown) that kubectl's typed clients
 * send (create namespace/configmap/secret/deployment, access reviews, delete options) into the
 * JSON object the API would have received, using field tables generated from Kubernetes' own
 * descriptors (k8s-schema.json, see generate-schema.ts).
 */
export type FieldSpec = [number, string, string, string, 0 | 1]; // number, name, kind, message type, repeated

let schemaCache: Map<string, Map<number, FieldSpec>> | undefined;
function schema(): Map<string, Map<number, FieldSpec>> {
  if (!schemaCache) {
    const raw = JSON.parse(readFileSync(new URL('./k8s-schema.json', import.meta.url), 'utf8')) as Record<string, FieldSpec[]>;
    schemaCache = new Map(Object.entries(raw).map(([name, fields]) => [name, new Map(fields.map((f) => [f[0], f]))]));
  }
  return schemaCache;
}

export const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';
const GROUP_PACKAGES: Record<string, string> = {
  '': 'core',
  apps: 'apps',
  batch: 'batch',
  autoscaling: 'autoscaling',
  policy: 'policy',
  'networking.k8s.io': 'networking',
  'rbac.authorization.k8s.io': 'rbac',
  'authorization.k8s.io': 'authorization',
  'authentication.k8s.io': 'authentication',
  'storage.k8s.io': 'storage',
  'coordination.k8s.io': 'coordination',
  'discovery.k8s.io': 'discovery',
  'events.k8s.io': 'events',
  'admissionregistration.k8s.io': 'admissionregistration',
  'scheduling.k8s.io': 'scheduling',
};

/** The protobuf message of a built-in kind ("apps/v1", "Deployment" → k8s.io.api.apps.v1.Deployment), if the sandbox knows it. */
export function builtinMessageType(apiVersion: string, kind: string): string | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const pkg = GROUP_PACKAGES[group];
  const type = pkg ? `k8s.io.api.${pkg}.${version}.${kind}` : undefined;
  return type && schema().has(type) ? type : undefined;
}

/** The field table of a message, by field name. */
export function messageFieldsByName(type: string): Map<string, FieldSpec> | undefined {
  let byName = byNameCache.get(type);
  if (!byName) {
    const fields = schema().get(type);
    if (!fields) return undefined;
    byName = new Map([...fields.values()].map((f) => [f[1], f]));
    byNameCache.set(type, byName);
  }
  return byName;
}
const byNameCache = new Map<string, Map<string, FieldSpec>>();

/** Non-pointer integer fields whose zero value JSON would omit (the wire always carries them). */
const OMIT_ZERO = new Set(['generation', 'hostPort', 'nodePort', 'observedGeneration', 'minReadySeconds', 'restartCount']);
/** Pointer booleans, where an explicit false means something; other false booleans are omitted as JSON would. */
const KEEP_FALSE = new Set([
  'automountServiceAccountToken', 'allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'runAsNonRoot', 'privileged', 'optional', 'suspend',
  'enableServiceLinks', 'shareProcessNamespace', 'setHostnameAsFQDN', 'hostUsers', 'immutable', 'allocateLoadBalancerNodePorts', 'ready',
  'serving', 'terminating', 'manualSelector', 'allowed', 'denied', 'controller', 'blockOwnerDeletion', 'readOnly',
]);
const ZERO_TIME = -62135596800n;

function toInt(v: bigint): number {
  return Number(v >= 1n << 63n ? v - (1n << 64n) : v);
}

function zigzag(v: bigint): number {
  return Number((v >> 1n) ^ -(v & 1n));
}

function formatTime(seconds: bigint, nanos: number, micro: boolean): string {
  const iso = new Date(Number(seconds) * 1000 + Math.floor(nanos / 1e6)).toISOString();
  return micro ? `${iso.slice(0, 19)}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${iso.slice(0, 19)}Z`;
}

function goDuration(ns: number): string {
  if (ns === 0) return '0s';
  const h = Math.floor(ns / 3.6e12);
  const m = Math.floor((ns % 3.6e12) / 6e10);
  const s = (ns % 6e10) / 1e9;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}

function scalar(kind: string, w: WireField): unknown {
  switch (kind) {
    case 'string':
      return w.bytes!.toString('utf8');
    case 'bytes':
      return w.bytes!.toString('base64');
    case 'bool':
      return w.varint !== 0n;
    case 'int32':
    case 'int64':
    case 'uint32':
    case 'uint64':
      return toInt(w.varint!);
    case 'sint32':
    case 'sint64':
      return zigzag(w.varint!);
    case 'double':
      return w.bytes!.readDoubleLE(0);
    case 'float':
      return w.bytes!.readFloatLE(0);
    default:
      throw new ProtobufError(`unsupported field kind ${kind}`);
  }
}

function special(type: string, buf: Buffer): { value: unknown } | undefined {
  const f = new Map<number, WireField>();
  const only = () => {
    for (const w of wireFields(buf)) f.set(w.field, w);
  };
  switch (type) {
    case `${META}.Time`:
    case `${META}.MicroTime`: {
      only();
      const seconds = f.get(1)?.varint ?? 0n;
      if (seconds === ZERO_TIME || (seconds === 0n && !f.get(2))) return { value: undefined };
      return { value: formatTime(seconds, toInt(f.get(2)?.varint ?? 0n), type.endsWith('MicroTime')) };
    }
    case `${META}.Duration`:
      only();
      return { value: goDuration(toInt(f.get(1)?.varint ?? 0n)) };
    case 'k8s.io.apimachinery.pkg.api.resource.Quantity':
      only();
      return { value: f.get(1)?.bytes?.toString('utf8') ?? '0' };
    case 'k8s.io.apimachinery.pkg.util.intstr.IntOrString':
      only();
      return { value: toInt(f.get(1)?.varint ?? 0n) === 1 ? (f.get(3)?.bytes?.toString('utf8') ?? '') : toInt(f.get(2)?.varint ?? 0n) };
    case 'k8s.io.apimachinery.pkg.runtime.RawExtension':
    case `${META}.FieldsV1`: {
      only();
      const raw = f.get(1)?.bytes;
      if (!raw || raw.length === 0) return { value: undefined };
      try {
        return { value: JSON.parse(raw.toString('utf8')) };
      } catch {
        return { value: raw.toString('base64') };
      }
    }
    default:
      return undefined;
  }
}

function decodeValue(kind: string, type: string | undefined, w: WireField): unknown {
  if (kind === 'message') return decodeMessage(type!, w.bytes!);
  return scalar(kind, w);
}

export function decodeMessage(type: string, buf: Buffer): unknown {
  const sp = special(type, buf);
  if (sp) return sp.value;
  const fields = schema().get(type);
  if (!fields) throw new ProtobufError(`no protobuf schema for ${type}`);
  const out: Record<string, unknown> = {};
  for (const w of wireFields(buf)) {
    const spec = fields.get(w.field);
    if (!spec) continue;
    const [, name, kind, type2, repeated] = spec;
    if (kind.startsWith('map:')) {
      const [, , valueKind] = kind.split(':') as [string, string, string];
      let key = '';
      let value: unknown = valueKind === 'string' ? '' : undefined;
      for (const e of wireFields(w.bytes!)) {
        if (e.field === 1) key = e.bytes ? e.bytes.toString('utf8') : String(e.varint);
        else if (e.field === 2) value = decodeValue(valueKind, type2, e);
      }
      const map = (out[name] ??= {}) as Record<string, unknown>;
      map[key] = value === undefined && valueKind === 'message' ? {} : value;
      continue;
    }
    if (repeated) {
      const list = (out[name] ??= []) as unknown[];
      if (w.wire === 2 && (/int/.test(kind) || kind === 'bool')) {
        for (const v of packedVarints(w.bytes!)) list.push(scalar(kind, { field: w.field, wire: 0, varint: v }));
      } else list.push(decodeValue(kind, type2, w));
      continue;
    }
    const value = decodeValue(kind, type2, w);
    if (value === undefined || (value === '' && kind === 'string') || (value === 0 && OMIT_ZERO.has(name)) || (value === false && !KEEP_FALSE.has(name))) continue;
    out[name] = value;
  }
  return out;
}

/** Decodes a `application/vnd.kubernetes.protobuf` request body into a JSON object with apiVersion and kind. */
export function decodeKubernetesProtobuf(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || body.subarray(0, 4).toString('latin1') !== 'k8s\u0000') throw new ProtobufError('the protobuf body lacks the "k8s\\0" envelope');
  let apiVersion = '';
  let kind = '';
  let raw: Buffer | undefined;
  for (const w of wireFields(body.subarray(4))) {
    if (w.field === 1) {
      for (const t of wireFields(w.bytes!)) {
        if (t.field === 1) apiVersion = t.bytes!.toString('utf8');
        else if (t.field === 2) kind = t.bytes!.toString('utf8');
      }
    } else if (w.field === 2) raw = w.bytes;
  }
  const type = builtinMessageType(apiVersion, kind) ?? (schema().has(`${META}.${kind}`) ? `${META}.${kind}` : undefined);
  if (!type) throw new ProtobufError(`the sandbox cannot decode protobuf for ${kind || 'an unnamed kind'} in ${apiVersion || 'no apiVersion'}; send application/json`);
  const object = decodeMessage(type, raw ?? Buffer.alloc(0)) as Record<string, unknown>;
  return { apiVersion, kind, ...object };
}
