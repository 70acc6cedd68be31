import type { Health, Topology } from '../../../shared/model/topology.ts';

export interface TopologyView {
  showPods: boolean;
  /** Only what is unhealthy (error or warning), plus its direct neighbours for context. */
  problemsOnly: boolean;
}

const bad = (h: Health) => h === 'error' || h === 'warning';

/** The part of the topology to draw; large stacks stay readable by hiding pods or healthy parts. */
export function visibleTopology(t: Topology, view: TopologyView): Topology {
  let nodes = view.showPods ? t.nodes : t.nodes.filter((n) => n.kind !== 'pods');
  if (view.problemsOnly) {
    const unhealthy = new Set(nodes.filter((n) => bad(n.health)).map((n) => n.id));
    const keep = new Set(unhealthy);
    for (const e of t.edges) {
      // An unhealthy edge keeps both ends; an unhealthy node keeps its direct neighbours (not theirs).
      if (bad(e.health) || unhealthy.has(e.source) || unhealthy.has(e.target)) {
        keep.add(e.source);
        keep.add(e.target);
      }
    }
    nodes = nodes.filter((n) => keep.has(n.id));
  }
  if (nodes.length === t.nodes.length) return t;
  const ids = new Set(nodes.map((n) => n.id));
  return { nodes, edges: t.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
}

/**
 * What stays in focus when something is selected: a node with its edges and their other ends, or
 * an edge with its two ends. Null when nothing (known) is selected.
 */
export function focusOf(t: Topology, nodeId: string | undefined, edgeId: string | undefined): { nodes: Set<string>; edges: Set<string> } | null {
  if (nodeId && t.nodes.some((n) => n.id === nodeId)) {
    const edges = t.edges.filter((e) => e.source === nodeId || e.target === nodeId);
    return { nodes: new Set([nodeId, ...edges.flatMap((e) => [e.source, e.target])]), edges: new Set(edges.map((e) => e.id)) };
  }
  const edge = edgeId ? t.edges.find((e) => e.id === edgeId) : undefined;
  if (edge) return { nodes: new Set([edge.source, edge.target]), edges: new Set([edge.id]) };
  return null;
}
