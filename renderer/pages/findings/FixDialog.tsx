import { useEffect, useState } from 'react';
import type { Finding } from '../../../shared/model/finding.ts';
import type { RepairProgress } from '../../../shared/model/repair.ts';
import { SeverityBadge } from '../../components/Health.tsx';
import { useInspection } from '../../state/inspection.ts';
import { useApplyFix, useFixPlan, useRepairProgress, useUndoFix } from '../../state/repair.ts';
import { useUi } from '../../state/ui.ts';
import { FixPlanView } from './FixPlanView.tsx';

/**
 * A repair, start to end: the plan (every change as a diff, with the server's dry run) is shown
 * first and nothing is written until Apply; the result says whether the finding is verified gone
 * and offers Undo from the journal entry it wrote.
 */
export function FixDialog({ findingId }: { findingId: string }) {
  const close = () => useUi.getState().closeFix();
  const inspection = useInspection();
  const context = inspection.context;
  const current = inspection.data?.report.findings.find((f) => f.id === findingId);
  // Keep the finding as it was when the dialog opened: a successful fix makes it disappear.
  const [finding, setFinding] = useState<Finding | undefined>(current);
  if (!finding && current) setFinding(current);

  const plan = useFixPlan(context, findingId);
  const apply = useApplyFix(context);
  const undo = useUndoFix(context);
  const applyProgress = useRepairProgress(plan.data?.planId);
  const entryId = apply.data?.entry.id;
  const undoProgress = useRepairProgress(entryId);
  const busy = apply.isPending || undo.isPending;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !busy) useUi.getState().closeFix();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy]);

  return (
    <div className="dialog-backdrop" onClick={busy ? undefined : close}>
      <div className="dialog wide" role="dialog" aria-label="Fix finding" data-testid="fix-dialog" onClick={(e) => e.stopPropagation()}>
        <header className="dialog-header">
          <h2>{plan.data?.title ?? 'Fix'}</h2>
          <button type="button" onClick={close} aria-label="Close" disabled={busy}>
            ×
          </button>
        </header>
        <div className="dialog-body">
          {finding ? (
            <p className="small">
              <SeverityBadge severity={finding.severity} /> {finding.title}{' '}
              <span className="muted mono" data-testid="fix-id">
                {finding.fixId}
              </span>
            </p>
          ) : (
            <p className="muted small">This finding is not in the current inspection.</p>
          )}
          {plan.isPending && <p className="muted">Planning: reading the objects and asking the API server for a dry run…</p>}
          {plan.isError && (
            <p className="error-text" role="alert">
              {plan.error.message}
            </p>
          )}
          {plan.data && !apply.data && <FixPlanView plan={plan.data} />}
          {apply.isPending && <Progress title="Applying" steps={applyProgress} />}
          {apply.isError && (
            <p className="error-text" role="alert" data-testid="fix-error">
              Not applied: {apply.error.message}
            </p>
          )}
          {apply.data && (
            <section data-testid="fix-result" data-verified={apply.data.verification.ok}>
              <p className={apply.data.verification.ok ? 'ok-text' : 'warning-text'}>
                {apply.data.verification.ok ? 'Applied and verified: ' : 'Applied, but the finding is still reported: '}
                {apply.data.verification.message}
              </p>
              <p className="small muted">
                Journal entry <span className="mono">{apply.data.entry.id}</span>
                {apply.data.entry.undoNote ? ` · ${apply.data.entry.undoNote}` : ''}
              </p>
              <Progress title="Steps" steps={applyProgress} />
            </section>
          )}
          {undo.isPending && <Progress title="Undoing" steps={undoProgress} />}
          {undo.isError && (
            <p className="error-text" role="alert">
              Not undone: {undo.error.message}
            </p>
          )}
          {undo.data && (
            <p className="ok-text" data-testid="undo-result">
              Undone (journal entry <span className="mono">{undo.data.id}</span>): {undo.data.verification.message}
            </p>
          )}
        </div>
        <footer className="dialog-actions">
          {apply.data && !undo.data && (
            <button type="button" onClick={() => entryId && undo.mutate(entryId)} disabled={busy}>
              Undo
            </button>
          )}
          {(plan.isError || apply.isError) && (
            <button type="button" onClick={() => (apply.reset(), void plan.refetch())} disabled={busy || plan.isFetching}>
              Plan again
            </button>
          )}
          <button type="button" onClick={close} disabled={busy}>
            {apply.data ? 'Done' : 'Cancel'}
          </button>
          {!apply.data && (
            <button
              type="button"
              className="primary"
              onClick={() => plan.data && apply.mutate(plan.data.planId)}
              disabled={!plan.data?.appliable || busy || apply.isError}
              title={plan.data && !plan.data.appliable ? plan.data.blockedBy : undefined}
            >
              {apply.isPending ? 'Applying…' : 'Apply'}
            </button>
          )}
        </footer>
      </div>
    </div>
  );
}

function Progress({ title, steps }: { title: string; steps: RepairProgress[] }) {
  if (steps.length === 0) return <p className="muted small">{title}…</p>;
  return (
    <ol className="progress-list" aria-label={title}>
      {steps.map((s, i) => (
        <li key={i}>
          <span className="mono muted">{s.phase}</span> {s.message}
          {s.step !== undefined && s.total !== undefined ? ` (${s.step}/${s.total})` : ''}
        </li>
      ))}
    </ol>
  );
}
