import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { invoke, subscribe } from '../bridge.ts';

const KEY = ['contexts'] as const;

/** The kubeconfig contexts; kept current by the core's kubeconfig watch. */
export function useContexts() {
  const client = useQueryClient();
  useEffect(() => subscribe('contexts.changes', {}, (list) => client.setQueryData(KEY, list)), [client]);
  return useQuery({ queryKey: KEY, queryFn: () => invoke('contexts.list', {}) });
}

export function useSelectContext() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => invoke('contexts.select', { name }),
    onSuccess: (list) => client.setQueryData(KEY, list),
  });
}
