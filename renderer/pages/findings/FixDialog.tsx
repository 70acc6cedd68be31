import { useEffect } from 'react';
import { SeverityBadge } from '../../components/Health.tsx';
import { useInspection } from '../../state/inspection.ts';
import { useUi } from '../../state/ui.ts';

/**
 * The entry point of a repair: which finding, which fix. The plan (diff, dry run), apply and undo
 * are drawn here once the repair operations are part of the contract.
 */
export function FixDialog({ findingId }: { findingId: string }) {
  const close = () => useUi.getState().closeFix();
  const inspection = useInspection();
  const finding = inspection.data?.report.findings.find((f) => f.id === findingId);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && useUi.getState().closeFix();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="dialog-backdrop" onClick={close}>
      <div className="dialog" role="dialog" aria-label="Fix finding" data-testid="fix-dialog" onClick={(e) => e.stopPropagation()}>
        <header className="dialog-header">
          <h2>Fix</h2>
          <button type="button" onClick={close} aria-label="Close">
            ×
          </button>
        </header>
        {finding ? (
          <>
            <p>
              <SeverityBadge severity={finding.severity} /> <strong>{finding.title}</strong>
            </p>
            <dl className="facts">
              <dt>Finding</dt>
              <dd className="mono">{finding.id}</dd>
              <dt>Repair</dt>
              <dd className="mono" data-testid="fix-id">
                {finding.fixId}
              </dd>
            </dl>
            <p className="muted">
              The change plan (a diff of every object and a server-side dry run) is prepared by the repair service; nothing is
              written to the cluster until you apply it.
            </p>
          </>
        ) : (
          <p className="muted">This finding is no longer reported: the cluster changed since the dialog opened.</p>
        )}
      </div>
    </div>
  );
}
