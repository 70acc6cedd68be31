import { parseArgs } from 'node:util';
import type { CliContext } from '../context.ts';
import { formatTable } from '../table.ts';
import { contextOption } from './context-flag.ts';

/** Exit codes of `groundcrew inspect` (as troubleshoot's analyzers): errors 3, only warnings 4. */
export const INSPECT_EXIT = { healthy: 0, errors: 3, warnings: 4 } as const;

export async function inspectCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...contextOption, profile: { type: 'string' } }, strict: true });
  const result = await ctx.call('inspect.run', { ...(values.context ? { context: values.context } : {}), ...(values.profile ? { profile: values.profile } : {}) });
  const { report } = result;
  const exit = report.counts.error > 0 ? INSPECT_EXIT.errors : report.counts.warning > 0 ? INSPECT_EXIT.warnings : INSPECT_EXIT.healthy;
  if (ctx.options.json) {
    ctx.out(JSON.stringify(report, null, 2));
    return exit;
  }
  if (report.installations.length === 0) ctx.out(`No known stack found in context ${result.context}.`);
  for (const inst of report.installations) {
    const releases = Object.entries(inst.releases).map(([k, v]) => `${k}=${v}`).join(', ');
    ctx.out(`${inst.profile} in namespace ${inst.namespace}${releases ? ` (${releases})` : ''}: ${inst.components.filter((c) => c.found).length}/${inst.components.length} components found`);
  }
  const { score, counts } = report;
  ctx.out(`Score ${Math.round(score.overall)}/100 (${score.grade}): ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info`);
  if (report.findings.length) {
    ctx.out('');
    ctx.out(formatTable(['severity', 'component', 'title', 'fix', 'id'], report.findings.map((f) => [f.severity, `${f.profile}/${f.component}`, f.title, f.fixId ?? '', f.id])));
  }
  return exit;
}
