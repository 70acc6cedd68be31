import type { StackProfile } from '../../../shared/model/profile.ts';
import type { InspectionResult } from '../../../shared/model/inspection.ts';
import type { ClusterView } from '../cluster/view.ts';
import { inspect } from '../inspect/index.ts';
import { detectInstallations } from '../stacks/detect.ts';
import { buildTopology } from '../topology/build.ts';

/**
 * One inspection over a view: detect once, check, then draw the topology from the same installations.
 * Judged at `now`, not at the view's capture time: a shared snapshot of a quiet cluster can be old,
 * and expiry and staleness must be judged against the clock.
 */
export function runInspection(context: string, view: ClusterView, profiles: readonly StackProfile[], profileName?: string, now: Date = new Date()): InspectionResult {
  const chosen = profileName ? profiles.filter((p) => p.name === profileName) : profiles;
  const installations = chosen.flatMap((p) => detectInstallations(view, p, profiles));
  const report = inspect(view, chosen, { installations, now: now.toISOString() });
  return { context, report, topology: buildTopology(view, installations, report.findings) };
}
