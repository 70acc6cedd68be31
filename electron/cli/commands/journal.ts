import { parseArgs } from 'node:util';
import type { CliContext } from '../context.ts';
import { formatTable } from '../table.ts';
import { contextOption } from './context-flag.ts';

/** `groundcrew journal`: every change Groundcrew made in this context, from this workstation and others. */
export async function journalCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: contextOption, strict: true });
  const list = await ctx.call('journal.list', values.context ? { context: values.context } : {});
  if (ctx.options.json) {
    ctx.out(JSON.stringify(list, null, 2));
    return 0;
  }
  for (const w of list.warnings) ctx.err(`warning: ${w}`);
  if (list.entries.length === 0) {
    ctx.out(`No changes journaled for context ${list.context}.`);
    return 0;
  }
  const rows = list.entries.map((e) => [
    e.id,
    e.at,
    `${e.user.os}${e.user.kube ? ` (${e.user.kube})` : ''}@${e.host}`,
    e.undoOf ? `undo of ${e.undoOf}` : e.fixId,
    e.title,
    e.verification.ok ? 'verified' : 'not verified',
    e.undoneBy ? `undone by ${e.undoneBy}` : '',
  ]);
  ctx.out(formatTable(['id', 'when', 'who', 'fix', 'title', 'verification', 'undo'], rows));
  return 0;
}
