import { z } from 'zod';
import { InspectionReportSchema } from './finding.ts';
import { TopologySchema } from './topology.ts';

/** What an inspection returns to the UI and CLI: the findings report and the topology picture. */
export const InspectionResultSchema = z.object({
  context: z.string(),
  report: InspectionReportSchema,
  topology: TopologySchema,
});
export type InspectionResult = z.infer<typeof InspectionResultSchema>;
