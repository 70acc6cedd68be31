import type { JournalEntry } from '../../../shared/model/repair.ts';

/**
 * Two copies of one entry (a later local line, the cluster's copy) differ only in the links added
 * after the fact; the union keeps both links, whichever copy carried them.
 */
function mergeOne(a: JournalEntry, b: JournalEntry): JournalEntry {
  return { ...a, ...b, undoneBy: b.undoneBy ?? a.undoneBy, undoOf: b.undoOf ?? a.undoOf };
}

/** Union by id, oldest first (by time, then id, so every workstation shows the same order). */
export function mergeEntries(...lists: ReadonlyArray<readonly JournalEntry[]>): JournalEntry[] {
  const byId = new Map<string, JournalEntry>();
  for (const list of lists) {
    for (const e of list) {
      const seen = byId.get(e.id);
      byId.set(e.id, seen ? mergeOne(seen, e) : e);
    }
  }
  return [...byId.values()].sort((x, y) => x.at.localeCompare(y.at) || x.id.localeCompare(y.id));
}
