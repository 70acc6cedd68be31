import fs from 'node:fs';
import path from 'node:path';
import { JournalEntrySchema, type JournalEntry } from '../../../shared/model/repair.ts';
import { mergeEntries } from './merge.ts';

/**
 * The workstation's journal: one JSON line per record in `<home>/journal.jsonl`, appended and
 * fsynced before a repair reports success. Lines are never rewritten; a later line with the same
 * id (e.g. the original entry once undone) supersedes the earlier one when read.
 */
export class LocalJournal {
  readonly file: string;

  constructor(home: string) {
    this.file = path.join(home, 'journal.jsonl');
  }

  append(entry: JournalEntry): void {
    const line = `${JSON.stringify(JournalEntrySchema.parse(entry))}\n`;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const fd = fs.openSync(this.file, 'a', 0o600);
    try {
      fs.writeSync(fd, line);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Every entry, latest version of each; lines that do not parse are reported, not fatal. */
  read(): { entries: JournalEntry[]; problems: string[] } {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], problems: [] };
      throw err;
    }
    const entries: JournalEntry[] = [];
    const problems: string[] = [];
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        const parsed = JournalEntrySchema.safeParse(JSON.parse(line));
        if (parsed.success) entries.push(parsed.data);
        else problems.push(`${this.file}:${i + 1}: not a journal entry (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`);
      } catch {
        // A crash mid-append can leave a torn last line; everything before it is intact.
        problems.push(`${this.file}:${i + 1}: unreadable line (torn write?)`);
      }
    });
    return { entries: mergeEntries(entries), problems };
  }
}
