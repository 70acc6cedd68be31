/**
 * Runs the simulated controllers: one shared watch on the store feeds a de-duplicating work
 * queue of (controller, key) pairs; a drain loop reconciles them one at a time. Level-triggered
 * like the real controllers: a reconcile reads current state and converges it, so a missed or
 * repeated event is harmless.
 */
import { StoreError, type SandboxStore, type StoreEvent } from '../store/types.ts';
import { ControllerApi, type EventSource } from './api.ts';
import type { ControllerContext } from './context.ts';

export interface Reconciler {
  /** Short name: the field manager is `sandbox-<name>-controller`. */
  name: string;
  /** The component named in Events this controller emits. */
  source: EventSource;
  /** Keys to reconcile because of a store change. */
  keysFor(event: StoreEvent, store: SandboxStore): string[];
  /** Every key this controller is responsible for (reconciled at start and on each resync). */
  allKeys(store: SandboxStore): string[];
  reconcile(key: string, api: ControllerApi): void | Promise<void>;
}

export interface ControllerManager {
  stop(): void;
  /** Re-evaluates every object (time-driven state: crash loops, cron schedules, expiry). */
  resync(): void;
  /**
   * Resolves once the queue is empty and nothing is running. Rejects when more than
   * `maxReconciles` run without reaching that point (a controller that never converges).
   */
  settle(maxReconciles?: number): Promise<void>;
}

const MAX_CONFLICT_RETRIES = 5;

export function runControllers(store: SandboxStore, ctx: ControllerContext, reconcilers: Reconciler[]): ControllerManager {
  const queue = new Map<string, { r: Reconciler; key: string }>();
  const conflicts = new Map<string, number>();
  const apis = new Map(reconcilers.map((r) => [r.name, new ControllerApi(store, ctx, r.name, r.source)]));
  let draining = false;
  let stopped = false;
  let processed = 0;
  let waiters: Array<{ resolve: () => void; reject: (e: Error) => void; limit: number }> = [];
  // Default: stderr, once per (controller, key, message) so a persistent error does not repeat every resync.
  const reported = new Set<string>();
  const onError =
    ctx.onError ??
    ((controller: string, key: string, error: unknown) => {
      const text = error instanceof Error ? error.message : String(error);
      const id = `${controller}\u0000${key}\u0000${text}`;
      if (reported.has(id)) return;
      if (reported.size > 1000) reported.clear();
      reported.add(id);
      process.stderr.write(`sandbox ${controller} controller: ${key}: ${error instanceof Error ? (error.stack ?? text) : text}\n`);
    });

  const enqueue = (r: Reconciler, key: string) => {
    if (stopped) return;
    queue.set(`${r.name}\u0000${key}`, { r, key });
    if (!draining) {
      draining = true;
      setImmediate(drain);
    }
  };

  const enqueueAll = () => {
    for (const r of reconcilers) for (const key of r.allKeys(store)) enqueue(r, key);
  };

  async function drain() {
    let sinceYield = 0;
    while (queue.size > 0 && !stopped) {
      const [id, item] = queue.entries().next().value as [string, { r: Reconciler; key: string }];
      queue.delete(id);
      processed++;
      try {
        await item.r.reconcile(item.key, apis.get(item.r.name)!);
        conflicts.delete(id);
      } catch (err) {
        if (err instanceof StoreError && (err.reason === 'Conflict' || err.reason === 'AlreadyExists')) {
          // Someone wrote in between: read again and retry, a few times.
          const n = (conflicts.get(id) ?? 0) + 1;
          conflicts.set(id, n);
          if (n <= MAX_CONFLICT_RETRIES) queue.set(id, item);
          else onError(item.r.name, item.key, err);
        } else if (!(err instanceof StoreError && err.reason === 'NotFound')) {
          onError(item.r.name, item.key, err);
        }
      }
      for (const w of waiters) {
        if (processed > w.limit) w.reject(new Error(`sandbox controllers did not converge (still busy after ${processed} reconciles; next: ${item.r.name} ${item.key})`));
      }
      waiters = waiters.filter((w) => processed <= w.limit);
      // Yield now and then so an API server sharing this event loop stays responsive.
      if (++sinceYield >= 50) {
        sinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    draining = false;
    const done = waiters;
    waiters = [];
    for (const w of done) w.resolve();
  }

  const unwatch = store.watch(
    undefined,
    (event) => {
      for (const r of reconcilers) for (const key of r.keysFor(event, store)) enqueue(r, key);
    },
    store.currentResourceVersion(),
  );
  enqueueAll();

  const interval = ctx.resyncIntervalMs ?? 2000;
  const timer = interval > 0 ? setInterval(enqueueAll, interval) : undefined;
  timer?.unref();

  return {
    stop() {
      stopped = true;
      unwatch();
      if (timer) clearInterval(timer);
      queue.clear();
      for (const w of waiters) w.resolve();
      waiters = [];
    },
    resync: enqueueAll,
    settle(maxReconciles = 20000) {
      if (!draining && queue.size === 0) return Promise.resolve();
      return new Promise((resolve, reject) => waiters.push({ resolve, reject, limit: processed + maxReconciles }));
    },
  };
}
