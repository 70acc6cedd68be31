import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { invoke, subscribe } from '../bridge.ts';
import type { RepairProgress } from '../../shared/model/repair.ts';

/**
 * The plan for fixing one finding. Planned afresh each time the dialog opens (a plan is tied to
 * the objects as they are now) and never refetched behind the user's back: they review this one.
 */
export function useFixPlan(context: string | undefined, findingId: string) {
  return useQuery({
    queryKey: ['repair.plan', context ?? null, findingId],
    queryFn: () => invoke('repair.plan', { ...(context ? { context } : {}), findingId }),
    enabled: context !== undefined,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
}

export const journalKey = (context: string | undefined) => ['journal.list', context ?? null] as const;

/** This workstation's journal for the context, merged with the cluster's copy. */
export function useJournal(context: string | undefined) {
  return useQuery({
    queryKey: journalKey(context),
    queryFn: () => invoke('journal.list', context ? { context } : {}),
    enabled: context !== undefined,
  });
}

export function useApplyFix(context: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (planId: string) => invoke('repair.apply', { ...(context ? { context } : {}), planId }),
    onSettled: () => client.invalidateQueries({ queryKey: journalKey(context) }),
  });
}

export function useUndoFix(context: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (entryId: string) => invoke('journal.undo', { ...(context ? { context } : {}), entryId }),
    onSettled: () => client.invalidateQueries({ queryKey: journalKey(context) }),
  });
}

/**
 * Progress of an apply (id = planId) or an undo (id = journal entry id). Subscribed as soon as the
 * id is known, before the user starts the work, so no early step is missed.
 */
export function useRepairProgress(id: string | undefined): RepairProgress[] {
  const [steps, setSteps] = useState<{ id: string | undefined; list: RepairProgress[] }>({ id, list: [] });
  useEffect(() => {
    if (!id) return;
    return subscribe('repair.progress', { id }, (p) => setSteps((prev) => ({ id, list: prev.id === id ? [...prev.list, p] : [p] })));
  }, [id]);
  return steps.id === id ? steps.list : [];
}
