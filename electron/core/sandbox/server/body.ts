import type { IncomingMessage } from 'node:http';
import { decodeKubernetesProtobuf } from './protobuf/decode.ts';
import { ProtobufError } from './protobuf/wire.ts';
import { HttpError } from './status.ts';

const MAX_BODY = 3 * 1024 * 1024; // the API server's request size limit

export async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBodyBytes(req)).toString('utf8');
}

export async function readBodyBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError('BadRequest', 'the request body is too large (limit 3 MiB)');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON request body (or the Kubernetes protobuf kubectl's typed clients send); other media types get 415. */
export async function readJsonBody(req: IncomingMessage, optional = false): Promise<unknown> {
  const type = (req.headers['content-type'] ?? 'application/json').split(';')[0]!.trim();
  const bytes = await readBodyBytes(req);
  if (type === 'application/vnd.kubernetes.protobuf') {
    if (bytes.length === 0 && optional) return undefined;
    try {
      return decodeKubernetesProtobuf(bytes);
    } catch (err) {
      if (err instanceof ProtobufError) throw new HttpError('UnsupportedMediaType', err.message);
      throw new HttpError('BadRequest', `the protobuf body could not be decoded: ${(err as Error).message}`);
    }
  }
  const text = bytes.toString('utf8');
  if (text.trim() === '') {
    if (optional) return undefined;
    throw new HttpError('BadRequest', 'the request body is empty');
  }
  if (type !== 'application/json' && type !== '*/*' && !type.endsWith('+json')) {
    throw new HttpError('UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpError('BadRequest', `the body of the request could not be decoded as JSON: ${(err as Error).message}`);
  }
}
