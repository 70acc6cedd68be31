import type { Finding } from '../../../shared/model/finding.ts';
import { EvidenceList, refText } from '../../components/Evidence.tsx';
import { FixButton } from '../../components/FixButton.tsx';
import { SeverityBadge } from '../../components/Health.tsx';
import type { FindingGroup } from './filter.ts';

/** One finding: a dense summary line; selecting it shows the explanation and the evidence in full. */
export function FindingRow({ finding, selected, onSelect }: { finding: Finding; selected: boolean; onSelect(id: string): void }) {
  const first = finding.evidence[0];
  return (
    <article
      className={`finding-row sev-${finding.severity}${selected ? ' selected' : ''}`}
      data-finding-id={finding.id}
      data-severity={finding.severity}
      data-check-id={finding.checkId}
      aria-current={selected ? 'true' : undefined}
      aria-label={finding.title}
    >
      {/* The whole line is clickable for the mouse; the title is the button for keyboards and screen readers. */}
      <div className="finding-summary" onClick={() => onSelect(finding.id)}>
        <SeverityBadge severity={finding.severity} />
        <div className="finding-main">
          <button
            type="button"
            className="finding-title"
            aria-expanded={selected}
            onClick={(e) => {
              e.stopPropagation();
              onSelect(finding.id);
            }}
          >
            {finding.title}
          </button>
          {!selected && <div className="finding-explanation clamp muted">{finding.explanation}</div>}
        </div>
        <span className="finding-meta mono muted">
          {finding.checkId}
          {first && (
            <>
              <br />
              {refText(first.ref)}
              {finding.evidence.length > 1 ? ` +${finding.evidence.length - 1}` : ''}
            </>
          )}
        </span>
        <FixButton finding={finding} />
      </div>
      {selected && (
        <div className="finding-details" data-testid="finding-details">
          <p className="finding-explanation">{finding.explanation}</p>
          {finding.edge && (
            <p className="small">
              Integration edge: <span className="mono">{finding.edge.consumer} → {finding.edge.provider}:{finding.edge.port}</span>
            </p>
          )}
          <EvidenceList evidence={finding.evidence} />
          <p className="muted small mono">{finding.id}</p>
        </div>
      )}
    </article>
  );
}

export function GroupHeader({ group, collapsed, onToggle }: { group: FindingGroup; collapsed: boolean; onToggle(key: string): void }) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of group.findings) counts[f.severity]++;
  return (
    <button
      type="button"
      className={`group-header sev-${group.worst}`}
      aria-expanded={!collapsed}
      data-group={group.key}
      onClick={() => onToggle(group.key)}
    >
      <span className="chevron" aria-hidden="true">
        {collapsed ? '▸' : '▾'}
      </span>
      <span className="group-name">{group.component}</span>
      <span className="muted small">{group.profile}</span>
      <span className="group-counts small">
        {counts.error > 0 && <span className="sev-text sev-error">{counts.error} error</span>}
        {counts.warning > 0 && <span className="sev-text sev-warning">{counts.warning} warning</span>}
        {counts.info > 0 && <span className="sev-text sev-info">{counts.info} info</span>}
      </span>
    </button>
  );
}
