import type { Finding } from '../../../shared/model/finding.ts';
import type { StackProfile } from '../../../shared/model/profile.ts';
import type { ClusterView } from '../cluster/view.ts';
import type { Fix, RepairOptions, RunContext } from './fix.ts';

interface VerifySources {
  viewProvider: () => Promise<ClusterView>;
  profiles: readonly StackProfile[];
  runChecks: (view: ClusterView, profiles: readonly StackProfile[]) => readonly Finding[] | Promise<readonly Finding[]>;
  options: RepairOptions;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Re-runs the originating check on fresh views until it stops reporting the finding (controllers
 * and caches need a moment) or the timeout passes; then the fix's own proof, if it has one.
 */
export async function verifyFinding(src: VerifySources, finding: Finding, run: RunContext, fix: Fix): Promise<{ ok: boolean; message: string }> {
  const deadline = Date.now() + src.options.verifyTimeoutMs;
  let still: Finding | undefined;
  for (let attempt = 0; ; attempt++) {
    const view = await src.viewProvider();
    still = (await src.runChecks(view, src.profiles)).find((f) => f.id === finding.id);
    if (!still) break;
    if (Date.now() >= deadline) {
      return { ok: false, message: `${finding.checkId} still reports ${finding.id} after ${Math.round(src.options.verifyTimeoutMs / 1000)} s: ${still.title}` };
    }
    if (attempt % 10 === 9) run.report(`waiting for ${finding.checkId} to pass (${still.title})`);
    await sleep(src.options.verifyIntervalMs);
  }
  const checked = `${finding.checkId} no longer reports ${finding.id}`;
  if (!fix.verify) return { ok: true, message: checked };
  const extra = await fix.verify(run);
  return { ok: extra.ok, message: `${checked}; ${extra.message}` };
}
