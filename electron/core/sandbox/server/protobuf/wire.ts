/** Protocol buffers wire format: just enough to walk fields of a message. */

export interface WireField {
  field: number;
  wire: number;
  /** Varint value (as bigint, so int64 survives) for wire type 0. */
  varint?: bigint;
  /** Payload for wire types 1, 2 and 5. */
  bytes?: Buffer;
}

export class ProtobufError extends Error {}

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length) throw new ProtobufError('truncated varint');
    const byte = buf[pos++]!;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7n;
    if (shift > 70n) throw new ProtobufError('varint too long');
  }
}

export function* wireFields(buf: Buffer): Generator<WireField> {
  let pos = 0;
  while (pos < buf.length) {
    const [key, p1] = readVarint(buf, pos);
    pos = p1;
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    switch (wire) {
      case 0: {
        const [v, p2] = readVarint(buf, pos);
        pos = p2;
        yield { field, wire, varint: v };
        break;
      }
      case 1:
        yield { field, wire, bytes: buf.subarray(pos, pos + 8) };
        pos += 8;
        break;
      case 2: {
        const [len, p2] = readVarint(buf, pos);
        const end = p2 + Number(len);
        if (end > buf.length) throw new ProtobufError('truncated length-delimited field');
        yield { field, wire, bytes: buf.subarray(p2, end) };
        pos = end;
        break;
      }
      case 5:
        yield { field, wire, bytes: buf.subarray(pos, pos + 4) };
        pos += 4;
        break;
      default:
        throw new ProtobufError(`unsupported wire type ${wire}`);
    }
  }
}

/** Unpacks a packed repeated varint field. */
export function packedVarints(buf: Buffer): bigint[] {
  const out: bigint[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [v, p] = readVarint(buf, pos);
    out.push(v);
    pos = p;
  }
  return out;
}
