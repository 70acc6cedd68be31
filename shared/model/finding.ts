import { z } from 'zod';

/**
 * What an inspection reports. Findings cross the contract (UI, CLI --json, support bundles),
 * so their shape lives here as a schema; the checks that produce them live in electron/core/inspect.
 */

export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

/** Worst first: used to sort findings and to pick a component's worst severity. */
export const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export const EvidenceRefSchema = z.object({
  /** A kind key as the ClusterView spells it: "Pod", "apps/Deployment", "cert-manager.io/Certificate". */
  kind: z.string(),
  namespace: z.string().optional(),
  name: z.string(),
});
export type EvidenceRef = z.infer<typeof EvidenceRefSchema>;

export const EvidenceSchema = z.object({
  ref: EvidenceRefSchema,
  /** A short YAML or text excerpt of what was seen. Never holds Secret values. */
  excerpt: z.string().optional(),
  /** Field path inside the object the excerpt comes from, e.g. "spec.ports[0].targetPort". */
  path: z.string().optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const FindingEdgeSchema = z.object({
  consumer: z.string(),
  provider: z.string(),
  /** Port name or number on the provider, as the profile names it. */
  port: z.string(),
});
export type FindingEdge = z.infer<typeof FindingEdgeSchema>;

export const FindingSchema = z.object({
  /** Stable across runs: `<checkId>/<namespace or _>/<object name>[/<detail>]`. */
  id: z.string(),
  checkId: z.string(),
  severity: SeveritySchema,
  /** The stack profile the finding belongs to, e.g. "tracetest-onprem". */
  profile: z.string(),
  /** A profile component id, or a cluster-level area ("dns", "cert-manager", "ingress"). */
  component: z.string(),
  title: z.string(),
  explanation: z.string(),
  evidence: z.array(EvidenceSchema),
  /** Name of the repair that can fix this (implemented by the repair module), e.g. "service.fix-target-port". */
  fixId: z.string().optional(),
  edge: FindingEdgeSchema.optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

export const SeverityCountsSchema = z.object({
  error: z.number().int().nonnegative(),
  warning: z.number().int().nonnegative(),
  info: z.number().int().nonnegative(),
});
export type SeverityCounts = z.infer<typeof SeverityCountsSchema>;

export const ComponentScoreSchema = z.object({
  profile: z.string(),
  component: z.string(),
  score: z.number().min(0).max(100),
  counts: SeverityCountsSchema,
});
export type ComponentScore = z.infer<typeof ComponentScoreSchema>;

export const GradeSchema = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);
export type Grade = z.infer<typeof GradeSchema>;

export const ScoreSchema = z.object({
  overall: z.number().min(0).max(100),
  grade: GradeSchema,
  components: z.array(ComponentScoreSchema),
  counts: SeverityCountsSchema,
  /** The formula in words, for the UI to show next to the number. */
  formula: z.string(),
});
export type Score = z.infer<typeof ScoreSchema>;

export const DetectedComponentSchema = z.object({
  id: z.string(),
  namespace: z.string(),
  /** Workload name when found, otherwise the name the profile expects. */
  name: z.string(),
  found: z.boolean(),
});
export type DetectedComponent = z.infer<typeof DetectedComponentSchema>;

export const DetectedInstallationSchema = z.object({
  profile: z.string(),
  namespace: z.string(),
  /** Placeholder bindings, e.g. { release: "tt", deps: "ttdeps" }. */
  releases: z.record(z.string(), z.string()),
  components: z.array(DetectedComponentSchema),
  /** Why we believe it is installed, e.g. "apps/Deployment default/tt-tracetest-cloud". */
  evidence: z.array(z.string()),
});
export type DetectedInstallation = z.infer<typeof DetectedInstallationSchema>;

export const InspectionReportSchema = z.object({
  capturedAt: z.string(),
  installations: z.array(DetectedInstallationSchema),
  findings: z.array(FindingSchema),
  score: ScoreSchema,
  counts: SeverityCountsSchema,
});
export type InspectionReport = z.infer<typeof InspectionReportSchema>;
