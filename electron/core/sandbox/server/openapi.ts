import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServedType } from '../store/builtin-types.ts';
import { HttpError } from './status.ts';

/**
 * The sandbox publishes no OpenAPI schemas. kubectl copes: client-side apply falls back to its
 * compiled-in types, and field validation is done by the server (fieldValidation query).
 */
export function serveOpenApi(_req: IncomingMessage, _res: ServerResponse, _path: string, _types: ServedType[]): void {
  throw new HttpError('NotFound', 'the server could not find the requested resource');
}
