import { useIsFetching } from '@tanstack/react-query';
import { useSelectedContext } from '../../state/inspection.ts';
import { connectionKey, useConnection, usePermissions, useRetryConnection } from '../../state/cluster.ts';
import { ConnectionPanel } from './ConnectionPanel.tsx';
import { PermissionsTable } from './PermissionsTable.tsx';

/** Can Groundcrew reach the selected cluster, as whom, and what may it do there. */
export function ClusterPage() {
  const { context, pending } = useSelectedContext();
  const connection = useConnection(context);
  const permissions = usePermissions(context);
  const retry = useRetryConnection();
  const retrying = useIsFetching({ queryKey: connectionKey(context) }) > 0;
  if (pending) return <p className="muted">Reading kubeconfig…</p>;
  if (!context) {
    return (
      <section className="panel">
        <h2>No context selected</h2>
        <p className="muted">Choose a kubeconfig context in the top bar.</p>
      </section>
    );
  }
  return (
    <div className="page">
      <header className="page-header">
        <h1>Cluster</h1>
        <span className="muted mono">{context}</span>
        <button type="button" className="page-action" onClick={() => void retry(context)} disabled={retrying}>
          {retrying ? 'Checking…' : 'Retry'}
        </button>
      </header>
      <ConnectionPanel query={connection} />
      <section className="panel" aria-label="Permissions">
        <h2>Permissions</h2>
        {permissions.isPending && <p className="muted">Asking the API server what this identity may do…</p>}
        {permissions.isError && (
          <p className="error-text" role="alert">
            {permissions.error.message}
          </p>
        )}
        {permissions.data && connection.data && !connection.data.ok ? (
          <p className="muted">Permissions can only be reviewed once the connection works.</p>
        ) : (
          permissions.data && <PermissionsTable report={permissions.data} />
        )}
      </section>
    </div>
  );
}
