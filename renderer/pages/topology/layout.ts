import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { Topology, TopologyEdge } from '../../../shared/model/topology.ts';

/** Every node is drawn at this size, so the layout can be computed before anything is on screen. */
export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 46;

// The bundled build runs ELK in this thread: no worker script to load, nothing for the CSP to allow.
const elk = new ELK();

export interface Point {
  x: number;
  y: number;
}
/** An edge as ELK routed it: orthogonal bend points, and where its label goes (clear of nodes and other labels). */
export interface EdgeRoute {
  points: Point[];
  label?: Point;
}
export interface Layout {
  positions: Map<string, Point>;
  routes: Map<string, EdgeRoute>;
}

/** What the layout depends on: which nodes and edges exist and their labels, not their health. */
export function layoutSignature(t: Topology): string {
  return JSON.stringify([t.nodes.map((n) => n.id), t.edges.map((e) => [e.id, e.source, e.target, e.label])]);
}

/** Edges whose ends both exist (ELK rejects a graph with dangling edges). */
export function drawableEdges(t: Topology): Topology['edges'] {
  const ids = new Set(t.nodes.map((n) => n.id));
  return t.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
}

/** Which edges carry a visible label; `selects` (service → pods) stays unlabelled to keep the picture quiet. */
export const showsLabel = (e: TopologyEdge) => e.label !== '' && e.kind !== 'selects';

const LABEL_CHARS = 26;
const clip = (text: string) => (text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text);

/**
 * An edge label as drawn: "port · purpose" on two short lines (port, then purpose), each clipped, so
 * long purposes do not widen every layer they cross. The full text stays in the tooltip and panel.
 */
export function labelLines(label: string): string[] {
  const at = label.indexOf(' · ');
  const lines = at < 0 ? [label] : [label.slice(0, at), label.slice(at + 3)];
  return lines.filter((l) => l !== '').map(clip);
}

// Label chips are 10.5px system-ui, 13px a line; a generous per-character width keeps them apart.
const labelSize = (text: string) => {
  const lines = labelLines(text);
  return { width: Math.ceil(Math.max(...lines.map((l) => l.length)) * 6.1) + 24, height: lines.length * 13 + 6 };
};

/** Left-to-right layered layout: ingress hosts → routes → services → components → pods. */
export async function layoutTopology(t: Topology): Promise<Layout> {
  const edges: ElkExtendedEdge[] = drawableEdges(t).map((e) => ({
    id: e.id,
    sources: [e.source],
    targets: [e.target],
    ...(showsLabel(e) ? { labels: [{ id: `${e.id}#label`, text: e.label, ...labelSize(e.label) }] } : {}),
  }));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '44',
      'elk.layered.spacing.edgeNodeBetweenLayers': '14',
      'elk.layered.spacing.edgeEdgeBetweenLayers': '8',
      'elk.spacing.nodeNode': '14',
      'elk.spacing.edgeNode': '12',
      'elk.spacing.edgeEdge': '8',
      'elk.spacing.edgeLabel': '2',
      'elk.spacing.componentComponent': '36',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: t.nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges,
  };
  const laid = await elk.layout(graph);
  const positions = new Map<string, Point>();
  for (const child of laid.children ?? []) positions.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  const routes = new Map<string, EdgeRoute>();
  for (const edge of laid.edges ?? []) {
    const section = edge.sections?.[0];
    if (!section) continue;
    const label = edge.labels?.[0];
    routes.set(edge.id, {
      points: [section.startPoint, ...(section.bendPoints ?? []), section.endPoint],
      ...(label && label.x !== undefined && label.y !== undefined
        ? { label: { x: label.x + (label.width ?? 0) / 2, y: label.y + (label.height ?? 0) / 2 } }
        : {}),
    });
  }
  return { positions, routes };
}

/** An orthogonal polyline with rounded corners, as an SVG path. */
export function roundedPath(points: Point[], radius = 6): string {
  if (points.length === 0) return '';
  const first = points[0]!;
  let d = `M ${first.x} ${first.y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const prev = points[i - 1]!;
    const cur = points[i]!;
    const next = points[i + 1]!;
    const r = Math.min(radius, Math.hypot(cur.x - prev.x, cur.y - prev.y) / 2, Math.hypot(next.x - cur.x, next.y - cur.y) / 2);
    const inX = cur.x - Math.sign(cur.x - prev.x) * r;
    const inY = cur.y - Math.sign(cur.y - prev.y) * r;
    const outX = cur.x + Math.sign(next.x - cur.x) * r;
    const outY = cur.y + Math.sign(next.y - cur.y) * r;
    d += ` L ${inX} ${inY} Q ${cur.x} ${cur.y} ${outX} ${outY}`;
  }
  const last = points[points.length - 1]!;
  return `${d} L ${last.x} ${last.y}`;
}
