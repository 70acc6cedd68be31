import { severityRank, type ComponentScore, type Finding, type Grade, type Score, type SeverityCounts } from '../../../shared/model/finding.ts';
import type { Installation } from '../stacks/detect.ts';

/** The scoring rule, in words, for the UI to show next to the number. Keep in step with scoreFindings. */
export const SCORE_FORMULA =
  'Each component scores 100 − 40 × errors − 10 × warnings (info findings cost nothing), floored at 0. ' +
  'The overall score is the mean of all component scores, including components with no findings. ' +
  'Grades: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, E ≥ 50, F below.';

const ERROR_COST = 40;
const WARNING_COST = 10;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function gradeOf(score: number): Grade {
  if (score >= 90) return 'A';
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 60) return 'D';
  if (score >= 50) return 'E';
  return 'F';
}

/**
 * Popeye-like scoring: per component, then the mean. Components are every component of every
 * detected installation, plus any other component a finding names (cluster areas like "dns").
 */
export function scoreFindings(findings: readonly Finding[], installations: readonly Installation[]): Score {
  const keys = new Map<string, { profile: string; component: string }>();
  for (const inst of installations) for (const c of inst.components) keys.set(`${inst.profile.name}/${c.spec.id}`, { profile: inst.profile.name, component: c.spec.id });
  for (const f of findings) keys.set(`${f.profile}/${f.component}`, { profile: f.profile, component: f.component });
  const components: ComponentScore[] = [...keys.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, k]) => {
      const counts = countBySeverity(findings.filter((f) => `${f.profile}/${f.component}` === key));
      return { ...k, counts, score: Math.max(0, 100 - ERROR_COST * counts.error - WARNING_COST * counts.warning) };
    });
  const overall = components.length === 0 ? 100 : Math.round((components.reduce((s, c) => s + c.score, 0) / components.length) * 10) / 10;
  return { overall, grade: gradeOf(overall), components, counts: countBySeverity(findings), formula: SCORE_FORMULA };
}

/** Worst first; within a severity, by check id then finding id, so the order is stable. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => severityRank[a.severity] - severityRank[b.severity] || a.checkId.localeCompare(b.checkId) || a.id.localeCompare(b.id));
}
