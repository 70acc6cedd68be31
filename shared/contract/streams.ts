import { z } from 'zod';
import { ContextsListSchema } from '../model/context.ts';
import { InspectionResultSchema } from '../model/inspection.ts';
import { RepairProgressSchema } from '../model/repair.ts';

const Empty = z.object({}).strict();

/** Event streams: subscribe with an input, receive events until unsubscribed. */
export const streams = {
  /** Emits the contexts list whenever a kubeconfig file changes (and once at subscribe). */
  'contexts.changes': { input: Empty, event: ContextsListSchema },
  /** Emits a fresh inspection whenever the watched objects change (coalesced). */
  'inspect.live': {
    input: z.object({ context: z.string().min(1).optional(), profile: z.string().min(1).optional() }).strict(),
    event: InspectionResultSchema,
  },
  /** Progress of `repair.apply` (id = planId) or `journal.undo` (id = entryId). */
  'repair.progress': { input: z.object({ id: z.string().min(1) }).strict(), event: RepairProgressSchema },
} as const;

export type Streams = typeof streams;
export type StreamName = keyof Streams;
export type StreamInput<N extends StreamName> = z.input<Streams[N]['input']>;
export type StreamEvent<N extends StreamName> = z.output<Streams[N]['event']>;

export const streamNames = Object.keys(streams) as StreamName[];

export function isStreamName(name: unknown): name is StreamName {
  return typeof name === 'string' && Object.hasOwn(streams, name);
}
