import type { Change, FixPlan, ObjectRef } from '../../../shared/model/repair.ts';
import { DiffView } from '../../components/DiffView.tsx';
import { HealthDot } from '../../components/Health.tsx';

const refText = (r: ObjectRef) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;

/**
 * What a fix would do, before anything is written: every object change as a diff, the server's
 * dry-run verdict for each, the permissions it needs, and why it cannot be applied when it cannot.
 */
export function FixPlanView({ plan }: { plan: FixPlan }) {
  return (
    <div className="fix-plan" data-testid="fix-plan" data-appliable={plan.appliable}>
      <p className="small">{plan.explanation}</p>
      {!plan.appliable && (
        <p className="error-text" role="alert" data-testid="fix-blocked">
          Cannot be applied: {plan.blockedBy ?? 'the dry run or a permission check failed'}
        </p>
      )}
      {plan.undoNote && <p className="hint small">Undo: {plan.undoNote}</p>}
      <h3>
        {plan.changes.length} change{plan.changes.length === 1 ? '' : 's'}
      </h3>
      <ol className="change-list">
        {plan.changes.map((c, i) => (
          <ChangeItem key={`${refText(c.ref)}#${i}`} change={c} dryRun={plan.dryRun.find((d) => sameRef(d.ref, c.ref))} />
        ))}
      </ol>
      {plan.permissions.length > 0 && (
        <details className="details">
          <summary>Permissions needed ({plan.permissions.length})</summary>
          <ul className="plain-list mono small">
            {plan.permissions.map((p, i) => (
              <li key={i}>
                {p.verb} {p.resource}
                {p.subresource ? `/${p.subresource}` : ''}
                {p.group ? `.${p.group}` : ''}
                {p.namespace ? ` in ${p.namespace}` : ''}
                {p.name ? ` (${p.name})` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function sameRef(a: ObjectRef, b: ObjectRef): boolean {
  return a.kind === b.kind && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '') && a.apiVersion === b.apiVersion;
}

function ChangeItem({ change, dryRun }: { change: Change; dryRun: FixPlan['dryRun'][number] | undefined }) {
  return (
    <li className="change" data-action={change.action}>
      <div className="change-head">
        <span className="class-tag mono">{change.action}</span>
        <span className="mono">{refText(change.ref)}</span>
        {dryRun && (
          <span className="small nowrap" data-testid="dry-run" data-ok={dryRun.ok} title={dryRun.message}>
            <HealthDot health={dryRun.ok ? 'ok' : 'error'} label={dryRun.ok ? 'dry run passed' : 'dry run failed'} /> dry run{' '}
            {dryRun.ok ? 'ok' : 'failed'}
          </span>
        )}
      </div>
      {change.summary && <div className="small muted">{change.summary}</div>}
      {dryRun && !dryRun.ok && dryRun.message && <div className="error-text small">{dryRun.message}</div>}
      <DiffView diff={change.diff} label={`Diff of ${refText(change.ref)}`} />
    </li>
  );
}
