import type { Evidence, EvidenceRef } from '../../shared/model/finding.ts';

/** `apps/Deployment default/tt-frontend`, the way kubectl users read an object. */
export function refText(ref: EvidenceRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/** The objects a finding is based on, each with the excerpt that was seen (monospace, verbatim). */
export function EvidenceList({ evidence }: { evidence: Evidence[] }) {
  if (evidence.length === 0) return <p className="muted small">No object evidence (cluster-level check).</p>;
  return (
    <ul className="evidence" aria-label="Evidence">
      {evidence.map((e, i) => (
        <li key={`${refText(e.ref)}#${e.path ?? ''}#${i}`}>
          <div className="evidence-ref">
            <span className="mono">{refText(e.ref)}</span>
            {e.path && <span className="mono muted"> · {e.path}</span>}
          </div>
          {e.excerpt && <pre className="excerpt">{e.excerpt}</pre>}
        </li>
      ))}
    </ul>
  );
}
