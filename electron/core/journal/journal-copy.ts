import type { JournalChange } from '../../../shared/model/repair.ts';

type Json = Record<string, unknown>;

/**
 * What the journal keeps of an object: everything undo needs, minus managedFields (large, and
 * rewritten by the server anyway) and minus Secret values, which must never land in a file or a
 * ConfigMap. A Secret's keys stay, so the entry still says what changed.
 */
export function journalCopy(obj: Json | undefined): Json | undefined {
  if (!obj) return undefined;
  const copy = structuredClone(obj);
  const meta = copy.metadata as Json | undefined;
  if (meta) delete meta.managedFields;
  if (copy.kind === 'Secret') {
    for (const field of ['data', 'stringData']) {
      const values = copy[field] as Record<string, string> | undefined;
      if (values) copy[field] = Object.fromEntries(Object.keys(values).map((k) => [k, '<redacted>']));
    }
  }
  return copy;
}

export function journalChange(c: JournalChange): JournalChange {
  const before = journalCopy(c.before);
  const after = journalCopy(c.after);
  return { ref: c.ref, action: c.action, ...(before ? { before } : {}), ...(after ? { after } : {}) };
}
