import { z } from 'zod';
import { EvidenceRefSchema } from './finding.ts';

/** Health of a node or edge in the picture: its worst finding, or ok. */
export const HealthSchema = z.enum(['error', 'warning', 'info', 'ok', 'unknown']);
export type Health = z.infer<typeof HealthSchema>;

export const TopologyNodeSchema = z.object({
  id: z.string(),
  kind: z.enum(['component', 'service', 'ingress-host', 'route', 'pods', 'dns']),
  label: z.string(),
  /** Second line: namespace/name, port, replicas… */
  detail: z.string().optional(),
  profile: z.string().optional(),
  component: z.string().optional(),
  health: HealthSchema,
  findingIds: z.array(z.string()),
  ref: EvidenceRefSchema.optional(),
});
export type TopologyNode = z.infer<typeof TopologyNodeSchema>;

export const TopologyEdgeSchema = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  /** integration: consumer → provider:port from the profile; routing: host → route → service; selects: service → pods. */
  kind: z.enum(['integration', 'routing', 'selects']),
  label: z.string(),
  health: HealthSchema,
  findingIds: z.array(z.string()),
});
export type TopologyEdge = z.infer<typeof TopologyEdgeSchema>;

export const TopologySchema = z.object({
  nodes: z.array(TopologyNodeSchema),
  edges: z.array(TopologyEdgeSchema),
});
export type Topology = z.infer<typeof TopologySchema>;
