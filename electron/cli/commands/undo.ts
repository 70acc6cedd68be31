import { parseArgs } from 'node:util';
import type { CliContext } from '../context.ts';
import { UsageError } from '../usage-error.ts';
import { contextOption } from './context-flag.ts';

/** `groundcrew undo <entry-id>`: put back what a journaled change did (refused, naming the object, if it changed since). */
export async function undoCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: contextOption, allowPositionals: true, strict: true });
  const [entryId, ...extra] = positionals;
  if (!entryId || extra.length) throw new UsageError('name exactly one journal entry id (see `groundcrew journal`)');
  const entry = await ctx.call('journal.undo', { ...(values.context ? { context: values.context } : {}), entryId });
  if (ctx.options.json) ctx.out(JSON.stringify(entry, null, 2));
  else ctx.out(`Undone: ${entry.title} (journal entry ${entry.id}${entry.undoNote ? `; note: ${entry.undoNote}` : ''})`);
  return 0;
}
