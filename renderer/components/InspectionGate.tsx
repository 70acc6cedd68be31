import type { ReactNode } from 'react';
import { useConnection } from '../state/cluster.ts';
import { useInspection, useLiveStatus, type Inspection } from '../state/inspection.ts';
import { hrefOf } from '../state/ui.ts';

/**
 * Loading, no-context and error states shared by the inspection pages; renders `children` with
 * the inspection once there is one. A failed refresh keeps showing the last good data.
 */
export function InspectionGate({ children }: { children: (inspection: Inspection) => ReactNode }) {
  const inspection = useInspection();
  const connection = useConnection(inspection.context);
  if (inspection.contextPending) return <p className="muted">Reading kubeconfig…</p>;
  if (!inspection.context) {
    return (
      <section className="panel">
        <h2>No context selected</h2>
        <p className="muted">Choose a kubeconfig context in the top bar to inspect its cluster.</p>
      </section>
    );
  }
  // An unreachable cluster inspects as an empty one: say why instead of showing a perfect score.
  if (connection.data && !connection.data.ok) {
    return (
      <section className="panel error-panel" role="alert" data-testid="not-connected">
        <h2>Cannot reach {inspection.context}</h2>
        <p className="error-text">{connection.data.message}</p>
        {connection.data.hint && <p className="hint">{connection.data.hint}</p>}
        <p className="small">
          <a href={hrefOf('cluster')}>Cluster</a> shows the full diagnosis.{' '}
          <button
            type="button"
            onClick={() => {
              inspection.restartLive();
              void Promise.all([connection.refetch(), inspection.refetch()]);
            }}
            disabled={connection.isFetching}
          >
            {connection.isFetching ? 'Checking…' : 'Retry'}
          </button>
        </p>
      </section>
    );
  }
  if (inspection.data) return <>{children(inspection.data)}</>;
  if (inspection.isError) {
    return (
      <section className="panel error-panel" role="alert">
        <h2>Inspection of {inspection.context} failed</h2>
        <p>{inspection.error.message}</p>
        <p className="muted">The Cluster page diagnoses the connection and shows what this identity may read.</p>
        <button
          type="button"
          onClick={() => {
            inspection.restartLive();
            void inspection.refetch();
          }}
        >
          Retry
        </button>
      </section>
    );
  }
  return <p className="muted">Inspecting {inspection.context}…</p>;
}

/** "Live · 12:03:04" or why not, next to a page title. */
export function LiveBadge({ capturedAt }: { capturedAt: string }) {
  const status = useLiveStatus();
  const { restartLive } = useInspection();
  const time = new Date(capturedAt).toLocaleTimeString();
  if (status.state === 'error') {
    return (
      <button type="button" className="live-badge live-error" title={`${status.message ?? ''} (click to reconnect)`} data-testid="live-status" onClick={restartLive}>
        Live updates stopped · captured {time} · Reconnect
      </button>
    );
  }
  return (
    <span className={`live-badge live-${status.state}`} data-testid="live-status" title={`Captured ${capturedAt}`}>
      {status.state === 'live' ? 'Live' : 'Connecting'} · {time}
    </span>
  );
}
