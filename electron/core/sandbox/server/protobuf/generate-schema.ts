// Regenerates k8s-schema.json: the field tables of the Kubernetes protobuf messages kubectl's
// typed clients send, read from the gzipped FileDescriptorProtos compiled into the kubectl binary.
// Run: node --import tsx electron/core/sandbox/server/protobuf/generate-schema.ts [/usr/bin/kubectl]
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { wireFields } from './wire.ts';

const PACKAGES = [
  'k8s.io.apimachinery.pkg.apis.meta.v1',
  'k8s.io.apimachinery.pkg.runtime',
  'k8s.io.apimachinery.pkg.api.resource',
  'k8s.io.apimachinery.pkg.util.intstr',
  'k8s.io.api.core.v1',
  'k8s.io.api.apps.v1',
  'k8s.io.api.batch.v1',
  'k8s.io.api.networking.v1',
  'k8s.io.api.discovery.v1',
  'k8s.io.api.rbac.v1',
  'k8s.io.api.storage.v1',
  'k8s.io.api.coordination.v1',
  'k8s.io.api.authorization.v1',
  'k8s.io.api.authentication.v1',
  'k8s.io.api.autoscaling.v1',
  'k8s.io.api.policy.v1',
  'k8s.io.api.events.v1',
  'k8s.io.api.admissionregistration.v1',
  'k8s.io.api.scheduling.v1',
  'k8s.io.api.autoscaling.v2',
];

// FieldDescriptorProto.Type numbers → our compact kinds.
const KIND: Record<number, string> = { 1: 'double', 2: 'float', 3: 'int64', 4: 'uint64', 5: 'int32', 6: 'uint64', 7: 'uint32', 8: 'bool', 9: 'string', 11: 'message', 12: 'bytes', 13: 'uint32', 15: 'int32', 16: 'int64', 17: 'sint32', 18: 'sint64' };

type FieldSpec = [number, string, string, string, 0 | 1]; // number, name, kind, message type ('' for scalars), repeated
interface Message {
  name: string;
  fields: Array<{ number: number; name: string; type: number; typeName?: string; repeated: boolean }>;
  nested: Message[];
  mapEntry: boolean;
}

const text = (b: Buffer | undefined) => (b ? b.toString('utf8') : '');

function parseField(buf: Buffer) {
  const f = { number: 0, name: '', type: 0, typeName: undefined as string | undefined, repeated: false };
  for (const w of wireFields(buf)) {
    if (w.field === 1) f.name = text(w.bytes);
    else if (w.field === 3) f.number = Number(w.varint);
    else if (w.field === 4) f.repeated = Number(w.varint) === 3;
    else if (w.field === 5) f.type = Number(w.varint);
    else if (w.field === 6) f.typeName = text(w.bytes).replace(/^\./, '');
  }
  return f;
}

function parseMessage(buf: Buffer): Message {
  const m: Message = { name: '', fields: [], nested: [], mapEntry: false };
  for (const w of wireFields(buf)) {
    if (w.field === 1) m.name = text(w.bytes);
    else if (w.field === 2) m.fields.push(parseField(w.bytes!));
    else if (w.field === 3) m.nested.push(parseMessage(w.bytes!));
    else if (w.field === 7) for (const o of wireFields(w.bytes!)) if (o.field === 7 && o.varint === 1n) m.mapEntry = true;
  }
  return m;
}

const binary = readFileSync(realpathSync(process.argv[2] ?? '/usr/bin/kubectl'));
const schema: Record<string, FieldSpec[]> = {};
const maps: Record<string, [string, string, string?]> = {};
let files = 0;
for (let i = binary.indexOf(Buffer.from([0x1f, 0x8b, 0x08])); i >= 0; i = binary.indexOf(Buffer.from([0x1f, 0x8b, 0x08]), i + 1)) {
  let descriptor: Buffer;
  try {
    descriptor = gunzipSync(binary.subarray(i, i + 400_000), { finishFlush: 2 });
  } catch {
    continue;
  }
  let pkg = '';
  const messages: Message[] = [];
  try {
    for (const w of wireFields(descriptor)) {
      if (w.field === 2) pkg = text(w.bytes);
      else if (w.field === 4) messages.push(parseMessage(w.bytes!));
    }
  } catch {
    continue;
  }
  if (!PACKAGES.includes(pkg)) continue;
  files++;
  const visit = (m: Message, prefix: string) => {
    const full = `${prefix}.${m.name}`;
    for (const n of m.nested) visit(n, full);
    if (m.mapEntry) {
      const key = m.fields.find((f) => f.number === 1)!;
      const value = m.fields.find((f) => f.number === 2)!;
      maps[full] = [KIND[key.type]!, KIND[value.type]!, ...(value.typeName ? [value.typeName] : [])] as [string, string, string?];
      return;
    }
    schema[full] = m.fields.map((f): FieldSpec => [f.number, f.name, KIND[f.type] ?? 'bytes', f.typeName ?? '', f.repeated ? 1 : 0]);
  };
  for (const m of messages) visit(m, pkg);
}
// Map fields point at their entry type; inline the entry as kind 'map' with key/value kinds.
for (const fields of Object.values(schema)) {
  for (const f of fields) {
    if (f[2] === 'message' && f[3] && maps[f[3]]) {
      const [k, v, t] = maps[f[3]]!;
      f[2] = `map:${k}:${v}`;
      f[3] = t ?? '';
      f[4] = 0;
    }
  }
}
const out = new URL('./k8s-schema.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(schema)}\n`);
console.log(`${files} descriptor files, ${Object.keys(schema).length} messages → ${out.pathname}`);
