import { z } from 'zod';

/**
 * Repairs: a fix turns a finding into a plan of exact object changes, previewed as a YAML diff and
 * validated by a server-side dry run; applying it writes those changes, verifies the finding is
 * gone and records a journal entry that can be undone. These shapes cross the contract (UI, CLI
 * --json) and the cluster (the journal ConfigMap), so they live here as schemas.
 */

/** A Kubernetes object, named by its full apiVersion (the API path needs the version). */
export const ObjectRefSchema = z.object({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  namespace: z.string().optional(),
  name: z.string().min(1),
});
export type ObjectRef = z.infer<typeof ObjectRefSchema>;

/** A JSON object (a Kubernetes object or a patch body). */
const JsonObjectSchema = z.record(z.string(), z.unknown());

export const ChangeActionSchema = z.enum(['patch', 'apply', 'create', 'delete', 'status']);
export type ChangeAction = z.infer<typeof ChangeActionSchema>;

export const PatchSchema = z.object({
  type: z.enum(['merge', 'json', 'strategic']),
  body: z.unknown(),
});
export type Patch = z.infer<typeof PatchSchema>;

export const ChangeSchema = z.object({
  ref: ObjectRefSchema,
  action: ChangeActionSchema,
  /** The live object as read at plan time, with its resourceVersion (absent for create). */
  before: JsonObjectSchema.optional(),
  /** The object as it should be after the change (absent for delete). */
  after: JsonObjectSchema.optional(),
  /** For action 'patch': what is sent. 'status' and 'apply' send `after`. */
  patch: PatchSchema.optional(),
  /** Unified diff of before → after as YAML, without managedFields, resourceVersion and timestamps. */
  diff: z.string(),
  /** One line saying what this change does, for progress and the journal. */
  summary: z.string().optional(),
});
export type Change = z.infer<typeof ChangeSchema>;

export const PermissionSchema = z.object({
  verb: z.string(),
  group: z.string(),
  resource: z.string(),
  subresource: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string().optional(),
});
export type Permission = z.infer<typeof PermissionSchema>;

export const DryRunResultSchema = z.object({
  ref: ObjectRefSchema,
  ok: z.boolean(),
  message: z.string().optional(),
});
export type DryRunResult = z.infer<typeof DryRunResultSchema>;

export const FixPlanSchema = z.object({
  planId: z.string(),
  fixId: z.string(),
  findingId: z.string(),
  title: z.string(),
  explanation: z.string(),
  changes: z.array(ChangeSchema),
  permissions: z.array(PermissionSchema),
  dryRun: z.array(DryRunResultSchema),
  /** False when a dry run failed or a permission is missing; `blockedBy` says why. */
  appliable: z.boolean(),
  blockedBy: z.string().optional(),
  /** Why undo will not fully restore the previous state, when it cannot (e.g. a re-issued certificate). */
  undoNote: z.string().optional(),
  createdAt: z.string(),
});
export type FixPlan = z.infer<typeof FixPlanSchema>;

export const JournalUserSchema = z.object({
  /** The operating-system user who ran the fix. */
  os: z.string(),
  /** The Kubernetes identity (SelfSubjectReview), when the server told us. */
  kube: z.string().optional(),
});
export type JournalUser = z.infer<typeof JournalUserSchema>;

export const JournalChangeSchema = z.object({
  ref: ObjectRefSchema,
  action: ChangeActionSchema,
  /** The object before the change (absent when it was created). */
  before: JsonObjectSchema.optional(),
  /** The object as the server returned it after the change (absent when it was deleted). */
  after: JsonObjectSchema.optional(),
});
export type JournalChange = z.infer<typeof JournalChangeSchema>;

export const JournalEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  user: JournalUserSchema,
  host: z.string(),
  context: z.string(),
  /** The namespace whose `groundcrew-journal` ConfigMap mirrors this entry. */
  namespace: z.string().optional(),
  findingId: z.string(),
  fixId: z.string(),
  title: z.string(),
  changes: z.array(JournalChangeSchema),
  verification: z.object({ ok: z.boolean(), message: z.string() }),
  /** This entry undoes that one. */
  undoOf: z.string().optional(),
  /** That entry undid this one. */
  undoneBy: z.string().optional(),
  undoNote: z.string().optional(),
});
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

export const RepairProgressSchema = z.object({
  phase: z.enum(['permissions', 'write', 'after-apply', 'verify', 'journal', 'done']),
  message: z.string(),
  /** 1-based index of the change being written, during 'write'. */
  step: z.number().int().optional(),
  total: z.number().int().optional(),
});
export type RepairProgress = z.infer<typeof RepairProgressSchema>;

export const ApplyResultSchema = z.object({
  entry: JournalEntrySchema,
  verification: z.object({ ok: z.boolean(), message: z.string() }),
});
export type ApplyResult = z.infer<typeof ApplyResultSchema>;
