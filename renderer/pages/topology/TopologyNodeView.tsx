import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { TopologyNode } from '../../../shared/model/topology.ts';

export type GcNode = Node<{ node: TopologyNode }, 'gc'>;

const kindLabels: Record<TopologyNode['kind'], string> = {
  component: 'component',
  service: 'service',
  'ingress-host': 'host',
  route: 'route',
  pods: 'pods',
  dns: 'dns',
};

/** A box with its kind, name and second line; the left stripe carries its health. */
export function TopologyNodeView({ data, selected }: NodeProps<GcNode>) {
  const n = data.node;
  return (
    <div
      className={`topo-node sev-${n.health} kind-${n.kind}${selected ? ' selected' : ''}`}
      data-node-id={n.id}
      data-health={n.health}
      title={`${n.label}${n.detail ? `\n${n.detail}` : ''}\n${n.findingIds.length} finding(s)`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="topo-node-head">
        <span className="topo-kind">{kindLabels[n.kind]}</span>
        {n.findingIds.length > 0 && <span className="topo-count">{n.findingIds.length}</span>}
      </div>
      <div className="topo-label">{n.label}</div>
      {n.detail && <div className="topo-detail mono">{n.detail}</div>}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}
