import { useState } from 'react';
import type { JournalEntry } from '../../../shared/model/repair.ts';
import { HealthDot } from '../../components/Health.tsx';
import { useSelectedContext } from '../../state/inspection.ts';
import { useJournal, useUndoFix } from '../../state/repair.ts';
import { hrefOf } from '../../state/ui.ts';

/** Every change Groundcrew made to this cluster, newest first, from this workstation and the cluster's copy; each can be undone. */
export function JournalPage() {
  const { context, pending } = useSelectedContext();
  const journal = useJournal(context);
  const undo = useUndoFix(context);
  const [undoing, setUndoing] = useState<string | null>(null);
  if (pending) return <p className="muted">Reading kubeconfig…</p>;
  if (!context) return <p className="panel muted">Choose a kubeconfig context in the top bar.</p>;
  const entries = [...(journal.data?.entries ?? [])].sort((a, b) => b.at.localeCompare(a.at));
  const byId = new Map(entries.map((e) => [e.id, e]));
  return (
    <div className="page">
      <header className="page-header">
        <h1>Journal</h1>
        <span className="muted mono">{context}</span>
        <button type="button" className="page-action" onClick={() => void journal.refetch()} disabled={journal.isFetching}>
          {journal.isFetching ? 'Reading…' : 'Refresh'}
        </button>
      </header>
      {journal.isError && (
        <p className="panel error-panel error-text" role="alert">
          {journal.error.message}
        </p>
      )}
      {journal.data?.warnings.map((w) => (
        <p key={w} className="hint small">
          {w}
        </p>
      ))}
      {undo.isError && (
        <p className="error-text" role="alert" data-testid="journal-undo-error">
          Not undone: {undo.error.message}
        </p>
      )}
      <section className="panel" aria-label="Journal entries">
        {journal.isPending ? (
          <p className="muted">Reading the journal…</p>
        ) : entries.length === 0 ? (
          <p className="muted">No changes recorded for this context yet. Fixes applied from Findings appear here.</p>
        ) : (
          <table className="table compact" aria-label="Journal">
            <thead>
              <tr>
                <th>When</th>
                <th>Change</th>
                <th>Objects</th>
                <th>By</th>
                <th>Verified</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <Row
                  key={e.id}
                  entry={e}
                  undoneBy={e.undoneBy ? byId.get(e.undoneBy) : undefined}
                  busy={undo.isPending && undoing === e.id}
                  disabled={undo.isPending}
                  onUndo={() => {
                    setUndoing(e.id);
                    undo.mutate(e.id);
                  }}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function Row({ entry: e, undoneBy, busy, disabled, onUndo }: { entry: JournalEntry; undoneBy?: JournalEntry; busy: boolean; disabled: boolean; onUndo(): void }) {
  return (
    <tr data-entry-id={e.id} data-undo-of={e.undoOf} data-undone={e.undoneBy ? 'true' : 'false'}>
      <td className="nowrap" title={e.at}>
        {new Date(e.at).toLocaleString()}
      </td>
      <td>
        <div>{e.title}</div>
        <div className="muted small mono">
          <a href={hrefOf('findings', { id: e.findingId })}>{e.findingId}</a>
        </div>
      </td>
      <td className="mono small">
        {e.changes.map((c, i) => (
          <div key={i}>
            {c.action} {c.ref.kind} {c.ref.namespace ? `${c.ref.namespace}/` : ''}
            {c.ref.name}
          </div>
        ))}
      </td>
      <td className="small">
        {e.user.kube ?? e.user.os}
        <div className="muted">
          {e.user.os}@{e.host}
        </div>
      </td>
      <td className="small" title={e.verification.message}>
        <HealthDot health={e.verification.ok ? 'ok' : 'warning'} label={e.verification.ok ? 'verified' : 'not verified'} /> {e.verification.ok ? 'yes' : 'no'}
      </td>
      <td className="nowrap">
        {e.undoOf ? null : e.undoneBy ? (
          <span className="muted small" title={undoneBy ? `${undoneBy.id} at ${undoneBy.at}` : e.undoneBy}>
            undone
          </span>
        ) : (
          <button type="button" onClick={onUndo} disabled={disabled} title={e.undoNote}>
            {busy ? 'Undoing…' : 'Undo'}
          </button>
        )}
      </td>
    </tr>
  );
}
