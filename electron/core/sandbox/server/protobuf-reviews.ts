import { HttpError } from './status.ts';

/**
 * kubectl's typed clients POST access reviews as Kubernetes protobuf (`k8s\0` + runtime.Unknown).
 * The sandbox speaks JSON everywhere else; this decodes just the review kinds, field by field
 * from the generated.proto numbering, into the JSON shape the review handler reads.
 */
type Fields = Map<number, Array<Buffer | number>>;

function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos >= buf.length) throw new HttpError('BadRequest', 'truncated protobuf body');
    const byte = buf[pos++]!;
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7;
  }
}

function fields(buf: Buffer): Fields {
  const out: Fields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    const [key, p1] = readVarint(buf, pos);
    pos = p1;
    const field = Math.floor(key / 8);
    const wire = key & 7;
    let value: Buffer | number;
    if (wire === 0) [value, pos] = readVarint(buf, pos);
    else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos);
      value = buf.subarray(p2, p2 + len);
      pos = p2 + len;
    } else if (wire === 1) {
      value = buf.subarray(pos, pos + 8);
      pos += 8;
    } else if (wire === 5) {
      value = buf.subarray(pos, pos + 4);
      pos += 4;
    } else throw new HttpError('BadRequest', `unsupported protobuf wire type ${wire}`);
    out.set(field, [...(out.get(field) ?? []), value]);
  }
  return out;
}

const str = (f: Fields, n: number): string | undefined => {
  const v = f.get(n)?.[0];
  return Buffer.isBuffer(v) ? v.toString('utf8') : undefined;
};
const msg = (f: Fields, n: number): Fields | undefined => {
  const v = f.get(n)?.[0];
  return Buffer.isBuffer(v) ? fields(v) : undefined;
};

function strings(f: Fields | undefined, names: Record<number, string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (!f) return out;
  for (const [n, name] of Object.entries(names)) {
    const v = str(f, Number(n));
    if (v !== undefined && v !== '') out[name] = v;
  }
  return out;
}

export function isProtobuf(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim() === 'application/vnd.kubernetes.protobuf';
}

export function decodeReview(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || body.subarray(0, 4).toString('latin1') !== 'k8s\u0000') throw new HttpError('BadRequest', 'protobuf body lacks the k8s envelope');
  const unknown = fields(body.subarray(4));
  const typeMeta = strings(msg(unknown, 1), { 1: 'apiVersion', 2: 'kind' });
  const raw = unknown.get(2)?.[0];
  const object = Buffer.isBuffer(raw) ? fields(raw) : new Map();
  const spec = msg(object, 2);
  const out: Record<string, unknown> = { ...typeMeta, metadata: {} };
  if (typeMeta.kind === 'SelfSubjectAccessReview') {
    const ra = spec && msg(spec, 1);
    const nra = spec && msg(spec, 2);
    out.spec = {
      ...(ra ? { resourceAttributes: strings(ra, { 1: 'namespace', 2: 'verb', 3: 'group', 4: 'version', 5: 'resource', 6: 'subresource', 7: 'name' }) } : {}),
      ...(nra ? { nonResourceAttributes: strings(nra, { 1: 'path', 2: 'verb' }) } : {}),
    };
  } else if (typeMeta.kind === 'SelfSubjectRulesReview') {
    out.spec = strings(spec, { 1: 'namespace' });
  } else if (typeMeta.kind !== 'SelfSubjectReview') {
    throw new HttpError('UnsupportedMediaType', `the sandbox accepts protobuf only for self-subject reviews, not ${typeMeta.kind ?? 'this kind'}; send application/json`);
  }
  return out;
}
