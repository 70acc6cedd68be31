import type { KindState, KubeObject } from '../view.ts';
import { statusOf, type ListWatchClient, type WatchEvent } from './list-watch-client.ts';

export interface InformerOptions {
  pageSize?: number;
  /** First retry delay after a failure; doubles up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How long to wait before asking again for a kind we may not list. */
  forbiddenRetryMs?: number;
}

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/**
 * One kind, kept current: list (paginated), then watch from the list's resourceVersion;
 * a dropped watch resumes from the last resourceVersion seen (bookmarks keep it fresh);
 * 410 Gone relists; other failures retry with exponential backoff. A 403 marks the kind
 * forbidden (not fatal) and a 404 marks it not served.
 */
export class Informer {
  private readonly items = new Map<string, KubeObject>();
  private resourceVersion = '';
  private stopWatch: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private backoff: number;
  private readonly listeners = new Set<() => void>();
  private synced!: Promise<void>;
  private resolveSynced!: () => void;
  state: KindState = { state: 'error', reason: 'not started' };
  /** Counters for tests and benchmarks: requests this informer made. */
  readonly stats = { lists: 0, listPages: 0, watches: 0, relists: 0 };

  constructor(
    private readonly client: ListWatchClient,
    readonly path: string,
    private readonly options: InformerOptions = {},
  ) {
    this.backoff = options.backoffMs ?? 200;
    this.synced = new Promise((resolve) => (this.resolveSynced = resolve));
  }

  /** Resolves after the first list completed (or the kind turned out forbidden / not served). */
  start(): Promise<void> {
    void this.listAndWatch();
    return this.synced;
  }

  hasSynced(): Promise<void> {
    return this.synced;
  }

  objects(): KubeObject[] {
    return [...this.items.values()];
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.stopWatch?.();
    this.listeners.clear();
  }

  private changed() {
    for (const l of this.listeners) l();
  }

  private async listAndWatch(): Promise<void> {
    if (this.stopped) return;
    this.stats.lists++;
    try {
      const fresh = new Map<string, KubeObject>();
      let cont: string | undefined;
      let rv = '';
      do {
        this.stats.listPages++;
        const page = await this.client.list(this.path, { limit: this.options.pageSize ?? 500, ...(cont ? { continue: cont } : {}) });
        for (const item of page.items) fresh.set(keyOf(item), item);
        rv = page.resourceVersion;
        cont = page.continue || undefined;
      } while (cont && !this.stopped);
      if (this.stopped) return;
      this.items.clear();
      for (const [k, v] of fresh) this.items.set(k, v);
      this.resourceVersion = rv;
      this.state = { state: 'listed' };
      this.backoff = this.options.backoffMs ?? 200;
      this.resolveSynced();
      this.changed();
      this.watch();
    } catch (err) {
      const status = statusOf(err);
      if (status === 403) {
        this.state = { state: 'forbidden', reason: (err as Error).message };
        this.items.clear();
        this.resolveSynced();
        this.changed();
        return this.retry(this.options.forbiddenRetryMs ?? 60_000);
      }
      if (status === 404) {
        this.state = { state: 'not-served' };
        this.resolveSynced();
        this.changed();
        return this.retry(this.options.forbiddenRetryMs ?? 60_000);
      }
      // Keep serving the last good objects while the API is unhappy; say why.
      if (this.state.state !== 'listed') this.state = { state: 'error', reason: (err as Error).message };
      this.retry(this.nextBackoff());
    }
  }

  private watch() {
    if (this.stopped) return;
    this.stats.watches++;
    let gone = false;
    this.stopWatch = this.client.watch(
      this.path,
      this.resourceVersion,
      (event: WatchEvent) => {
        switch (event.type) {
          case 'ADDED':
          case 'MODIFIED':
            this.items.set(keyOf(event.object), event.object);
            this.resourceVersion = event.object.metadata.resourceVersion ?? this.resourceVersion;
            this.backoff = this.options.backoffMs ?? 200;
            this.changed();
            break;
          case 'DELETED':
            this.items.delete(keyOf(event.object));
            this.resourceVersion = event.object.metadata.resourceVersion ?? this.resourceVersion;
            this.changed();
            break;
          case 'BOOKMARK':
            this.resourceVersion = event.resourceVersion;
            break;
          case 'ERROR':
            if (event.status.code === 410) gone = true;
            break;
        }
      },
      (error) => {
        this.stopWatch = undefined;
        if (this.stopped) return;
        if (gone || statusOf(error) === 410) {
          // Our resourceVersion is too old: only a fresh list can resync.
          this.stats.relists++;
          return this.retry(0, true);
        }
        // A clean end (server timeout) resumes at once; an error backs off.
        this.retry(error === undefined ? 0 : this.nextBackoff(), false);
      },
    );
  }

  private nextBackoff(): number {
    const delay = this.backoff;
    this.backoff = Math.min(this.backoff * 2, this.options.maxBackoffMs ?? 10_000);
    return delay;
  }

  private retry(delayMs: number, relist = true) {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => (relist ? void this.listAndWatch() : this.watch()), delayMs);
  }
}
