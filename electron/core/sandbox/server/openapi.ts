import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServedType } from '../store/builtin-types.ts';
import { HttpError, sendJson } from './status.ts';

/**
 * A minimal OpenAPI v3 surface: the root lists every served group/version, and each group/version
 * document names its PATCH operations with their query parameters. That is what kubectl reads to
 * learn that the server validates fields itself (fieldValidation), so `kubectl apply/create` with
 * default --validate=strict send fieldValidation=Strict instead of downloading schemas. No
 * component schemas are published: client-side apply falls back to kubectl's compiled-in types.
 * /openapi/v2 is an empty document, so kubectl's client-side validation finds no schema and skips.
 */
const PATCH_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'].map((name) => ({
  name,
  in: 'query',
  schema: name === 'force' ? { type: 'boolean' } : { type: 'string' },
  uniqueItems: true,
}));

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function groupVersions(types: ServedType[]): Map<string, ServedType[]> {
  const out = new Map<string, ServedType[]>();
  for (const t of types) {
    for (const v of t.versions) {
      const key = gvPath(t.group, v);
      out.set(key, [...(out.get(key) ?? []), t]);
    }
  }
  return out;
}

function gvDocument(types: ServedType[], group: string, version: string): object {
  const paths: Record<string, object> = {};
  for (const t of types) {
    const base = `/${gvPath(t.group, version)}${t.namespaced ? '/namespaces/{namespace}' : ''}/${t.resource}/{name}`;
    const gvk = { group: t.group, version, kind: t.kind };
    const patch = (action: string) => ({
      operationId: `patch${t.kind}`,
      parameters: PATCH_PARAMS,
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': gvk,
      responses: { '200': { description: 'OK' } },
    });
    paths[base] = { patch: patch('patch') };
    if (t.subresources?.status) paths[`${base}/status`] = { patch: patch('patch') };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths, components: { schemas: {} } };
}

/** An empty gnostic OpenAPI v2 Document in protobuf (swagger "2.0", info title/version): kubectl finds no schemas and skips them. */
function emptyV2Protobuf(): Buffer {
  const field = (n: number, text: string | Buffer) => {
    const bytes = typeof text === 'string' ? Buffer.from(text) : text;
    return Buffer.concat([Buffer.from([(n << 3) | 2, bytes.length]), bytes]);
  };
  return Buffer.concat([field(1, '2.0'), field(2, Buffer.concat([field(1, 'Kubernetes'), field(2, 'v1.32.0')]))]);
}

export function serveOpenApi(req: IncomingMessage, res: ServerResponse, path: string, types: ServedType[]): void {
  if (path === '/openapi/v2') {
    if ((req.headers.accept ?? '').includes('protobuf')) {
      res.writeHead(200, { 'Content-Type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf' });
      res.end(emptyV2Protobuf());
      return;
    }
    return sendJson(res, 200, { swagger: '2.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths: {}, definitions: {} });
  }
  if (path === '/openapi/v3') {
    const gvs = groupVersions(types);
    const root: Record<string, { serverRelativeURL: string }> = {};
    for (const [key, list] of gvs) {
      const hash = createHash('sha256').update(JSON.stringify(list.map((t) => [t.resource, t.kind, t.namespaced, t.subresources]))).digest('hex').slice(0, 32).toUpperCase();
      root[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
    }
    return sendJson(res, 200, { paths: root });
  }
  const m = path.match(/^\/openapi\/v3\/(api\/([^/]+)|apis\/([^/]+)\/([^/]+))$/);
  if (m) {
    const group = m[3] ?? '';
    const version = m[2] ?? m[4]!;
    const served = types.filter((t) => t.group === group && t.versions.includes(version));
    if (served.length > 0) return sendJson(res, 200, gvDocument(served, group, version));
  }
  throw new HttpError('NotFound', 'the server could not find the requested resource');
}
