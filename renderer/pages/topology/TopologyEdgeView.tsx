import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import type { TopologyEdge } from '../../../shared/model/topology.ts';
import { labelLines, roundedPath, showsLabel, type EdgeRoute } from './layout.ts';

export type GcEdge = Edge<{ edge: TopologyEdge; route: EdgeRoute | undefined; onSelect(id: string): void; dim: boolean }, 'gc'>;

/**
 * An edge coloured by health, drawn along the route ELK computed (so labels never sit on top of
 * each other). Integration and routing edges carry their label (port and purpose, or path) as a
 * clickable chip.
 */
export function TopologyEdgeView(props: EdgeProps<GcEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, selected, data } = props;
  if (!data) return null;
  const e = data.edge;
  let path: string;
  let labelX: number;
  let labelY: number;
  if (data.route && data.route.points.length >= 2) {
    path = roundedPath(data.route.points);
    const mid = data.route.points[Math.floor(data.route.points.length / 2)]!;
    labelX = data.route.label?.x ?? mid.x;
    labelY = data.route.label?.y ?? mid.y;
  } else {
    [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  }
  const cls = `sev-${e.health} kind-${e.kind}${selected ? ' selected' : ''}${data.dim ? ' dim' : ''}`;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={`topo-edge ${cls}`} interactionWidth={14} data-edge-id={e.id} />
      {showsLabel(e) && (
        <EdgeLabelRenderer>
          <div
            className={`topo-edge-label nodrag nopan ${cls}`}
            data-edge-id={e.id}
            role="button"
            tabIndex={0}
            aria-label={`Edge ${e.label}`}
            title={e.label}
            // React sets style through the CSSOM, which the no-inline-style CSP allows.
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            onClick={() => data.onSelect(e.id)}
            onKeyDown={(ev) => ev.key === 'Enter' && data.onSelect(e.id)}
          >
            {labelLines(e.label).map((line, i) => (
              <span key={i} className={i === 0 ? 'edge-line-main' : 'edge-line-sub'}>
                {line}
                {i === 0 && e.findingIds.length > 0 && <span className="topo-count">{e.findingIds.length}</span>}
              </span>
            ))}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
