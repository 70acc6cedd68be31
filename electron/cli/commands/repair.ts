import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import type { FixPlan } from '../../../shared/model/repair.ts';
import type { CliContext } from '../context.ts';
import { UsageError } from '../usage-error.ts';
import { contextOption } from './context-flag.ts';

function printPlan(ctx: CliContext, plan: FixPlan) {
  ctx.out(`Fix: ${plan.title} (${plan.fixId}) for finding ${plan.findingId}`);
  ctx.out(plan.explanation);
  for (const change of plan.changes) {
    const ref = change.ref;
    ctx.out(`\n--- ${change.action} ${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`);
    ctx.out(change.diff.trimEnd());
  }
  ctx.out('\nServer-side dry run:');
  for (const d of plan.dryRun) ctx.out(`  ${d.ok ? 'ok    ' : 'FAILED'} ${d.ref.kind} ${d.ref.namespace ? `${d.ref.namespace}/` : ''}${d.ref.name}${d.message ? `: ${d.message}` : ''}`);
  if (plan.undoNote) ctx.out(`\nUndo: ${plan.undoNote}`);
}

async function confirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** `groundcrew repair <finding-id>`: show the exact change and its dry run, then (confirmed) apply, verify and journal it. */
export async function repairCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { ...contextOption, 'dry-run': { type: 'boolean' }, yes: { type: 'boolean', short: 'y' } }, allowPositionals: true, strict: true });
  const [findingId, ...extra] = positionals;
  if (!findingId || extra.length) throw new UsageError('name exactly one finding id (see `groundcrew inspect`)');
  const context = values.context ? { context: values.context } : {};
  const plan = await ctx.call('repair.plan', { ...context, findingId });
  if (values['dry-run']) {
    if (ctx.options.json) ctx.out(JSON.stringify(plan, null, 2));
    else printPlan(ctx, plan);
    return plan.appliable ? 0 : 1;
  }
  if (!ctx.options.json) printPlan(ctx, plan);
  if (!plan.appliable) {
    ctx.err(`error: this fix cannot be applied: ${plan.blockedBy ?? 'a dry run failed'}`);
    return 1;
  }
  if (!values.yes) {
    if (!process.stdin.isTTY) throw new UsageError('refusing to change the cluster without confirmation: run in a terminal, or pass --yes after reviewing `--dry-run`');
    if (!(await confirm('\nApply these changes? [y/N] '))) {
      ctx.err('Nothing changed.');
      return 1;
    }
  }
  const stop = ctx.core.subscribe('repair.progress', { id: plan.planId }, (m) => {
    if (m.type === 'event' && !ctx.options.json) ctx.err(`  … ${(m.event as { message: string }).message}`);
  });
  try {
    const result = await ctx.call('repair.apply', { ...context, planId: plan.planId });
    if (ctx.options.json) ctx.out(JSON.stringify(result, null, 2));
    else {
      ctx.out(`\n${result.verification.ok ? 'Verified' : 'NOT verified'}: ${result.verification.message}`);
      ctx.out(`Journal entry ${result.entry.id} (undo with: groundcrew undo ${result.entry.id})`);
    }
    return result.verification.ok ? 0 : 1;
  } finally {
    stop();
  }
}
