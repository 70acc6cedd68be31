import type { ClusterView } from '../cluster/view.ts';
import type { Finding, InspectionReport } from '../../../shared/model/finding.ts';
import type { StackProfile } from '../../../shared/model/profile.ts';
import { describeInstallation, detectInstallations, type Installation } from '../stacks/detect.ts';
import { checks } from './registry.ts';
import { scoreFindings, sortFindings } from './score.ts';
import type { Check, CheckContext, InspectOptions } from './types.ts';

export type { Check, CheckContext, InspectOptions } from './types.ts';
export { SCORE_FORMULA } from './score.ts';
export { checks, knownCheckIds } from './registry.ts';

export interface InspectInput {
  /** Run only these checks (by area, e.g. "edges"); default all. */
  areas?: readonly string[];
  /** Inspect these installations instead of detecting them. */
  installations?: readonly Installation[];
}

/**
 * Detects which profiles are installed and runs every check over each installation.
 * Pure: reads only the view. Findings with the same id (several edges sharing a provider
 * Service, cluster-wide checks seen from two installations) are reported once.
 */
export function inspect(view: ClusterView, profiles: readonly StackProfile[], options: InspectOptions & InspectInput = {}): InspectionReport {
  const installations = options.installations ? [...options.installations] : profiles.flatMap((p) => detectInstallations(view, p, profiles));
  const now = new Date(options.now ?? view.capturedAt);
  const active: readonly Check[] = options.areas ? checks.filter((c) => options.areas!.includes(c.area)) : checks;
  const byId = new Map<string, Finding>();
  for (const inst of installations) {
    const ctx: CheckContext = { view, inst, options, now };
    for (const check of active) {
      for (const f of check.run(ctx)) if (!byId.has(f.id)) byId.set(f.id, f);
    }
  }
  const findings = sortFindings([...byId.values()]);
  const score = scoreFindings(findings, installations);
  return { capturedAt: view.capturedAt, installations: installations.map(describeInstallation), findings, score, counts: score.counts };
}
