import { severityRank, type InspectionReport, type Severity } from '../../../shared/model/finding.ts';
import { healthOfCounts, SeverityBadge } from '../../components/Health.tsx';
import { InspectionGate, LiveBadge } from '../../components/InspectionGate.tsx';
import { hrefOf } from '../../state/ui.ts';

/** Stack health at a glance: what is installed, how healthy, and the worst problems first. */
export function OverviewPage() {
  return <InspectionGate>{({ report }) => <Overview report={report} />}</InspectionGate>;
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

function Overview({ report }: { report: InspectionReport }) {
  const { score } = report;
  const worst = [...report.findings].sort((a, b) => severityRank[a.severity] - severityRank[b.severity]).slice(0, 5);
  const components = [...score.components].sort((a, b) => a.score - b.score || a.component.localeCompare(b.component));
  return (
    <div className="page">
      <header className="page-header">
        <h1>Overview</h1>
        <LiveBadge capturedAt={report.capturedAt} />
      </header>

      <div className="overview-top">
        <section className="panel score-card" aria-label="Score">
          <div className={`grade grade-${score.grade}`} data-testid="grade" aria-label={`Grade ${score.grade}`}>
            {score.grade}
          </div>
          <div>
            <div className="score-number" data-testid="overall-score" aria-label="Overall score" title={score.formula}>
              {Math.round(score.overall)}
              <span className="muted score-max">/100</span>
            </div>
            <details className="details formula">
              <summary>How this is scored</summary>
              <p className="small" data-testid="score-formula">
                {score.formula}
              </p>
            </details>
          </div>
        </section>

        <section className="panel severity-counts" aria-label="Findings by severity">
          {SEVERITIES.map((s) => (
            <a key={s} className={`count-tile sev-${s}${report.counts[s] === 0 ? ' zero' : ''}`} href={hrefOf('findings', { severity: s })} data-testid={`count-${s}`}>
              <span className="count">{report.counts[s]}</span>
              <span className="count-label">{s === 'error' ? 'Errors' : s === 'warning' ? 'Warnings' : 'Info'}</span>
            </a>
          ))}
        </section>

        <section className="panel installations" aria-label="Installations">
          <h2>Installations</h2>
          {report.installations.length === 0 ? (
            <p className="muted">No known stack was detected in this cluster.</p>
          ) : (
            <table className="table compact">
              <thead>
                <tr>
                  <th>Profile</th>
                  <th>Namespace</th>
                  <th>Release</th>
                  <th>Components</th>
                </tr>
              </thead>
              <tbody>
                {report.installations.map((i) => {
                  const found = i.components.filter((c) => c.found).length;
                  const missing = i.components.filter((c) => !c.found).map((c) => c.id);
                  return (
                    <tr key={`${i.profile}/${i.namespace}`} data-installation={i.profile} title={i.evidence.join('\n')}>
                      <td>{i.profile}</td>
                      <td className="mono">{i.namespace}</td>
                      <td className="mono">
                        {Object.entries(i.releases)
                          .map(([k, v]) => (k === 'release' ? v : `${k}=${v}`))
                          .join(', ') || '—'}
                      </td>
                      <td
                        className={found < i.components.length ? 'warning-text' : undefined}
                        title={missing.length ? `Not found: ${missing.join(', ')}` : undefined}
                      >
                        {found}/{i.components.length} found
                        {missing.length > 0 && <span className="muted small"> · missing {missing.join(', ')}</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      </div>

      <section className="panel" aria-label="Components">
        <h2>Components</h2>
        {components.length === 0 ? (
          <p className="muted">No components scored.</p>
        ) : (
          <div className="component-grid">
            {components.map((c) => {
              const health = healthOfCounts(c.counts);
              const label = `${c.profile}/${c.component}`;
              return (
                <a
                  key={label}
                  className={`component-tile sev-${health}`}
                  href={hrefOf('findings', { component: c.component, profile: c.profile })}
                  data-component={label}
                  data-health={health}
                  title={`${label}: ${c.counts.error} errors, ${c.counts.warning} warnings, ${c.counts.info} info`}
                >
                  <span className="tile-name">{c.component}</span>
                  <span className="tile-profile muted">{c.profile}</span>
                  <span className="tile-score">{Math.round(c.score)}</span>
                </a>
              );
            })}
          </div>
        )}
      </section>

      <section className="panel" aria-label="Worst findings">
        <h2>Worst findings</h2>
        {worst.length === 0 ? (
          <p className="ok-text">No findings: every check passed.</p>
        ) : (
          <ul className="worst-list">
            {worst.map((f) => (
              <li key={f.id} data-finding-id={f.id}>
                <SeverityBadge severity={f.severity} />
                <a href={hrefOf('findings', { id: f.id })}>{f.title}</a>
                <span className="muted small mono">
                  {f.profile}/{f.component}
                </span>
              </li>
            ))}
          </ul>
        )}
        {report.findings.length > worst.length && (
          <a className="small" href={hrefOf('findings')}>
            All {report.findings.length} findings →
          </a>
        )}
      </section>
    </div>
  );
}
