import { parseArgs } from 'node:util';
import type { CliContext } from '../context.ts';
import { contextOption } from './context-flag.ts';

/** `groundcrew connect`: can this context reach and use its cluster, and if not, why. Exit 1 when it cannot. */
export async function connectCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: contextOption, strict: true });
  const d = await ctx.call('cluster.connect', values.context ? { context: values.context } : {});
  if (ctx.options.json) ctx.out(JSON.stringify(d, null, 2));
  else {
    ctx.out(`${d.ok ? 'OK' : 'FAILED'}  ${d.context} → ${d.server || '(no server)'}`);
    ctx.out(`  ${d.message}`);
    if (d.identity) ctx.out(`  identity: ${d.identity.username}${d.identity.groups.length ? ` (groups: ${d.identity.groups.join(', ')})` : ''}`);
    if (d.serverVersion) ctx.out(`  server version: ${d.serverVersion}`);
    if (d.roundTripMs !== undefined) ctx.out(`  round trip: ${d.roundTripMs} ms`);
    if (!d.ok) ctx.out(`  problem: ${d.class}${d.hint ? `\n  what to do: ${d.hint}` : ''}`);
  }
  return d.ok ? 0 : 1;
}
