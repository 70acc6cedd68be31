import { parseArgs } from 'node:util';
import type { CliContext } from '../context.ts';
import { formatTable } from '../table.ts';
import { contextOption } from './context-flag.ts';

/** `groundcrew can-i`: which Groundcrew operations this identity may run, and what it lacks. */
export async function canICommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: contextOption, strict: true });
  const report = await ctx.call('cluster.permissions', values.context ? { context: values.context } : {});
  if (ctx.options.json) {
    ctx.out(JSON.stringify(report, null, 2));
    return 0;
  }
  const rows = report.operations.map((o) => [
    o.operation,
    o.allowed ? 'yes' : 'no',
    o.missing.map((m) => `${m.verb} ${m.resource}${m.subresource ? `/${m.subresource}` : ''}${m.group ? `.${m.group}` : ''}`).join(', '),
  ]);
  ctx.out(`Context ${report.context}${report.namespace ? ` (namespace ${report.namespace})` : ''}`);
  ctx.out(formatTable(['operation', 'allowed', 'missing'], rows));
  return 0;
}
