import type { Finding } from '../../../shared/model/finding.ts';
import type { StackProfile } from '../../../shared/model/profile.ts';
import type { ApplyResult, FixPlan, JournalEntry } from '../../../shared/model/repair.ts';
import type { ClusterView } from '../cluster/view.ts';
import { inspect, type InspectOptions } from '../inspect/index.ts';
import { Journal, type JournalView } from '../journal/index.ts';
import { RepairEngine, type CheckRunner, type ProgressListener } from './engine.ts';
import { defaultRepairOptions, type Fix, type RepairOptions } from './fix.ts';
import { builtinFixes } from './fixes/index.ts';
import type { KubeWriter } from './kube-writer.ts';

export type { KubeWriter, KubeRequest } from './kube-writer.ts';
export type { Fix, FixResult, PlanContext, RunContext, RepairOptions } from './fix.ts';
export type { CheckRunner, ProgressListener } from './engine.ts';
export { PlanError } from './fix.ts';
export { builtinFixes } from './fixes/index.ts';
export { renderDiff } from './diff.ts';

export interface RepairServiceOptions {
  /** The cluster client (`KubeClient` fits as is) or anything with its `request`. */
  client: KubeWriter;
  /** The Groundcrew home directory (groundcrewHome(env)); the local journal lives there. */
  home: string;
  /** The kubeconfig context name, recorded in journal entries. */
  context: string;
  /** A fresh ClusterView on each call. */
  viewProvider: () => Promise<ClusterView>;
  profiles: readonly StackProfile[];
  /**
   * The inspection checks, used to find a finding and to verify it is gone. Default: every check
   * of electron/core/inspect with `inspectOptions` (site domain, air-gap, mirror, ...).
   */
  runChecks?: CheckRunner;
  inspectOptions?: InspectOptions;
  /** Site settings (DNS lookup image, mirror registry, pull secret, verification timeout). */
  options?: Partial<RepairOptions>;
  /** Namespace for the cluster copy of the journal when a finding belongs to no detected installation. */
  journalNamespace?: string;
  /** Replaces the built-in fixes (tests). */
  fixes?: readonly Fix[];
  /** Upper bound for the cluster journal ConfigMap's entries (bytes). */
  journalMaxBytes?: number;
  now?: () => Date;
}

export interface RepairService {
  /** Plans the fix for a finding: changes with YAML diffs, permissions, server dry-run results. */
  plan(finding: string | Finding): Promise<FixPlan>;
  /** Applies a plan (all its changes or none), verifies and journals it. */
  apply(planId: string, onProgress?: ProgressListener): Promise<ApplyResult>;
  /** Puts back what a journal entry changed; returns the new (undo) entry. */
  undo(entryId: string, onProgress?: ProgressListener): Promise<JournalEntry>;
  /** This workstation's journal for the context, merged with the cluster's copy. */
  journal(): Promise<JournalView>;
  /** The fixes this service can plan, for listings. */
  fixes(): Array<{ id: string; title: string; checks: readonly string[] }>;
}

export function createRepairService(o: RepairServiceOptions): RepairService {
  const journal = new Journal(o.home, o.client, o.journalMaxBytes, o.journalNamespace ? [o.journalNamespace] : []);
  const fixes = o.fixes ?? builtinFixes;
  const engine = new RepairEngine({
    client: o.client,
    context: o.context,
    viewProvider: o.viewProvider,
    profiles: o.profiles,
    // Verification looks at "now", not at the view's capture time (expiry must be re-judged).
    runChecks: o.runChecks ?? ((view, profiles) => inspect(view, profiles, { ...o.inspectOptions, now: o.inspectOptions?.now ?? new Date().toISOString() }).findings),
    journal,
    fixes,
    options: { ...defaultRepairOptions, ...o.options },
    journalNamespace: o.journalNamespace,
    now: o.now,
  });
  return {
    plan: (finding) => engine.planFix(finding),
    apply: (planId, onProgress) => engine.applyPlan(planId, onProgress),
    undo: (entryId, onProgress) => engine.undo(entryId, onProgress),
    journal: () => journal.read(o.context),
    fixes: () => fixes.map((f) => ({ id: f.id, title: f.title, checks: f.checks })),
  };
}
