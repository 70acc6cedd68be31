import type { CliContext } from '../context.ts';

export async function versionCommand(ctx: CliContext): Promise<number> {
  const info = await ctx.call('app.info', {});
  if (ctx.options.json) ctx.out(JSON.stringify(info, null, 2));
  else ctx.out(`${info.name} ${info.version} (build ${info.build}, ${info.platform}/${info.arch}, node ${info.node})`);
  return 0;
}
