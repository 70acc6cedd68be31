import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { invoke } from '../bridge.ts';
import type { ConnectionDiagnosis } from '../../shared/model/connection.ts';

export const connectionKey = (context: string | undefined) => ['cluster.connect', context ?? null] as const;
export const permissionsKey = (context: string | undefined) => ['cluster.permissions', context ?? null] as const;

/** A diagnosis is a network round trip (and maybe an exec plugin): reuse it for a minute. */
const CONNECTION_STALE_MS = 60_000;

/** How a context connects. A failing cluster is a diagnosis (ok: false), not a query error. */
export function useConnection(context: string | undefined, enabled = true) {
  return useQuery({
    queryKey: connectionKey(context),
    queryFn: () => invoke('cluster.connect', context ? { context } : {}),
    enabled: enabled && context !== undefined,
    staleTime: CONNECTION_STALE_MS,
    retry: false,
  });
}

/**
 * Diagnoses for several contexts at once, fetched only while `enabled` (the context switcher turns
 * it on when the user opens it), so a kubeconfig with many contexts costs nothing until asked.
 */
export function useConnections(contexts: string[], enabled: boolean): Map<string, ConnectionDiagnosis | 'pending' | 'error'> {
  const results = useQueries({
    queries: contexts.map((context) => ({
      queryKey: connectionKey(context),
      queryFn: () => invoke('cluster.connect', { context }),
      enabled,
      staleTime: CONNECTION_STALE_MS,
      retry: false,
    })),
  });
  const states = new Map<string, ConnectionDiagnosis | 'pending' | 'error'>();
  contexts.forEach((context, i) => {
    const r = results[i];
    states.set(context, r?.data ?? (r?.isError ? 'error' : 'pending'));
  });
  return states;
}

/** What the identity of a context may do, per Groundcrew operation. */
export function usePermissions(context: string | undefined) {
  return useQuery({
    queryKey: permissionsKey(context),
    queryFn: () => invoke('cluster.permissions', context ? { context } : {}),
    enabled: context !== undefined,
    staleTime: CONNECTION_STALE_MS,
    retry: false,
  });
}

/** Re-runs the diagnosis and the permission review of a context now. */
export function useRetryConnection() {
  const client = useQueryClient();
  return (context: string | undefined) =>
    Promise.all([
      client.refetchQueries({ queryKey: connectionKey(context), exact: true }),
      client.refetchQueries({ queryKey: permissionsKey(context), exact: true }),
    ]);
}

/** ok / failing / unknown, for a coloured dot. */
export type ConnectionState = 'ok' | 'failing' | 'unknown';

export function connectionState(d: ConnectionDiagnosis | 'pending' | 'error' | undefined): ConnectionState {
  if (d === undefined || d === 'pending') return 'unknown';
  if (d === 'error') return 'failing';
  return d.ok ? 'ok' : 'failing';
}
