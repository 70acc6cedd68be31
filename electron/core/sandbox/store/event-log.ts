import { StoreError, type StoreEvent } from './types.ts';

/**
 * A fixed-size ring of the most recent store events, so a watch can resume from a
 * resourceVersion it saw earlier. Once an event falls out, a watch from before it gets 410 Gone,
 * exactly like an API server whose etcd compacted that revision.
 */
export class EventLog {
  private readonly ring: Array<StoreEvent | undefined>;
  private next = 0;
  private size = 0;
  /** resourceVersion of the newest event that has been evicted (0 while nothing has been). */
  private evictedUpTo = 0;

  constructor(readonly capacity = 10_000) {
    this.ring = new Array<StoreEvent | undefined>(capacity);
  }

  push(event: StoreEvent): void {
    if (this.size === this.capacity) {
      const oldest = this.ring[this.next];
      if (oldest) this.evictedUpTo = oldest.resourceVersion;
    } else {
      this.size++;
    }
    this.ring[this.next] = event;
    this.next = (this.next + 1) % this.capacity;
  }

  /** The oldest resourceVersion a watch may still start from. */
  oldestResumable(): number {
    return this.evictedUpTo;
  }

  /** Events after `since`, oldest first. Throws StoreError('Gone') when some were already evicted. */
  since(since: number): StoreEvent[] {
    if (since < this.evictedUpTo) {
      throw new StoreError('Gone', `too old resource version: ${since} (${this.evictedUpTo + 1})`);
    }
    const out: StoreEvent[] = [];
    const start = (this.next - this.size + this.capacity) % this.capacity;
    for (let i = 0; i < this.size; i++) {
      const event = this.ring[(start + i) % this.capacity]!;
      if (event.resourceVersion > since) out.push(event);
    }
    return out;
  }
}
