import { z } from 'zod';
import { AppInfoSchema, LicensesSchema } from '../model/app-info.ts';
import { ContextsListSchema } from '../model/context.ts';

const Empty = z.object({}).strict();

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
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OpInput<N extends OperationName> = z.input<Operations[N]['input']>;
export type OpOutput<N extends OperationName> = z.output<Operations[N]['output']>;

export const operationNames = Object.keys(operations) as OperationName[];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.hasOwn(operations, name);
}
