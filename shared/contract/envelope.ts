import { z } from 'zod';
import { ContractErrorSchema, type ContractErrorBody } from './errors.ts';

/** What every host returns for an invocation: a result or a contract error, never a bare throw. */
export type Outcome<T> = { ok: true; result: T } | { ok: false; error: ContractErrorBody };

export const OutcomeSchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: ContractErrorSchema }),
]);

/** Messages on the browser host's WebSocket (client → server). */
export const StreamClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), id: z.string().min(1), stream: z.string(), input: z.unknown() }),
  z.object({ type: z.literal('unsubscribe'), id: z.string().min(1) }),
]);
export type StreamClientMessage = z.infer<typeof StreamClientMessageSchema>;

/** Messages on the browser host's WebSocket and Electron's stream channel (server → client). */
export type StreamServerMessage =
  | { type: 'event'; id: string; event: unknown }
  | { type: 'error'; id: string; error: ContractErrorBody };
