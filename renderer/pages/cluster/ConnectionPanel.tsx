import type { UseQueryResult } from '@tanstack/react-query';
import type { ConnectionDiagnosis } from '../../../shared/model/connection.ts';
import { HealthDot } from '../../components/Health.tsx';

/** The diagnosis of one context: connected or why not, and what to do about it. */
export function ConnectionPanel({ query }: { query: UseQueryResult<ConnectionDiagnosis, Error> }) {
  if (query.isPending) {
    return (
      <section className="panel" aria-label="Connection">
        <h2>Connection</h2>
        <p className="muted">Connecting…</p>
      </section>
    );
  }
  if (query.isError) {
    return (
      <section className="panel error-panel" aria-label="Connection" role="alert">
        <h2>Connection</h2>
        <p>The diagnosis itself failed: {query.error.message}</p>
      </section>
    );
  }
  const d = query.data;
  return (
    <section className={`panel ${d.ok ? '' : 'error-panel'}`} aria-label="Connection" data-testid="connection" data-class={d.class}>
      <h2 className="with-dot">
        <HealthDot health={d.ok ? 'ok' : 'failing'} label={d.ok ? 'connected' : 'not connecting'} />
        {d.ok ? 'Connected' : 'Not connecting'}
        <span className="class-tag mono">{d.class}</span>
      </h2>
      <p className={d.ok ? undefined : 'error-text'} data-testid="connection-message">
        {d.message}
      </p>
      {d.hint && (
        <p className="hint" data-testid="connection-hint">
          {d.hint}
        </p>
      )}
      <dl className="facts">
        <dt>Server</dt>
        <dd className="mono">{d.server || '—'}</dd>
        <dt>Server version</dt>
        <dd>{d.serverVersion ?? '—'}</dd>
        <dt>Identity</dt>
        <dd>
          {d.identity ? (
            <>
              <span className="mono">{d.identity.username}</span>
              {d.identity.groups.length > 0 && <span className="muted"> · groups {d.identity.groups.join(', ')}</span>}
            </>
          ) : (
            '—'
          )}
        </dd>
        <dt>Round trip</dt>
        <dd>{d.roundTripMs !== undefined ? `${Math.round(d.roundTripMs)} ms` : '—'}</dd>
        <dt>Checked</dt>
        <dd>{new Date(query.dataUpdatedAt).toLocaleTimeString()}</dd>
      </dl>
    </section>
  );
}
