import type { PermissionCheck, PermissionsReport } from '../../../shared/model/permissions.ts';
import { HealthDot } from '../../components/Health.tsx';

/** `patch services/status in default` — one SelfSubjectAccessReview in kubectl's words. */
function checkText(c: PermissionCheck): string {
  const resource = `${c.resource}${c.subresource ? `/${c.subresource}` : ''}${c.group ? `.${c.group}` : ''}`;
  return `${c.verb} ${resource}${c.namespace ? ` in ${c.namespace}` : ' (cluster-wide)'}`;
}

/** Each Groundcrew operation, allowed or not, with what is missing and the authorizer's reason. */
export function PermissionsTable({ report }: { report: PermissionsReport }) {
  return (
    <>
      <p className="muted small">
        Reviewed for this identity{report.namespace ? ` in namespace ${report.namespace}` : ''} with SelfSubjectAccessReviews ({report.checks.length}{' '}
        checks).
      </p>
      <table className="table" aria-label="Operation permissions">
        <thead>
          <tr>
            <th>Operation</th>
            <th>Allowed</th>
            <th>Missing</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {report.operations.map((op) => (
            <tr key={op.operation} data-operation={op.operation} data-allowed={op.allowed}>
              <td>
                <strong>{op.operation}</strong>
                <div className="muted small">{op.title}</div>
              </td>
              <td className="nowrap">
                <HealthDot health={op.allowed ? 'ok' : 'error'} label={op.allowed ? 'allowed' : 'not allowed'} /> {op.allowed ? 'Yes' : 'No'}
              </td>
              <td>
                {op.missing.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  <MissingList missing={op.missing} />
                )}
              </td>
              <td className="small">
                {op.missing.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  [...new Set(op.missing.map((m) => m.reason || 'no rule allows it'))].map((r) => <div key={r}>{r}</div>)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <details className="details">
        <summary>All {report.checks.length} checks</summary>
        <table className="table compact" aria-label="Permission checks">
          <thead>
            <tr>
              <th>Check</th>
              <th>Allowed</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {report.checks.map((c, i) => (
              <tr key={`${checkText(c)}#${i}`}>
                <td className="mono">{checkText(c)}</td>
                <td>{c.allowed ? 'yes' : 'no'}</td>
                <td className="muted">{c.reason || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}

/** The first few missing permissions, the rest behind a disclosure: an operation can lack dozens. */
function MissingList({ missing }: { missing: PermissionCheck[] }) {
  const FIRST = 4;
  const item = (m: PermissionCheck) => <li key={checkText(m)}>{checkText(m)}</li>;
  return (
    <ul className="plain-list mono small">
      {missing.slice(0, FIRST).map(item)}
      {missing.length > FIRST && (
        <li>
          <details>
            <summary className="muted">{missing.length - FIRST} more</summary>
            <ul className="plain-list">{missing.slice(FIRST).map(item)}</ul>
          </details>
        </li>
      )}
    </ul>
  );
}
