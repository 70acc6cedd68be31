import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MemoryStore, StoreSnapshot } from './memory-store.ts';

/**
 * Keeps a store in `<stateDir>/objects.json`: loaded on start, written a moment after changes
 * (debounced) through a temporary file and a rename, so a crash never leaves half a file.
 */
export interface Persistence {
  /** Write now if anything changed since the last write. */
  flush(): void;
  close(): void;
}

export const STATE_FILE = 'objects.json';

export function loadState(store: MemoryStore, stateDir: string): boolean {
  const file = path.join(stateDir, STATE_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  let snapshot: StoreSnapshot;
  try {
    snapshot = JSON.parse(text) as StoreSnapshot;
  } catch (err) {
    throw new Error(`sandbox state ${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (!snapshot || !Array.isArray(snapshot.objects)) throw new Error(`sandbox state ${file} has no "objects" array`);
  store.restore(snapshot);
  return true;
}

export function persistState(store: MemoryStore, stateDir: string, debounceMs = 200): Persistence {
  mkdirSync(stateDir, { recursive: true });
  const file = path.join(stateDir, STATE_FILE);
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  const write = () => {
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(store.snapshot()));
    renameSync(tmp, file);
  };
  const unwatch = store.watch(undefined, () => {
    dirty = true;
    timer ??= setTimeout(write, debounceMs);
  });
  return {
    flush: () => {
      if (timer) clearTimeout(timer);
      write();
    },
    close: () => {
      unwatch();
      if (timer) clearTimeout(timer);
      write();
    },
  };
}
