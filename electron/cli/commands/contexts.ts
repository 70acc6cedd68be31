import type { CliContext } from '../context.ts';
import { formatTable } from '../table.ts';

export async function contextsCommand(ctx: CliContext): Promise<number> {
  const list = await ctx.call('contexts.list', {});
  for (const warning of list.warnings) ctx.err(`warning: ${warning}`);
  if (ctx.options.json) {
    ctx.out(JSON.stringify(list, null, 2));
    return 0;
  }
  if (list.contexts.length === 0) {
    ctx.err(`No contexts found in ${list.files.join(', ') || 'KUBECONFIG / ~/.kube/config'}.`);
    return 0;
  }
  const rows = list.contexts.map((c) => [c.name === list.selected ? '*' : '', c.name, c.cluster, c.server, c.user, c.namespace]);
  ctx.out(formatTable(['current', 'name', 'cluster', 'server', 'authinfo', 'namespace'], rows));
  return 0;
}
