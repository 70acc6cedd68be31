import fs from 'node:fs';
import path from 'node:path';
import { ContractError } from '../../../shared/contract/errors.ts';
import type { InspectionResult } from '../../../shared/model/inspection.ts';
import type { StackProfile } from '../../../shared/model/profile.ts';
import type { ContextService } from '../cluster/context-service.ts';
import { loadBuiltinProfiles, loadProfileDir } from '../stacks/load.ts';
import type { ClusterSessions } from '../session/cluster-sessions.ts';
import { INSPECTION_KINDS } from '../session/inspection-kinds.ts';
import { runInspection } from '../session/inspection.ts';
import { selectedContext } from './selected-context.ts';

export interface InspectionAreaDeps {
  appRoot: string;
  home: string;
  contexts: ContextService;
  sessions: ClusterSessions;
}

/** Live updates are coalesced: at most one inspection per this many milliseconds. */
const LIVE_INTERVAL_MS = 300;
/** A quiet cluster is re-judged this often, so time-based findings (expiry, stale janitor) appear without a change. */
const LIVE_REFRESH_MS = 30_000;

export function inspectionArea(deps: InspectionAreaDeps) {
  let profiles: StackProfile[] | undefined;
  /** Built-in profiles plus the user's own in <home>/stacks (same format, same validation). */
  const loadProfiles = () => {
    if (!profiles) {
      const userDir = path.join(deps.home, 'stacks');
      profiles = [...loadBuiltinProfiles(deps.appRoot), ...(fs.existsSync(userDir) ? loadProfileDir(userDir) : [])];
    }
    return profiles;
  };
  const checkProfile = (name?: string) => {
    if (name && !loadProfiles().some((p) => p.name === name)) {
      throw new ContractError('not_found', `no stack profile named "${name}" (known: ${loadProfiles().map((p) => p.name).join(', ')})`);
    }
  };

  return {
    profiles: loadProfiles,
    async run(context?: string, profile?: string): Promise<InspectionResult> {
      checkProfile(profile);
      const ctx = selectedContext(deps.contexts, context);
      const session = await deps.sessions.get(ctx.name);
      const view = await session.source.view(INSPECTION_KINDS);
      return runInspection(ctx.name, view, loadProfiles(), profile);
    },
    live(context: string | undefined, profile: string | undefined, emit: (r: InspectionResult) => void, fail: (err: unknown) => void): () => void {
      let stopped = false;
      let release: (() => void) | undefined;
      let timer: NodeJS.Timeout | undefined;
      let refresh: NodeJS.Timeout | undefined;
      let last = 0;
      void (async () => {
        checkProfile(profile);
        const ctx = selectedContext(deps.contexts, context);
        const session = await deps.sessions.get(ctx.name);
        const lease = await session.source.acquire(INSPECTION_KINDS);
        if (stopped) return lease.release();
        const publish = () => {
          timer = undefined;
          last = Date.now();
          emit(runInspection(ctx.name, lease.view(), loadProfiles(), profile));
        };
        const off = lease.onChange(() => {
          if (timer) return;
          timer = setTimeout(publish, Math.max(0, LIVE_INTERVAL_MS - (Date.now() - last)));
        });
        refresh = setInterval(() => {
          if (!timer && Date.now() - last >= LIVE_REFRESH_MS) publish();
        }, LIVE_REFRESH_MS);
        refresh.unref();
        release = () => {
          off();
          clearInterval(refresh);
          lease.release();
        };
        publish();
      })().catch(fail);
      return () => {
        stopped = true;
        clearTimeout(timer);
        release?.();
      };
    },
  };
}
