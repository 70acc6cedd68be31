import { z } from 'zod';
import { JournalEntrySchema } from './repair.ts';

export const JournalListSchema = z.object({
  context: z.string(),
  entries: z.array(JournalEntrySchema),
  /** Parts of the journal that could not be read, said plainly (e.g. no access to the cluster copy). */
  warnings: z.array(z.string()),
});
export type JournalList = z.infer<typeof JournalListSchema>;
