import { useContexts, useSelectContext } from '../../state/contexts.ts';

/** Every context from the kubeconfig files, with the one Groundcrew works on marked. */
export function HomePage() {
  const contexts = useContexts();
  const select = useSelectContext();
  if (contexts.isPending) return <p className="muted">Reading kubeconfig…</p>;
  if (contexts.isError) {
    return (
      <section className="panel error-panel" role="alert">
        <h2>The kubeconfig could not be read</h2>
        <p>{contexts.error.message}</p>
        <p className="muted">Fix the file named above; this page updates when it changes.</p>
      </section>
    );
  }
  const list = contexts.data;
  return (
    <section className="panel">
      <h2>Kubeconfig contexts</h2>
      <p className="muted">
        From {list.files.length ? list.files.join(', ') : 'no kubeconfig file'}. kubectl's current context:{' '}
        <strong>{list.kubeconfigCurrent ?? 'none'}</strong>.
      </p>
      {list.warnings.map((w) => (
        <p key={w} className="hint small" role="note">
          {w}
        </p>
      ))}
      <table className="table" aria-label="Contexts">
        <thead>
          <tr>
            <th>Name</th>
            <th>Cluster</th>
            <th>Server</th>
            <th>User</th>
            <th>Namespace</th>
            <th>File</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.contexts.map((c) => {
            const selected = c.name === list.selected;
            return (
              <tr key={c.name} data-context={c.name} aria-selected={selected} className={selected ? 'selected' : undefined}>
                <td>{c.name}</td>
                <td>{c.cluster}</td>
                <td className="mono">{c.server || '—'}</td>
                <td>{c.user}</td>
                <td>{c.namespace}</td>
                <td className="mono muted">{c.file}</td>
                <td>
                  {selected ? (
                    <span className="badge">in use</span>
                  ) : (
                    <button type="button" onClick={() => select.mutate(c.name)} disabled={select.isPending}>
                      Use
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
