import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { VIRTUAL_RESOURCES } from '../store/builtin-types.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import { StoreError } from '../store/types.ts';
import { authenticate, impersonate, IssuedTokens, type UserInfo } from './auth.ts';
import type { SandboxCertificates } from './certs.ts';
import { flag, type RequestContext, type ServerRuntime } from './context.ts';
import { AGGREGATED_DISCOVERY_TYPE, aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions, VERSION_INFO, wantsAggregatedDiscovery } from './discovery.ts';
import { forbiddenMessage, type Faults } from './faults.ts';
import { servePodLog } from './logs.ts';
import { serveOpenApi } from './openapi.ts';
import { serveProxy } from './proxy.ts';
import { parseResourcePath } from './request-info.ts';
import { createObject, deleteCollection, deleteObject, evictPod, getObject, listObjects, patchObject, replaceObject } from './resources.ts';
import { createReview, createToken } from './reviews.ts';
import { HttpError, sendError, sendJson, toHttpError } from './status.ts';
import { serveWatch } from './watch.ts';

export interface ApiServerOptions {
  store: MemoryStore;
  faults: Faults;
  token: string;
  certs: SandboxCertificates;
  host?: string;
  port?: number;
  bookmarkIntervalMs?: number;
}

export interface ApiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

function verbOf(method: string, hasName: boolean, watch: boolean): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return watch ? 'watch' : hasName ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const host = options.host ?? '127.0.0.1';
  const runtime: ServerRuntime = {
    store: options.store,
    faults: options.faults,
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
    issuedTokens: new IssuedTokens(),
    now: () => new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
  let serverAddress = `${host}:0`;

  const server = https.createServer(
    {
      key: options.certs.serverKey,
      cert: options.certs.serverCert,
      ca: options.certs.caCert,
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      handle(req, res).catch((err) => sendError(res, toHttpError(err)));
    },
  );

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://sandbox.invalid');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    let details: { name?: string; group?: string; kind?: string } | undefined;
    let invalidKind: string | undefined;
    try {
      if (path === '/healthz' || path === '/livez' || path === '/readyz') {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok');
        return;
      }
      if (path === '/version') return sendJson(res, 200, VERSION_INFO);
      const user = PUBLIC_PATHS.has(path) ? undefined : impersonate(req, authenticate(req, options.token, runtime.faults, runtime.issuedTokens));
      const latency = runtime.faults.latency();
      if (latency > 0) await sleep(latency);
      const types = runtime.store.resourceTypes();
      if ((path === '/api' || path === '/apis') && wantsAggregatedDiscovery(req.headers.accept)) {
        return sendJson(res, 200, aggregatedDiscovery(types, path === '/api'), { 'Content-Type': AGGREGATED_DISCOVERY_TYPE, Vary: 'Accept' });
      }
      if (path === '/api') return sendJson(res, 200, apiVersions(serverAddress), { Vary: 'Accept' });
      if (path === '/apis') return sendJson(res, 200, apiGroupList(types), { Vary: 'Accept' });
      if (path.startsWith('/openapi/')) return serveOpenApi(req, res, path, types);
      const segments = path.split('/').filter(Boolean);
      if (segments[0] === 'api' && segments.length === 2) {
        const doc = apiResourceList(types, '', segments[1]!);
        if (doc) return sendJson(res, 200, doc);
      }
      if (segments[0] === 'apis' && segments.length === 2) {
        const doc = apiGroup(types, segments[1]!);
        if (doc) return sendJson(res, 200, doc);
      }
      if (segments[0] === 'apis' && segments.length === 3) {
        const doc = apiResourceList(types, segments[1]!, segments[2]!);
        if (doc) return sendJson(res, 200, doc);
      }
      const info = parseResourcePath(url.pathname);
      const type = info && runtime.store.resourceType(info);
      if (!info || !type || !type.versions.includes(info.version)) {
        throw new HttpError('NotFound', 'the server could not find the requested resource');
      }
      invalidKind = type.kind;
      details = { ...(info.name ? { name: info.name.split(':')[0]! } : {}), ...(type.group ? { group: type.group } : {}), kind: type.resource };
      const watch = flag(url.searchParams, 'watch');
      const verb = verbOf(req.method ?? 'GET', info.name !== undefined, watch);
      const ctx: RequestContext = {
        req,
        res,
        query: url.searchParams,
        user: user as UserInfo,
        info,
        type,
        gv: type.group ? `${type.group}/${info.version}` : info.version,
        verb,
        runtime,
      };
      checkFaults(ctx);
      await dispatch(ctx);
    } catch (err) {
      // Invalid names the Kind (kubectl prints `The Deployment "x" is invalid`); other reasons name the resource.
      if (err instanceof StoreError && err.reason === 'Invalid' && details && invalidKind) {
        const named = /^\S+ "([^"]*)" is invalid/.exec(err.message);
        details = { ...details, kind: invalidKind, ...(named && !details.name ? { name: named[1]! } : {}) };
      }
      sendError(res, toHttpError(err, details));
    }
  }

  function checkFaults(ctx: RequestContext): void {
    const attrs = { user: ctx.user.username, verb: ctx.verb, group: ctx.type.group, resource: ctx.type.resource, ...(ctx.info.namespace ? { namespace: ctx.info.namespace } : {}) };
    if (runtime.faults.denied(attrs)) {
      throw new HttpError('Forbidden', forbiddenMessage({ ...attrs, ...(ctx.info.name ? { name: ctx.info.name } : {}) }));
    }
    const throttle = runtime.faults.injectedThrottle(attrs);
    if (throttle) {
      const after = throttle.retryAfterSeconds ?? 1;
      throw new HttpError('TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds: after }, { 'Retry-After': String(after) });
    }
    const error = runtime.faults.injectedError(attrs);
    if (error) throw new HttpError('InternalError', error.message ?? `Internal error occurred: injected fault for ${ctx.verb} ${ctx.type.resource}`);
  }

  async function dispatch(ctx: RequestContext): Promise<void> {
    const { info, type, verb } = ctx;
    const sub = info.subresource;
    if (VIRTUAL_RESOURCES.has(type.resource)) {
      if (verb !== 'create') throw new HttpError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
      return createReview(ctx);
    }
    if (sub !== undefined) {
      const allowed =
        (sub === 'status' && type.subresources?.status) ||
        (sub === 'scale' && type.subresources?.scale) ||
        (sub === 'log' && type.group === '' && type.resource === 'pods') ||
        (sub === 'proxy' && type.group === '' && (type.resource === 'pods' || type.resource === 'services')) ||
        (sub === 'eviction' && type.group === '' && type.resource === 'pods') ||
        (sub === 'token' && type.group === '' && type.resource === 'serviceaccounts');
      if (!allowed) throw new HttpError('NotFound', 'the server could not find the requested resource');
      if (sub === 'log') {
        if (verb !== 'get') throw new HttpError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
        return servePodLog(ctx);
      }
      if (sub === 'proxy') return serveProxy(ctx);
      if (sub === 'token') {
        if (verb !== 'create') throw new HttpError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
        return createToken(ctx);
      }
      if (sub === 'eviction') {
        if (verb !== 'create') throw new HttpError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
        return evictPod(ctx);
      }
      if (!['get', 'update', 'patch'].includes(verb)) throw new HttpError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
    }
    switch (verb) {
      case 'get':
        return getObject(ctx);
      case 'list':
        return listObjects(ctx);
      case 'watch':
        return serveWatch(ctx);
      case 'create':
        return createObject(ctx);
      case 'update':
        return replaceObject(ctx);
      case 'patch':
        return patchObject(ctx);
      case 'delete':
        return deleteObject(ctx);
      case 'deletecollection':
        return deleteCollection(ctx);
      default:
        throw new HttpError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  serverAddress = `${host}:${port}`;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  return {
    url: `https://${hostForUrl}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        runtime.faults.dropWatches();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
