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
