import { useCallback, useEffect, useMemo, useState } from 'react';
import { Background, Controls, MarkerType, MiniMap, ReactFlow, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { Finding, InspectionReport } from '../../../shared/model/finding.ts';
import type { Topology } from '../../../shared/model/topology.ts';
import { InspectionGate, LiveBadge } from '../../components/InspectionGate.tsx';
import { useUi } from '../../state/ui.ts';
import { EvidencePanel, type Selection } from './EvidencePanel.tsx';
import { focusOf, visibleTopology } from './visible.ts';
import { drawableEdges, layoutSignature, layoutTopology, NODE_HEIGHT, NODE_WIDTH, type Layout, type Point } from './layout.ts';
import { TopologyEdgeView, type GcEdge } from './TopologyEdgeView.tsx';
import { TopologyNodeView, type GcNode } from './TopologyNodeView.tsx';

/** Components, services, hosts, routes and pods with the edges between them, coloured by health. */
export function TopologyPage() {
  return <InspectionGate>{({ report, topology }) => <TopologyView report={report} topology={topology} />}</InspectionGate>;
}

const nodeTypes = { gc: TopologyNodeView };
const edgeTypes = { gc: TopologyEdgeView };
const healthColor = (health: string) => `var(--c-${health})`;

/** Lays out once per structure: a live update that only changes health keeps every node in place. */
function useLayout(topology: Topology): { layout: Layout | null; error: string | null } {
  const signature = layoutSignature(topology);
  const [state, setState] = useState<{ layout: Layout | null; error: string | null }>({ layout: null, error: null });
  useEffect(() => {
    let cancelled = false;
    layoutTopology(topology).then(
      (layout) => !cancelled && setState({ layout, error: null }),
      (err: unknown) => !cancelled && setState({ layout: null, error: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      cancelled = true;
    };
    // The signature stands for the structure of `topology`; health changes must not relayout.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature]);
  return state;
}

function TopologyView({ report, topology }: { report: InspectionReport; topology: Topology }) {
  const params = useUi((s) => s.params);
  const replaceParams = useUi((s) => s.replaceParams);
  const [showPods, setShowPods] = useState(true);
  const [problemsOnly, setProblemsOnly] = useState(false);
  const shown = useMemo(() => visibleTopology(topology, { showPods, problemsOnly }), [topology, showPods, problemsOnly]);
  // The canvas stays mounted across relayouts: nodes move, the user's zoom and pan stay.
  const { layout, error } = useLayout(shown);

  const selectEdge = useCallback((id: string) => replaceParams({ edge: id }), [replaceParams]);
  const selectNode = useCallback((id: string) => replaceParams({ node: id }), [replaceParams]);
  const clear = useCallback(() => replaceParams({}), [replaceParams]);

  const nodeById = useMemo(() => new Map(topology.nodes.map((n) => [n.id, n])), [topology.nodes]);
  const findingById = useMemo(() => new Map(report.findings.map((f) => [f.id, f])), [report.findings]);

  // With a node or edge selected, what it touches stays bright and the rest recedes.
  const focus = useMemo(() => focusOf(shown, params.node, params.edge), [shown, params.node, params.edge]);

  const nodes = useMemo<GcNode[]>(() => {
    if (!layout) return [];
    return shown.nodes.map((n) => ({
      id: n.id,
      type: 'gc',
      position: layout.positions.get(n.id) ?? { x: 0, y: 0 },
      // Fixed sizes (the layout used them): the minimap and fitView need no measuring pass.
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      data: { node: n },
      selected: params.node === n.id,
      className: `sev-${n.health}${focus && !focus.nodes.has(n.id) ? ' dim' : ''}`,
    }));
  }, [shown.nodes, layout, params.node, focus]);
  const edges = useMemo<GcEdge[]>(
    () =>
      drawableEdges(shown).map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        type: 'gc',
        data: { edge: e, route: layout?.routes.get(e.id), onSelect: selectEdge, dim: focus !== null && !focus.edges.has(e.id) },
        selected: params.edge === e.id,
        markerEnd: { type: MarkerType.ArrowClosed, color: healthColor(e.health), width: 16, height: 16 },
      })),
    [shown, layout, params.edge, selectEdge, focus],
  );

  const selection = useMemo<Selection | null>(() => {
    if (params.node) {
      const node = nodeById.get(params.node);
      return node ? { type: 'node', node } : null;
    }
    if (params.edge) {
      const edge = topology.edges.find((e) => e.id === params.edge);
      return edge ? { type: 'edge', edge, source: nodeById.get(edge.source), target: nodeById.get(edge.target) } : null;
    }
    return null;
  }, [params.node, params.edge, nodeById, topology.edges]);
  const selectionFindings = useMemo<Finding[]>(() => {
    if (!selection) return [];
    const ids = selection.type === 'node' ? selection.node.findingIds : selection.edge.findingIds;
    return ids.map((id) => findingById.get(id)).filter((f): f is Finding => f !== undefined);
  }, [selection, findingById]);

  // Where the selection sits on the canvas: a node's centre, or an edge's label (or middle bend).
  const selectionPoint = useMemo<Point | null>(() => {
    if (!layout || !selection) return null;
    if (selection.type === 'node') {
      const p = layout.positions.get(selection.node.id);
      return p ? { x: p.x + NODE_WIDTH / 2, y: p.y + NODE_HEIGHT / 2 } : null;
    }
    const route = layout.routes.get(selection.edge.id);
    return route ? (route.label ?? route.points[Math.floor(route.points.length / 2)] ?? null) : null;
  }, [layout, selection]);

  const unhealthy = topology.nodes.filter((n) => n.health === 'error' || n.health === 'warning').length;
  const badEdges = topology.edges.filter((e) => e.health === 'error' || e.health === 'warning').length;

  return (
    <div className="page page-fill">
      <header className="page-header">
        <h1>Topology</h1>
        <span className="muted">
          {topology.nodes.length} nodes, {topology.edges.length} edges · {unhealthy} unhealthy nodes, {badEdges} unhealthy edges
        </span>
        <LiveBadge capturedAt={report.capturedAt} />
        <span className="toolbar-spacer" />
        <label className="check">
          <input type="checkbox" checked={problemsOnly} onChange={(e) => setProblemsOnly(e.target.checked)} /> Problems and neighbours only
        </label>
        <label className="check">
          <input type="checkbox" checked={showPods} onChange={(e) => setShowPods(e.target.checked)} /> Pods
        </label>
        <Legend />
      </header>
      <div className={`topology-area${selection ? ' with-panel' : ''}`}>
        <div className="topology-canvas" data-testid="topology">
          {error && (
            <p className="error-text" role="alert">
              Layout failed: {error}
            </p>
          )}
          {!layout && !error && <p className="muted">Laying out {shown.nodes.length} nodes…</p>}
          {layout && (
            <ReactFlow<GcNode, GcEdge>
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              onNodeClick={(_, n) => selectNode(n.id)}
              onEdgeClick={(_, e) => selectEdge(e.id)}
              onPaneClick={clear}
              nodesDraggable={false}
              nodesConnectable={false}
              edgesFocusable
              fitView
              fitViewOptions={{ padding: 0.06, maxZoom: 1.1 }}
              minZoom={0.1}
              maxZoom={2}
              colorMode="system"
              proOptions={{ hideAttribution: true }}
            >
              <Background gap={24} size={1} />
              <Controls showInteractive={false} />
              <FitOnLayout layout={layout} />
              <FollowSelection point={selectionPoint} />
              <MiniMap pannable zoomable nodeClassName={(n) => `sev-${(n as GcNode).data.node.health}`} />
            </ReactFlow>
          )}
        </div>
        {selection && <EvidencePanel selection={selection} findings={selectionFindings} onClose={clear} />}
      </div>
    </div>
  );
}

/** Fits the whole picture whenever it is laid out anew; the user's zoom and pan are left alone otherwise. */
function FitOnLayout({ layout }: { layout: Layout }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const frame = requestAnimationFrame(() => void fitView({ padding: 0.06, maxZoom: 1.1, duration: 200 }));
    return () => cancelAnimationFrame(frame);
  }, [layout, fitView]);
  return null;
}

/**
 * Keeps the selected node or edge on screen: opening the side panel narrows the canvas, and a deep
 * link may select something outside the view. Pans only when needed, at the current zoom.
 */
function FollowSelection({ point }: { point: Point | null }) {
  const { getViewport, setCenter } = useReactFlow();
  const x = point?.x;
  const y = point?.y;
  useEffect(() => {
    if (x === undefined || y === undefined) return;
    // After the browser has applied the canvas's new width.
    const frame = requestAnimationFrame(() => {
      const canvas = document.querySelector('.topology-canvas .react-flow');
      if (!canvas) return;
      const { width, height } = canvas.getBoundingClientRect();
      const v = getViewport();
      const sx = x * v.zoom + v.x;
      const sy = y * v.zoom + v.y;
      // Room for a node's half width and a bit of what it connects to on either side.
      const mx = Math.min(160, width / 4);
      const my = Math.min(80, height / 4);
      if (sx < mx || sx > width - mx || sy < my || sy > height - my) void setCenter(x, y, { zoom: v.zoom, duration: 200 });
    });
    return () => cancelAnimationFrame(frame);
  }, [x, y, getViewport, setCenter]);
  return null;
}

function Legend() {
  return (
    <span className="legend small" aria-label="Legend">
      {(['error', 'warning', 'info', 'ok', 'unknown'] as const).map((h) => (
        <span key={h} className={`legend-item sev-${h}`}>
          <span className="swatch" /> {h}
        </span>
      ))}
    </span>
  );
}
