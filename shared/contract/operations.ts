import { z } from 'zod';
import { AppInfoSchema, LicensesSchema } from '../model/app-info.ts';
import { ContextsListSchema } from '../model/context.ts';
import { ConnectionDiagnosisSchema } from '../model/connection.ts';
import { PermissionsReportSchema } from '../model/permissions.ts';
import { InspectionResultSchema } from '../model/inspection.ts';
import { ApplyResultSchema, FixPlanSchema, JournalEntrySchema } from '../model/repair.ts';
import { JournalListSchema } from '../model/journal.ts';

const Empty = z.object({}).strict();
/** Which context to work on; absent = the one selected in Groundcrew. */
export const ContextInput = z.object({ context: z.string().min(1).optional() }).strict();

/**
 * Every operation the UI and the CLI can ask of the core. Hosts validate input before the
 * core sees it and output before the caller sees it; adding an operation here is the only
 * way to reach the core.
 */
export const operations = {
  'app.info': { input: Empty, output: AppInfoSchema },
  'app.licenses': { input: Empty, output: LicensesSchema },
  'contexts.list': { input: Empty, output: ContextsListSchema },
  'contexts.select': {
    input: z.object({ name: z.string().min(1, 'context name is required') }).strict(),
    output: ContextsListSchema,
  },
  'cluster.connect': { input: ContextInput, output: ConnectionDiagnosisSchema },
  'cluster.permissions': { input: ContextInput, output: PermissionsReportSchema },
  'inspect.run': {
    input: ContextInput.extend({ profile: z.string().min(1).optional() }).strict(),
    output: InspectionResultSchema,
  },
  /** Plan the fix of a finding: exact changes as YAML diffs, permissions, server-side dry run. Changes nothing. */
  'repair.plan': { input: ContextInput.extend({ findingId: z.string().min(1) }).strict(), output: FixPlanSchema },
  /** Apply a plan (field manager groundcrew, resourceVersion preconditions), verify it, journal it. */
  'repair.apply': { input: ContextInput.extend({ planId: z.string().min(1) }).strict(), output: ApplyResultSchema },
  'journal.list': { input: ContextInput, output: JournalListSchema },
  /** Put back what a journal entry changed; refused, naming the object, if it changed since. */
  'journal.undo': { input: ContextInput.extend({ entryId: z.string().min(1) }).strict(), output: JournalEntrySchema },
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OpInput<N extends OperationName> = z.input<Operations[N]['input']>;
export type OpOutput<N extends OperationName> = z.output<Operations[N]['output']>;

export const operationNames = Object.keys(operations) as OperationName[];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.hasOwn(operations, name);
}
