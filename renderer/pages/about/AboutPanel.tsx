import { useQuery } from '@tanstack/react-query';
import { bridgeKind, invoke } from '../../bridge.ts';
import { useUi } from '../../state/ui.ts';

/** Version, build and the licenses of every bundled dependency. */
export function AboutPanel() {
  const close = () => useUi.getState().setAboutOpen(false);
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => invoke('app.info', {}) });
  const licenses = useQuery({ queryKey: ['app.licenses'], queryFn: () => invoke('app.licenses', {}), staleTime: Infinity });
  return (
    <div className="dialog-backdrop" onClick={close}>
      <div className="dialog" role="dialog" aria-label="About Groundcrew" onClick={(e) => e.stopPropagation()}>
        <header className="dialog-header">
          <h2>About Groundcrew</h2>
          <button type="button" onClick={close} aria-label="Close">
            ×
          </button>
        </header>
        {info.data && (
          <dl className="facts">
            <dt>Version</dt>
            <dd data-testid="about-version">{info.data.version}</dd>
            <dt>Build</dt>
            <dd>{info.data.build}</dd>
            <dt>Platform</dt>
            <dd>
              {info.data.platform}/{info.data.arch}, Node {info.data.node}
            </dd>
            <dt>Host</dt>
            <dd>
              {info.data.host} ({bridgeKind})
            </dd>
          </dl>
        )}
        <h3>Bundled dependencies</h3>
        {licenses.isError && <p className="error-text">{licenses.error.message}</p>}
        {licenses.data && (
          <div className="license-list">
            <table className="table compact" aria-label="Licenses">
              <thead>
                <tr>
                  <th>Package</th>
                  <th>Version</th>
                  <th>License</th>
                </tr>
              </thead>
              <tbody>
                {licenses.data.packages.map((p) => (
                  <tr key={`${p.name}@${p.version}`}>
                    <td>{p.name}</td>
                    <td>{p.version}</td>
                    <td>{p.license}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
