import http from 'node:http';
import type { KubeObject } from '../../cluster/view.ts';
import { StoreError } from '../store/types.ts';
import type { RequestContext } from './context.ts';
import { HttpError } from './status.ts';

/**
 * services/<name>[:port]/proxy/<path> and pods/<name>[:port]/proxy/<path>. A sandbox pod names a real
 * local server in the annotation below; requests are forwarded there (loopback only). A service
 * forwards to the first ready selected pod that has one; with none, 503 as Kubernetes answers.
 */
export const BACKEND_ANNOTATION = 'sandbox.groundcrew.dev/backend';

function isLoopbackUrl(url: URL): boolean {
  const h = url.hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

function podReady(pod: KubeObject): boolean {
  const conditions = ((pod.status as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions ?? []);
  const ready = conditions.find((c) => c.type === 'Ready');
  return ready ? ready.status === 'True' : true;
}

function backendOf(pod: KubeObject): URL | undefined {
  const value = pod.metadata.annotations?.[BACKEND_ANNOTATION];
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return isLoopbackUrl(url) && url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

export function serveProxy(ctx: RequestContext): void {
  const { store } = ctx.runtime;
  const ns = ctx.info.namespace ?? 'default';
  const [name] = ctx.info.name!.split(':') as [string];
  let backend: URL | undefined;
  if (ctx.type.resource === 'pods') {
    const pod = store.getFrozen(ctx.type, ns, name);
    if (!pod) throw new StoreError('NotFound', `pods "${name}" not found`);
    backend = backendOf(pod);
    if (!backend) throw new HttpError('ServiceUnavailable', `error trying to reach service: pod ${name} has no reachable backend in the sandbox`);
  } else {
    const service = store.getFrozen(ctx.type, ns, name);
    if (!service) throw new StoreError('NotFound', `services "${name}" not found`);
    const selector = ((service.spec ?? {}) as { selector?: Record<string, string> }).selector;
    const pods = selector ? store.listFrozen({ group: '', resource: 'pods' }, ns).filter((p) => Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v)) : [];
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp || !podReady(pod)) continue;
      backend = backendOf(pod);
      if (backend) break;
    }
    if (!backend) throw new HttpError('ServiceUnavailable', `no endpoints available for service "${name}"`);
  }
  const search = new URLSearchParams(ctx.query);
  const target = new URL(ctx.info.proxyPath ?? '/', backend);
  target.search = search.toString();
  const headers = { ...ctx.req.headers };
  delete headers.authorization;
  delete headers.host;
  const upstream = http.request(target, { method: ctx.req.method, headers }, (up) => {
    ctx.res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(ctx.res);
  });
  upstream.on('error', (err) => {
    if (ctx.res.headersSent) return ctx.res.destroy();
    ctx.res.writeHead(503, { 'Content-Type': 'application/json' });
    ctx.res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `error trying to reach service: ${err.message}`, reason: 'ServiceUnavailable', code: 503 }));
  });
  ctx.req.pipe(upstream);
}
