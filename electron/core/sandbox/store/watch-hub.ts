import { grKey } from './builtin-types.ts';
import type { EventLog } from './event-log.ts';
import type { GroupResource, StoreEvent } from './types.ts';

export type Listener = (event: StoreEvent) => void;

const ALL = '*';

/**
 * Fans store events out to watchers: per kind, or every kind at once. Each event also goes into
 * the event log, so a watch that names a resourceVersion first replays what it missed.
 */
export class WatchHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly eventLog: EventLog) {}

  /** Replays logged events after `sinceResourceVersion` (throws Gone when they were evicted), then follows live ones. */
  watch(gr: GroupResource | undefined, listener: Listener, sinceResourceVersion?: number): () => void {
    const key = gr ? grKey(gr.group, gr.resource) : ALL;
    const replay = sinceResourceVersion === undefined ? [] : this.eventLog.since(sinceResourceVersion);
    for (const event of replay) if (key === ALL || grKey(event.gr.group, event.gr.resource) === key) listener(event);
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** The oldest resourceVersion a watch can still resume from. */
  oldestResumable(): number {
    return this.eventLog.oldestResumable();
  }

  /** Logs an event, then tells the watchers of its kind and the watchers of every kind. */
  publish(event: StoreEvent): void {
    this.eventLog.push(event);
    const key = grKey(event.gr.group, event.gr.resource);
    for (const set of [this.listeners.get(key), this.listeners.get(ALL)]) {
      if (!set) continue;
      for (const listener of [...set]) {
        try {
          listener(event);
        } catch (err) {
          // A broken watcher must not break the write that notified it.
          console.error('sandbox store: watch listener failed:', err);
        }
      }
    }
  }
}
