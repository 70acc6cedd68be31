import { buildClusterView, type ClusterView, type KindKey, type KindState, type KubeObject } from '../view.ts';
import { Discovery, type DiscoveryClient } from './discovery.ts';
import { Informer, type InformerOptions } from './informer.ts';
import type { ListWatchClient } from './list-watch-client.ts';

export interface LiveSourceOptions extends InformerOptions {
  name: string;
  /** How long an unused informer keeps watching, so a repeated view stays warm. */
  lingerMs?: number;
}

interface Entry {
  informer: Informer | undefined;
  state: KindState;
  refs: number;
  linger?: NodeJS.Timeout;
  ready: Promise<void>;
}

/** A held set of kinds: a current view on demand, and a callback on every change. */
export interface Lease {
  view(): ClusterView;
  onChange(listener: (view: ClusterView) => void): () => void;
  release(): void;
}

/**
 * The live ClusterSource: one shared informer per kind (list + watch, reference-counted),
 * turned into immutable ClusterView snapshots. A kind the identity may not list is marked
 * forbidden in the view instead of failing the whole view.
 */
export class LiveClusterSource {
  private readonly entries = new Map<KindKey, Entry>();
  private readonly discovery: Discovery;
  /** Bumped on every change any informer sees; a snapshot is reused while it is unchanged. */
  private generation = 0;
  /** One snapshot per set of kinds, shared by every lease (and so by every inspection) asking for it. */
  private readonly snapshots = new Map<string, { generation: number; view: ClusterView }>();

  constructor(
    private readonly client: ListWatchClient & DiscoveryClient,
    private readonly options: LiveSourceOptions,
  ) {
    this.discovery = new Discovery(client);
  }

  /** Start (or share) informers for these kinds and wait until each has listed once. */
  async acquire(kinds: readonly KindKey[]): Promise<Lease> {
    const unique = [...new Set(kinds)];
    for (const kind of unique) this.ref(kind);
    await Promise.all(unique.map((k) => this.entries.get(k)!.ready));
    let released = false;
    const lease: Lease = {
      view: () => this.sharedSnapshot(unique),
      onChange: (listener) => {
        // Coalesce bursts of watch events into one view per tick.
        let pending = false;
        const offs = unique.map(
          (k) =>
            this.entries.get(k)!.informer?.onChange(() => {
              if (pending) return;
              pending = true;
              setImmediate(() => {
                pending = false;
                if (!released) listener(lease.view());
              });
            }) ?? (() => undefined),
        );
        return () => {
          for (const off of offs) off();
        };
      },
      release: () => {
        if (released) return;
        released = true;
        for (const kind of unique) this.unref(kind);
      },
    };
    return lease;
  }

  /** One view now; informers linger briefly so the next view is warm. */
  async view(kinds: readonly KindKey[]): Promise<ClusterView> {
    const lease = await this.acquire(kinds);
    try {
      return lease.view();
    } finally {
      lease.release();
    }
  }

  /** Requests made so far: discovery documents, lists (pages), watches. */
  stats() {
    const total = { discovery: this.discovery.requests, lists: 0, listPages: 0, watches: 0, relists: 0 };
    for (const e of this.entries.values()) {
      if (!e.informer) continue;
      total.lists += e.informer.stats.lists;
      total.listPages += e.informer.stats.listPages;
      total.watches += e.informer.stats.watches;
      total.relists += e.informer.stats.relists;
    }
    return total;
  }

  close(): void {
    for (const e of this.entries.values()) {
      clearTimeout(e.linger);
      e.informer?.stop();
    }
    this.entries.clear();
  }

  private ref(kind: KindKey) {
    const existing = this.entries.get(kind);
    if (existing) {
      existing.refs++;
      clearTimeout(existing.linger);
      return;
    }
    const entry: Entry = { informer: undefined, state: { state: 'error', reason: 'starting' }, refs: 1, ready: Promise.resolve() };
    entry.ready = this.discovery.resolve(kind).then(
      async (served) => {
        if (!served) {
          entry.state = { state: 'not-served' };
          return;
        }
        entry.informer = new Informer(this.client, served.path, this.options);
        entry.informer.onChange(() => this.generation++);
        await entry.informer.start();
      },
      (err: unknown) => {
        entry.state = { state: 'error', reason: `discovery failed: ${(err as Error).message}` };
      },
    );
    this.entries.set(kind, entry);
  }

  private unref(kind: KindKey) {
    const entry = this.entries.get(kind);
    if (!entry || --entry.refs > 0) return;
    entry.linger = setTimeout(() => {
      entry.informer?.stop();
      this.entries.delete(kind);
    }, this.options.lingerMs ?? 30_000);
    entry.linger.unref();
  }

  private sharedSnapshot(kinds: KindKey[]): ClusterView {
    const key = [...kinds].sort().join(',');
    const hit = this.snapshots.get(key);
    if (hit && hit.generation === this.generation) return hit.view;
    const view = this.snapshot(kinds);
    this.snapshots.set(key, { generation: this.generation, view });
    return view;
  }

  private snapshot(kinds: KindKey[]): ClusterView {
    const objects: KubeObject[] = [];
    const kindStates: Record<KindKey, KindState> = {};
    for (const kind of kinds) {
      const entry = this.entries.get(kind)!;
      const state = entry.informer ? entry.informer.state : entry.state;
      kindStates[kind] = state;
      if (entry.informer && state.state === 'listed') objects.push(...entry.informer.objects());
    }
    return buildClusterView(objects, { source: { kind: 'live', name: this.options.name }, kindStates });
  }
}
