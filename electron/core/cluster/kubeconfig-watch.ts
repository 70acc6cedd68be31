import fs from 'node:fs';
import path from 'node:path';

/**
 * Calls `onChange` (debounced) when any of the files changes, appears or disappears.
 * Watches the parent folders, because editors and `kubectl config` replace files by rename,
 * which a watch on the file itself would miss.
 */
export function watchFiles(files: string[], onChange: () => void, debounceMs = 150): () => void {
  const names = new Map<string, Set<string>>();
  for (const file of files) {
    const dir = path.dirname(file);
    if (!names.has(dir)) names.set(dir, new Set());
    names.get(dir)!.add(path.basename(file));
  }
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  const watchers: fs.FSWatcher[] = [];
  for (const [dir, basenames] of names) {
    try {
      const w = fs.watch(dir, { persistent: false }, (_event, name) => {
        if (name === null || basenames.has(name.toString())) fire();
      });
      w.on('error', () => undefined);
      watchers.push(w);
    } catch {
      // A folder that does not exist yet cannot be watched; kubectl would skip the file too.
    }
  }
  return () => {
    clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
