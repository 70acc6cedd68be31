import { useMemo, useState } from 'react';
import type { InspectionReport, Severity } from '../../../shared/model/finding.ts';
import { InspectionGate, LiveBadge } from '../../components/InspectionGate.tsx';
import { useUi } from '../../state/ui.ts';
import { FindingsList } from './FindingsList.tsx';
import { filterFromParams, groupByComponent, matches, paramsFromFilter, rowsOf, type FindingsFilter } from './filter.ts';

/** Every finding, filtered and grouped by component; `#/findings?id=<id>` selects one. */
export function FindingsPage() {
  return <InspectionGate>{({ report }) => <Findings report={report} />}</InspectionGate>;
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

function Findings({ report }: { report: InspectionReport }) {
  const params = useUi((s) => s.params);
  const replaceParams = useUi((s) => s.replaceParams);
  const requested = useMemo(() => filterFromParams(params), [params]);
  const selectedId = params.id;
  const selected = selectedId ? report.findings.find((f) => f.id === selectedId) : undefined;
  // A deep link to a finding the filters would hide shows it anyway: the link must land somewhere.
  const filter = useMemo<FindingsFilter>(
    () => (selected && !matches(selected, requested) ? { severities: SEVERITIES } : requested),
    [selected, requested],
  );
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());

  const setFilter = (next: FindingsFilter) => replaceParams(paramsFromFilter(next, selectedId));
  const select = (id: string) => replaceParams(paramsFromFilter(filter, id === selectedId ? undefined : id));
  const toggleGroup = (key: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  const profiles = useMemo(() => [...new Set(report.findings.map((f) => f.profile))].sort(), [report.findings]);
  const components = useMemo(
    () => [...new Set(report.findings.filter((f) => !filter.profile || f.profile === filter.profile).map((f) => f.component))].sort(),
    [report.findings, filter.profile],
  );
  const visible = useMemo(() => report.findings.filter((f) => matches(f, filter)), [report.findings, filter]);
  const groups = useMemo(() => groupByComponent(visible), [visible]);
  // The selected finding's group is always open.
  const effectiveCollapsed = useMemo(() => {
    if (!selected) return collapsed;
    const next = new Set(collapsed);
    next.delete(`${selected.profile}/${selected.component}`);
    return next;
  }, [collapsed, selected]);
  const rows = useMemo(() => rowsOf(groups, effectiveCollapsed), [groups, effectiveCollapsed]);
  const countsAll = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) countsAll[f.severity]++;

  return (
    <div className="page page-fill">
      <header className="page-header">
        <h1>Findings</h1>
        <span className="muted" data-testid="findings-count">
          {visible.length} of {report.findings.length}
        </span>
        <LiveBadge capturedAt={report.capturedAt} />
      </header>
      <div className="toolbar" role="search" aria-label="Filter findings">
        <div className="segmented" role="group" aria-label="Severity">
          {SEVERITIES.map((s) => {
            const on = filter.severities.includes(s);
            return (
              <button
                key={s}
                type="button"
                className={`chip sev-${s}${on ? ' on' : ''}`}
                aria-pressed={on}
                onClick={() => {
                  const next = on ? filter.severities.filter((x) => x !== s) : [...filter.severities, s];
                  setFilter({ ...filter, severities: next.length ? next : SEVERITIES });
                }}
              >
                {s} <span className="chip-count">{countsAll[s]}</span>
              </button>
            );
          })}
        </div>
        <select
          aria-label="Profile"
          value={filter.profile ?? ''}
          onChange={(e) => setFilter({ ...filter, profile: e.target.value || undefined, component: undefined })}
        >
          <option value="">All profiles</option>
          {profiles.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
        <select aria-label="Component" value={filter.component ?? ''} onChange={(e) => setFilter({ ...filter, component: e.target.value || undefined })}>
          <option value="">All components</option>
          {components.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        <input
          type="search"
          className="search"
          aria-label="Search findings"
          placeholder="Search title, object, check…"
          value={filter.text ?? ''}
          onChange={(e) => setFilter({ ...filter, text: e.target.value || undefined })}
        />
        <span className="toolbar-spacer" />
        <button type="button" onClick={() => setCollapsed(new Set(groups.map((g) => g.key)))}>
          Collapse all
        </button>
        <button type="button" onClick={() => setCollapsed(new Set())}>
          Expand all
        </button>
      </div>
      {report.findings.length === 0 ? (
        <p className="panel ok-text">No findings: every check passed.</p>
      ) : visible.length === 0 ? (
        <p className="panel muted">No finding matches these filters.</p>
      ) : (
        <FindingsList rows={rows} selectedId={selected?.id} onSelect={select} onToggleGroup={toggleGroup} />
      )}
    </div>
  );
}
