import { useEffect, useMemo } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { invoke, subscribe } from '../bridge.ts';
import type { OpOutput } from '../../shared/contract/index.ts';
import { useContexts } from './contexts.ts';

/** What every inspection page draws from: the report and the topology built from the same view. */
export type Inspection = OpOutput<'inspect.run'>;

export interface InspectionInput {
  context?: string;
  profile?: string;
}

/** Where the live stream stands, so pages can say whether what they show is current. */
export interface LiveStatus {
  state: 'connecting' | 'live' | 'error';
  message?: string;
  /** When the last event arrived (ISO). */
  at?: string;
}

export const inspectionKey = (input: InspectionInput) => ['inspect', input.context ?? null, input.profile ?? null] as const;
const liveStatusKey = (input: InspectionInput) => ['inspect.live.status', input.context ?? null, input.profile ?? null] as const;

interface LiveEntry {
  users: number;
  stop: () => void;
  /** The stream reported an error; the next page that needs it (or a Retry) subscribes again. */
  failed: boolean;
  release?: ReturnType<typeof setTimeout>;
}

/**
 * One `inspect.live` subscription per input, shared by every mounted page that reads it. Each
 * event replaces the cached inspection, so all pages re-render from the same data. The stream is
 * kept a few seconds after the last page leaves so moving between pages does not resubscribe.
 */
const live = new Map<string, LiveEntry>();
const RELEASE_DELAY_MS = 5_000;

function startLive(client: QueryClient, input: InspectionInput, entry: LiveEntry): void {
  entry.failed = false;
  client.setQueryData<LiveStatus>(liveStatusKey(input), { state: 'connecting' });
  entry.stop = subscribe(
    'inspect.live',
    input,
    (event) => {
      client.setQueryData(inspectionKey(input), event);
      client.setQueryData<LiveStatus>(liveStatusKey(input), { state: 'live', at: new Date().toISOString() });
    },
    (error) => {
      entry.failed = true;
      client.setQueryData<LiveStatus>(liveStatusKey(input), { state: 'error', message: error.message });
    },
  );
}

function retainLive(client: QueryClient, input: InspectionInput): () => void {
  const id = JSON.stringify(inspectionKey(input));
  let entry = live.get(id);
  if (entry) {
    entry.users++;
    if (entry.release) clearTimeout(entry.release);
    entry.release = undefined;
    if (entry.failed) {
      entry.stop();
      startLive(client, input, entry);
    }
  } else {
    entry = { users: 1, stop: () => undefined, failed: false };
    live.set(id, entry);
    startLive(client, input, entry);
  }
  const held = entry;
  return () => {
    held.users--;
    if (held.users > 0) return;
    held.release = setTimeout(() => {
      if (held.users > 0) return;
      held.stop();
      live.delete(id);
    }, RELEASE_DELAY_MS);
  };
}

/** Subscribes again after the stream failed (the Retry buttons). */
function restartLive(client: QueryClient, input: InspectionInput): void {
  const entry = live.get(JSON.stringify(inspectionKey(input)));
  if (!entry) return;
  entry.stop();
  startLive(client, input, entry);
}

/** The context the inspection pages work on: the selected one. */
export function useSelectedContext(): { context: string | undefined; pending: boolean; error: Error | null } {
  const contexts = useContexts();
  return { context: contexts.data?.selected ?? undefined, pending: contexts.isPending, error: contexts.error };
}

/**
 * The inspection of the selected context, kept current by `inspect.live`. The first answer comes
 * from `inspect.run` (or the stream, whichever is first); afterwards only the stream updates it.
 */
export function useInspection(profile?: string) {
  const client = useQueryClient();
  const { context, pending } = useSelectedContext();
  const input = useMemo<InspectionInput>(() => ({ ...(context ? { context } : {}), ...(profile ? { profile } : {}) }), [context, profile]);
  const enabled = !pending && context !== undefined;
  useEffect(() => (enabled ? retainLive(client, input) : undefined), [client, enabled, input]);
  const query = useQuery({
    queryKey: inspectionKey(input),
    queryFn: () => invoke('inspect.run', input),
    enabled,
    // The stream keeps it fresh; refetching on a timer would only duplicate work in the core.
    staleTime: Infinity,
  });
  return { ...query, context, contextPending: pending, restartLive: () => restartLive(client, input) };
}

/** Whether the live stream for the selected context is connected. */
export function useLiveStatus(profile?: string): LiveStatus {
  const client = useQueryClient();
  const { context } = useSelectedContext();
  const input: InspectionInput = { ...(context ? { context } : {}), ...(profile ? { profile } : {}) };
  const key = liveStatusKey(input);
  const status = useQuery({
    queryKey: key,
    queryFn: () => client.getQueryData<LiveStatus>(key) ?? { state: 'connecting' as const },
    staleTime: Infinity,
  });
  return status.data ?? { state: 'connecting' };
}
