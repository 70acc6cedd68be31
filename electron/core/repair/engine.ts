import crypto from 'node:crypto';
import os from 'node:os';
import { ContractError } from '../../../shared/contract/errors.ts';
import type { Finding } from '../../../shared/model/finding.ts';
import type { StackProfile } from '../../../shared/model/profile.ts';
import type { ApplyResult, Change, DryRunResult, FixPlan, JournalChange, JournalEntry, RepairProgress } from '../../../shared/model/repair.ts';
import type { ClusterView } from '../cluster/view.ts';
import type { Journal } from '../journal/index.ts';
import { journalChange } from '../journal/journal-copy.ts';
import { apiFailureOf, describeFailure } from './api-errors.ts';
import { installationFor, PlanError, type Fix, type PlanContext, type RepairOptions, type RunContext } from './fix.ts';
import type { KubeWriter } from './kube-writer.ts';
import { deniedPermissions, describePermission, permissionsFor, whoAmI } from './permissions.ts';
import { describeRef, ResourceResolver } from './resources.ts';
import { planReverse } from './reverse.ts';
import { verifyFinding } from './verify.ts';
import { explainWriteFailure, sendChange, StaleObjectError, waitUntilGone } from './writes.ts';

/** Runs the inspection checks over a view (the inspect module, or a subset of it in tests). */
export type CheckRunner = (view: ClusterView, profiles: readonly StackProfile[]) => readonly Finding[] | Promise<readonly Finding[]>;

export interface EngineOptions {
  client: KubeWriter;
  /** The kubeconfig context name, recorded in the journal. */
  context: string;
  /** A fresh view of the cluster each call (plans read it; verification polls it). */
  viewProvider: () => Promise<ClusterView>;
  profiles: readonly StackProfile[];
  runChecks: CheckRunner;
  journal: Journal;
  fixes: readonly Fix[];
  options: RepairOptions;
  /** Namespace whose `groundcrew-journal` ConfigMap mirrors entries when the finding names no installation. */
  journalNamespace?: string;
  now?: () => Date;
}

interface StoredPlan {
  plan: FixPlan;
  fix: Fix;
  finding: Finding;
  namespace: string;
}

export type ProgressListener = (event: RepairProgress) => void;

const MAX_PLANS = 200;

/** A write failed; `stillWritten` are the earlier writes of the same run that could not be put back. */
export class PartialWriteError extends ContractError {
  constructor(
    code: ContractError['code'],
    message: string,
    where: string,
    readonly stillWritten: JournalChange[],
  ) {
    super(code, message, where);
    this.name = 'PartialWriteError';
  }
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    // No passwd entry (some containers): the environment is the next best witness.
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

const sameRef = (a: Change['ref'], b: Change['ref']) => a.apiVersion === b.apiVersion && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;

/** Sortable, readable ids: `20261122T015500Z-3f9c1a`. */
function newId(now: Date): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}-${crypto.randomBytes(3).toString('hex')}`;
}

/**
 * The repair engine: plan (fix → exact changes → diff + server dry run + access review), apply
 * (preconditioned writes as field manager `groundcrew`, verification, journal) and undo.
 */
export class RepairEngine {
  private readonly plans = new Map<string, StoredPlan>();
  private readonly resources: ResourceResolver;
  private readonly fixes: Map<string, Fix>;
  private readonly now: () => Date;
  private identity: Promise<string | undefined> | undefined;

  constructor(private readonly o: EngineOptions) {
    this.resources = new ResourceResolver(o.client);
    this.fixes = new Map(o.fixes.map((f) => [f.id, f]));
    this.now = o.now ?? (() => new Date());
  }

  private planContext(): PlanContext {
    return { profiles: this.o.profiles, options: this.o.options, now: this.now };
  }

  /** Finds the finding on a fresh view, has its fix plan the changes, then dry-runs each on the server. */
  async planFix(finding: string | Finding): Promise<FixPlan> {
    const findingId = typeof finding === 'string' ? finding : finding.id;
    const view = await this.o.viewProvider();
    const current = (await this.o.runChecks(view, this.o.profiles)).find((f) => f.id === findingId);
    if (!current) throw new ContractError('not_found', `finding ${findingId} is not reported by the cluster any more; inspect again`);
    if (!current.fixId) throw new ContractError('not_found', `finding ${findingId} has no automatic fix`);
    const fix = this.fixes.get(current.fixId);
    if (!fix) throw new ContractError('not_found', `fix ${current.fixId} (for ${findingId}) is not implemented`);
    let result;
    try {
      result = fix.plan(view, current, this.planContext());
    } catch (err) {
      if (err instanceof PlanError) throw new ContractError('conflict', `${fix.id} cannot fix ${findingId}: ${err.message}`, findingId);
      throw err;
    }
    const permissions = await permissionsFor(result.changes, this.resources);
    const dryRun = await this.dryRun(result.changes);
    const denied = await deniedPermissions(this.o.client, permissions);
    const failedDryRun = dryRun.find((d) => !d.ok);
    const blockedBy =
      result.changes.length === 0
        ? 'nothing to change'
        : denied.length > 0
          ? `not allowed to ${denied.map((d) => describePermission(d.permission)).join('; ')}`
          : failedDryRun
            ? `the server's dry run refused ${describeRef(failedDryRun.ref)}: ${failedDryRun.message}`
            : undefined;
    const installation = installationFor(view, current, this.o.profiles);
    const plan: FixPlan = {
      planId: newId(this.now()),
      fixId: fix.id,
      findingId,
      title: fix.title,
      explanation: result.explanation,
      changes: result.changes,
      permissions,
      dryRun,
      appliable: blockedBy === undefined,
      ...(blockedBy ? { blockedBy } : {}),
      ...(result.undoNote ? { undoNote: result.undoNote } : {}),
      createdAt: this.now().toISOString(),
    };
    this.plans.set(plan.planId, { plan, fix, finding: current, namespace: installation?.namespace ?? this.o.journalNamespace ?? 'default' });
    // Plans are kept in memory for the UI to apply; an abandoned one should not pile up forever.
    while (this.plans.size > MAX_PLANS) this.plans.delete(this.plans.keys().next().value!);
    return plan;
  }

  /** Each change with dryRun=All, in order; a create of an object an earlier step deletes may meet it still there. */
  private async dryRun(changes: readonly Change[]): Promise<DryRunResult[]> {
    const out: DryRunResult[] = [];
    for (const [i, change] of changes.entries()) {
      try {
        await sendChange(this.o.client, this.resources, change, { dryRun: true });
        out.push({ ref: change.ref, ok: true });
      } catch (err) {
        const deletedEarlier = change.action === 'create' && changes.slice(0, i).some((c) => c.action === 'delete' && sameRef(c.ref, change.ref));
        if (deletedEarlier && apiFailureOf(err)?.code === 409) out.push({ ref: change.ref, ok: true, message: 'exists until the earlier delete step runs' });
        else out.push({ ref: change.ref, ok: false, message: describeFailure(err) });
      }
    }
    return out;
  }

  getPlan(planId: string): FixPlan | undefined {
    return this.plans.get(planId)?.plan;
  }

  /** Writes a plan's changes, verifies the finding is gone and journals the result. */
  async applyPlan(planId: string, onProgress: ProgressListener = () => undefined): Promise<ApplyResult> {
    const stored = this.plans.get(planId);
    if (!stored) throw new ContractError('not_found', `plan ${planId} is unknown (plans live until applied or until the console restarts); plan again`);
    const { plan, fix, finding } = stored;
    if (!plan.appliable) throw new ContractError('conflict', `plan ${planId} cannot be applied: ${plan.blockedBy}`);
    // A plan is spent once applying starts, so two clicks never write it twice.
    this.plans.delete(planId);

    onProgress({ phase: 'permissions', message: `checking ${plan.permissions.length} permission(s)` });
    const denied = await deniedPermissions(this.o.client, plan.permissions);
    if (denied.length > 0) {
      this.plans.set(planId, stored); // nothing was written: it can be applied once access is granted
      const list = denied.map((d) => describePermission(d.permission) + (d.reason ? ` (${d.reason})` : '')).join('; ');
      throw new ContractError('forbidden', `not allowed to ${list}; nothing was changed`, describeRef(plan.changes[0]!.ref));
    }

    let applied: JournalChange[];
    try {
      applied = await this.execute(plan.changes, onProgress, 're-plan');
    } catch (err) {
      await this.journalPartial(err, { findingId: finding.id, fixId: fix.id, title: plan.title, namespace: stored.namespace }, onProgress);
      throw err;
    }

    const run: RunContext = {
      ...this.planContext(),
      client: this.o.client,
      resources: this.resources,
      finding,
      changes: plan.changes,
      report: (message) => onProgress({ phase: 'after-apply', message }),
    };
    let verification: { ok: boolean; message: string };
    try {
      if (fix.afterApply) await fix.afterApply(run);
      onProgress({ phase: 'verify', message: `re-running ${finding.checkId}` });
      verification = await verifyFinding(this.o, finding, { ...run, report: (message) => onProgress({ phase: 'verify', message }) }, fix);
    } catch (err) {
      verification = { ok: false, message: `verification failed: ${describeFailure(err)}` };
    }

    onProgress({ phase: 'journal', message: 'recording the change in the journal' });
    const entry = await this.entry({ findingId: finding.id, fixId: fix.id, title: plan.title, changes: applied, verification, namespace: stored.namespace, undoNote: plan.undoNote });
    const warning = await this.o.journal.record([entry]);
    if (warning) onProgress({ phase: 'journal', message: warning });
    onProgress({ phase: 'done', message: verification.ok ? `fixed: ${verification.message}` : `applied, but not verified: ${verification.message}` });
    return { entry, verification };
  }

  /**
   * Writes changes in order. A failure part-way puts back what was already written (so a plan is
   * all or nothing as far as the API allows) and throws a message naming the object.
   */
  private async execute(changes: readonly Change[], onProgress: ProgressListener, redo: string, rollBack = true): Promise<JournalChange[]> {
    const applied: JournalChange[] = [];
    for (const [i, change] of changes.entries()) {
      onProgress({ phase: 'write', message: change.summary ?? `${change.action} ${describeRef(change.ref)}`, step: i + 1, total: changes.length });
      try {
        const deletedEarlier = change.action === 'create' && changes.slice(0, i).some((c) => c.action === 'delete' && sameRef(c.ref, change.ref));
        if (deletedEarlier) await waitUntilGone(this.o.client, this.resources, change.ref, this.o.options.verifyTimeoutMs);
        const result = await sendChange(this.o.client, this.resources, change);
        applied.push({ ref: change.ref, action: change.action, ...(change.before ? { before: change.before } : {}), ...(result ? { after: result } : {}) });
      } catch (err) {
        const failure = await explainWriteFailure(this.o.client, this.resources, change, err, redo);
        const rollback = applied.length && rollBack ? await this.rollback(applied) : { ok: false, message: `${applied.length} earlier change(s) stay written` };
        const code = err instanceof StaleObjectError || failure instanceof StaleObjectError ? 'conflict' : apiFailureOf(err)?.code === 403 ? 'forbidden' : 'internal';
        throw new PartialWriteError(code, `${failure.message}${applied.length ? `; ${rollback.message}` : '; nothing was changed'}`, describeRef(change.ref), rollback.ok ? [] : applied);
      }
    }
    return applied;
  }

  private async rollback(applied: JournalChange[]): Promise<{ ok: boolean; message: string }> {
    try {
      const reverse = await planReverse(this.o.client, this.resources, applied, 'this apply began');
      await this.execute(reverse.changes, () => undefined, 'undo by hand', false);
      return { ok: true, message: `the ${applied.length} earlier change(s) were put back` };
    } catch (err) {
      return { ok: false, message: `putting back the ${applied.length} earlier change(s) failed too (${describeFailure(err)}); they are in the journal, undo them from there` };
    }
  }

  /** Writes that stayed in the cluster after a failure must be in the journal, or nobody could undo them. */
  private async journalPartial(err: unknown, e: { findingId: string; fixId: string; title: string; namespace?: string; undoOf?: string }, onProgress: ProgressListener): Promise<void> {
    if (!(err instanceof PartialWriteError) || err.stillWritten.length === 0) return;
    const entry = await this.entry({ ...e, changes: err.stillWritten, verification: { ok: false, message: `stopped part-way: ${err.message}` } });
    const warning = await this.o.journal.record([entry]);
    if (warning) onProgress({ phase: 'journal', message: warning });
  }

  /** Restores what a journal entry changed; journaled as its own entry, linked both ways. */
  async undo(entryId: string, onProgress: ProgressListener = () => undefined): Promise<JournalEntry> {
    const { entries } = await this.o.journal.read();
    const original = entries.find((e) => e.id === entryId);
    if (!original) throw new ContractError('not_found', `journal entry ${entryId} not found`);
    if (original.undoneBy) throw new ContractError('conflict', `journal entry ${entryId} was already undone by ${original.undoneBy}`);
    let reverse;
    try {
      reverse = await planReverse(this.o.client, this.resources, original.changes);
    } catch (err) {
      if (err instanceof StaleObjectError) throw new ContractError('conflict', err.message);
      throw err;
    }
    const permissions = await permissionsFor(reverse.changes, this.resources);
    const denied = await deniedPermissions(this.o.client, permissions);
    if (denied.length) throw new ContractError('forbidden', `not allowed to ${denied.map((d) => describePermission(d.permission)).join('; ')}; nothing was changed`);
    const dry = await this.dryRun(reverse.changes);
    const refused = dry.find((d) => !d.ok);
    if (refused) throw new ContractError('conflict', `the server's dry run refused ${describeRef(refused.ref)}: ${refused.message}; nothing was changed`);
    let applied: JournalChange[];
    try {
      applied = await this.execute(reverse.changes, onProgress, 'undo refused part-way');
    } catch (err) {
      await this.journalPartial(err, { findingId: original.findingId, fixId: original.fixId, title: `Undo (incomplete): ${original.title}`, namespace: original.namespace }, onProgress);
      throw err;
    }
    const message = [`restored ${applied.length} object(s)`, ...reverse.notes].join('; ');
    const undoEntry = await this.entry({
      findingId: original.findingId,
      fixId: original.fixId,
      title: `Undo: ${original.title}`,
      changes: applied,
      verification: { ok: true, message },
      namespace: original.namespace,
      undoOf: original.id,
    });
    const warning = await this.o.journal.record([undoEntry, { ...original, undoneBy: undoEntry.id }]);
    if (warning) onProgress({ phase: 'journal', message: warning });
    onProgress({ phase: 'done', message });
    return undoEntry;
  }

  private async entry(e: Pick<JournalEntry, 'findingId' | 'fixId' | 'title' | 'changes' | 'verification'> & { namespace?: string; undoOf?: string; undoNote?: string }): Promise<JournalEntry> {
    this.identity ??= whoAmI(this.o.client);
    const kube = await this.identity;
    const now = this.now();
    return {
      id: newId(now),
      at: now.toISOString(),
      user: { os: osUser(), ...(kube ? { kube } : {}) },
      host: os.hostname(),
      context: this.o.context,
      ...(e.namespace ? { namespace: e.namespace } : {}),
      findingId: e.findingId,
      fixId: e.fixId,
      title: e.title,
      changes: e.changes.map(journalChange),
      verification: e.verification,
      ...(e.undoOf ? { undoOf: e.undoOf } : {}),
      ...(e.undoNote ? { undoNote: e.undoNote } : {}),
    };
  }
}
