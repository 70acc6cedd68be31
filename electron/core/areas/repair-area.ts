import type { RepairProgress } from '../../../shared/model/repair.ts';
import type { ContextService } from '../cluster/context-service.ts';
import { createRepairService, type RepairService } from '../repair/index.ts';
import type { ClusterSession, ClusterSessions } from '../session/cluster-sessions.ts';
import { INSPECTION_KINDS } from '../session/inspection-kinds.ts';
import type { StackProfile } from '../../../shared/model/profile.ts';
import { selectedContext } from './selected-context.ts';

export interface RepairAreaDeps {
  home: string;
  contexts: ContextService;
  sessions: ClusterSessions;
  profiles: () => StackProfile[];
}

type ProgressListener = (progress: RepairProgress) => void;

/**
 * Repairs over the contract. Plans live in the repair service of the context's session, so a
 * plan is applied by the same service (and against the same client) that made it. Progress of
 * an apply or undo is published to subscribers of that plan or journal entry id.
 */
export function repairArea(deps: RepairAreaDeps) {
  const services = new WeakMap<ClusterSession, RepairService>();
  const listeners = new Map<string, Set<ProgressListener>>();
  const publish = (id: string) => (p: RepairProgress) => {
    for (const l of listeners.get(id) ?? []) l(p);
  };
  const serviceFor = async (context?: string) => {
    const ctx = selectedContext(deps.contexts, context);
    const session = await deps.sessions.get(ctx.name);
    let service = services.get(session);
    if (!service) {
      service = createRepairService({
        client: session.client,
        home: deps.home,
        context: ctx.name,
        viewProvider: () => session.source.view(INSPECTION_KINDS),
        profiles: deps.profiles(),
      });
      services.set(session, service);
    }
    return service;
  };
  return {
    plan: async (context: string | undefined, findingId: string) => (await serviceFor(context)).plan(findingId),
    apply: async (context: string | undefined, planId: string) => (await serviceFor(context)).apply(planId, publish(planId)),
    undo: async (context: string | undefined, entryId: string) => (await serviceFor(context)).undo(entryId, publish(entryId)),
    journal: async (context?: string) => {
      const ctx = selectedContext(deps.contexts, context);
      const view = await (await serviceFor(ctx.name)).journal();
      return { context: ctx.name, entries: view.entries, warnings: view.warnings };
    },
    progress(id: string, listener: ProgressListener): () => void {
      const set = listeners.get(id) ?? new Set();
      set.add(listener);
      listeners.set(id, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(id);
      };
    },
  };
}
