import type { Severity } from '../../shared/model/finding.ts';
import type { Health } from '../../shared/model/topology.ts';

const labels: Record<Health, string> = { error: 'Error', warning: 'Warning', info: 'Info', ok: 'OK', unknown: 'Unknown' };

/** A severity as a coloured pill; colours come from the `sev-*` classes in styles.css. */
export function SeverityBadge({ severity }: { severity: Severity | Health }) {
  return <span className={`sev-badge sev-${severity}`}>{labels[severity]}</span>;
}

/** A small coloured dot with an accessible name (the dot alone says nothing to a screen reader). */
export function HealthDot({ health, label }: { health: Health | 'failing'; label?: string }) {
  const cls = health === 'failing' ? 'error' : health;
  return <span className={`dot sev-${cls}`} role="img" aria-label={label ?? health} title={label ?? health} />;
}

/** Component health from its score counts: its worst severity, or ok. */
export function healthOfCounts(counts: { error: number; warning: number; info: number }): Health {
  if (counts.error > 0) return 'error';
  if (counts.warning > 0) return 'warning';
  if (counts.info > 0) return 'info';
  return 'ok';
}
