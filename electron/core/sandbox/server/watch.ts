import type { KubeObject } from '../../cluster/view.ts';
import { StoreError, type StoreEvent } from '../store/types.ts';
import { flag, type RequestContext } from './context.ts';
import { grKey } from '../store/builtin-types.ts';
import { combine, parseFieldSelector, parseLabelSelector } from './selectors.ts';
import { HttpError, statusBody } from './status.ts';
import { objectJson } from './serialize.ts';
import { tableFor, wantsTable } from './table.ts';

/**
 * `?watch=true`: newline-delimited JSON events over a chunked response. resourceVersion unset or
 * "0" starts with ADDED for every current object; a number replays from the event log, and one the
 * log no longer holds gets an ERROR event carrying a 410 Expired Status, as etcd compaction does.
 */
const DEFAULT_TIMEOUT_S = 1800;

export function serveWatch(ctx: RequestContext): void {
  const { store, faults } = ctx.runtime;
  const { req, res, query, type } = ctx;
  const namespace = type.namespaced ? ctx.info.namespace : undefined;
  const predicate = combine(
    namespace === undefined ? undefined : (o: KubeObject) => o.metadata.namespace === namespace,
    parseLabelSelector(query.get('labelSelector')),
    parseFieldSelector(query.get('fieldSelector'), grKey(type.group, type.resource), type.crdName !== undefined, type.selectableFields),
    ctx.info.name === undefined ? undefined : (o: KubeObject) => o.metadata.name === ctx.info.name,
  );
  const rvParam = query.get('resourceVersion');
  // sendInitialEvents (the watch-list protocol): current objects first, then a bookmark marking their end.
  const initialEvents = flag(query, 'sendInitialEvents');
  let since: number | undefined;
  if (rvParam && rvParam !== '0' && !initialEvents) {
    since = Number(rvParam);
    if (!Number.isInteger(since) || since < 0) throw new HttpError('BadRequest', `resourceVersion: Invalid value: "${rvParam}": must be a non-negative integer`);
  }
  const timeoutParam = query.get('timeoutSeconds');
  const timeoutS = timeoutParam === null ? DEFAULT_TIMEOUT_S : Number(timeoutParam);
  if (!Number.isFinite(timeoutS) || timeoutS < 0) throw new HttpError('BadRequest', `timeoutSeconds: Invalid value: "${timeoutParam}"`);
  const asTable = wantsTable(req.headers.accept);

  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();

  let headersSent = false;
  let lastRv = since ?? store.currentResourceVersion();
  let closed = false;
  const write = (kind: string, object: KubeObject) => {
    if (closed) return;
    let body: string;
    if (asTable) {
      body = JSON.stringify(tableFor(ctx, [object], { resourceVersion: object.metadata.resourceVersion ?? '' }, !headersSent));
      headersSent = true;
    } else {
      body = objectJson(object, ctx.gv);
    }
    res.write(`{"type":"${kind}","object":${body}}\n`);
  };

  const timers: NodeJS.Timeout[] = [];
  let unsubscribe: (() => void) | undefined;
  const untrack = faults.trackWatch(() => finish(true));
  const finish = (destroy: boolean) => {
    if (closed) return;
    closed = true;
    for (const t of timers) clearTimeout(t);
    unsubscribe?.();
    untrack();
    if (destroy) res.destroy();
    else res.end();
  };
  res.on('close', () => finish(false));
  const dropAfter = faults.watchDropDelay();
  if (dropAfter !== undefined) timers.push(setTimeout(() => finish(true), dropAfter));
  timers.push(setTimeout(() => finish(false), timeoutS * 1000));

  if (since === undefined) {
    for (const object of store.listFrozen(type, namespace)) if (!predicate || predicate(object)) write('ADDED', object);
    if (initialEvents) {
      const bookmark = { kind: type.kind, apiVersion: ctx.gv, metadata: { resourceVersion: String(store.currentResourceVersion()), annotations: { 'k8s.io/initial-events-end': 'true' } } };
      res.write(`${JSON.stringify({ type: 'BOOKMARK', object: bookmark })}\n`);
    }
  }
  const listener = (event: StoreEvent) => {
    lastRv = event.resourceVersion;
    if (!predicate) return write(event.type, event.object);
    const now = predicate(event.object);
    if (event.type !== 'MODIFIED' || !event.previous) {
      if (now) write(event.type, event.object);
      return;
    }
    // As the API server does for filtered watches: entering the selection is ADDED, leaving it DELETED.
    const before = predicate(event.previous);
    if (now) write(before ? 'MODIFIED' : 'ADDED', event.object);
    else if (before) write('DELETED', event.object);
  };
  try {
    unsubscribe = store.watch(type, listener, since);
  } catch (err) {
    if (err instanceof StoreError && err.reason === 'Gone') {
      res.write(`${JSON.stringify({ type: 'ERROR', object: statusBody('Expired', err.message) })}\n`);
      finish(false);
      return;
    }
    throw err;
  }

  if (flag(query, 'allowWatchBookmarks')) {
    const apiVersion = ctx.gv;
    const interval = setInterval(() => {
      if (closed) return clearInterval(interval);
      lastRv = Math.max(lastRv, store.currentResourceVersion());
      res.write(`${JSON.stringify({ type: 'BOOKMARK', object: { kind: type.kind, apiVersion, metadata: { resourceVersion: String(lastRv) } } })}\n`);
    }, ctx.runtime.bookmarkIntervalMs);
    timers.push(interval);
  }
}
