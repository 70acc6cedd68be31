import type { Finding } from '../../../shared/model/finding.ts';
import type { TopologyEdge, TopologyNode } from '../../../shared/model/topology.ts';
import { EvidenceList, refText } from '../../components/Evidence.tsx';
import { FixButton } from '../../components/FixButton.tsx';
import { SeverityBadge } from '../../components/Health.tsx';
import { hrefOf } from '../../state/ui.ts';

export type Selection = { type: 'node'; node: TopologyNode } | { type: 'edge'; edge: TopologyEdge; source?: TopologyNode; target?: TopologyNode };

/** The side panel: what was clicked, and every finding on it with its evidence. */
export function EvidencePanel({ selection, findings, onClose }: { selection: Selection; findings: Finding[]; onClose(): void }) {
  const item = selection.type === 'node' ? selection.node : selection.edge;
  return (
    <aside className="evidence-panel" data-testid="evidence-panel" aria-label="Evidence">
      <header className="evidence-panel-header">
        <div>
          <div className="muted small">{selection.type === 'node' ? selection.node.kind : `${selection.edge.kind} edge`}</div>
          <h2>
            <SeverityBadge severity={item.health} /> {item.label}
          </h2>
        </div>
        <button type="button" onClick={onClose} aria-label="Close evidence">
          ×
        </button>
      </header>
      {selection.type === 'node' ? (
        <dl className="facts small">
          {selection.node.detail && (
            <>
              <dt>Detail</dt>
              <dd className="mono">{selection.node.detail}</dd>
            </>
          )}
          {selection.node.profile && (
            <>
              <dt>Component</dt>
              <dd>
                {selection.node.profile}/{selection.node.component ?? '—'}
              </dd>
            </>
          )}
          {selection.node.ref && (
            <>
              <dt>Object</dt>
              <dd className="mono">{refText(selection.node.ref)}</dd>
            </>
          )}
        </dl>
      ) : (
        <dl className="facts small">
          <dt>From</dt>
          <dd>{selection.source?.label ?? selection.edge.source}</dd>
          <dt>To</dt>
          <dd>{selection.target?.label ?? selection.edge.target}</dd>
        </dl>
      )}
      {findings.length === 0 ? (
        <p className="ok-text small">No findings here: every check on it passed.</p>
      ) : (
        <ul className="panel-findings">
          {findings.map((f) => (
            <li key={f.id} data-finding-id={f.id}>
              <div className="panel-finding-title">
                <SeverityBadge severity={f.severity} />
                <strong>{f.title}</strong>
              </div>
              <p className="small">{f.explanation}</p>
              <EvidenceList evidence={f.evidence} />
              <div className="panel-finding-actions">
                <a href={hrefOf('findings', { id: f.id })}>Open in Findings</a>
                <FixButton finding={f} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
