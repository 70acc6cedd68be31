import { useEffect, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
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

export function useApplyFix(context: string | undefined) {
  return useMutation({ mutationFn: (planId: string) => invoke('repair.apply', { ...(context ? { context } : {}), planId }) });
}

export function useUndoFix(context: string | undefined) {
  return useMutation({ mutationFn: (entryId: string) => invoke('journal.undo', { ...(context ? { context } : {}), entryId }) });
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
