import { severityRank, type Finding, type Severity } from '../../../shared/model/finding.ts';

/** The Findings page's filters, as they appear in its deep link (`#/findings?severity=error&q=dns`). */
export interface FindingsFilter {
  severities: Severity[];
  profile?: string;
  component?: string;
  text?: string;
}

const ALL: Severity[] = ['error', 'warning', 'info'];

export function filterFromParams(params: Record<string, string>): FindingsFilter {
  const severities = (params.severity ?? '')
    .split(',')
    .filter((s): s is Severity => (ALL as string[]).includes(s));
  return {
    severities: severities.length ? severities : ALL,
    ...(params.profile ? { profile: params.profile } : {}),
    ...(params.component ? { component: params.component } : {}),
    ...(params.q ? { text: params.q } : {}),
  };
}

export function paramsFromFilter(f: FindingsFilter, id?: string): Record<string, string> {
  const p: Record<string, string> = {};
  if (f.severities.length && f.severities.length < ALL.length) p.severity = f.severities.join(',');
  if (f.profile) p.profile = f.profile;
  if (f.component) p.component = f.component;
  if (f.text) p.q = f.text;
  if (id) p.id = id;
  return p;
}

/** Free text matches title, explanation, ids and evidence object names, case-insensitively. */
export function matches(f: Finding, filter: FindingsFilter): boolean {
  if (!filter.severities.includes(f.severity)) return false;
  if (filter.profile && f.profile !== filter.profile) return false;
  if (filter.component && f.component !== filter.component) return false;
  const text = filter.text?.trim().toLowerCase();
  if (!text) return true;
  const haystack = [f.title, f.explanation, f.id, f.checkId, f.component, ...f.evidence.map((e) => `${e.ref.kind} ${e.ref.namespace ?? ''}/${e.ref.name}`)]
    .join('\n')
    .toLowerCase();
  return text.split(/\s+/).every((word) => haystack.includes(word));
}

export interface FindingGroup {
  /** `profile/component` */
  key: string;
  profile: string;
  component: string;
  worst: Severity;
  findings: Finding[];
}

/** Groups by component, worst groups first; inside a group, worst findings first. */
export function groupByComponent(findings: Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const key = `${f.profile}/${f.component}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, profile: f.profile, component: f.component, worst: f.severity, findings: [] }));
    g.findings.push(f);
    if (severityRank[f.severity] < severityRank[g.worst]) g.worst = f.severity;
  }
  const list = [...groups.values()];
  for (const g of list) g.findings.sort((a, b) => severityRank[a.severity] - severityRank[b.severity] || a.title.localeCompare(b.title));
  return list.sort((a, b) => severityRank[a.worst] - severityRank[b.worst] || b.findings.length - a.findings.length || a.key.localeCompare(b.key));
}

export type ListRow = { type: 'group'; group: FindingGroup; collapsed: boolean } | { type: 'finding'; finding: Finding };

/** The rows the list draws, in order: a header per group, then its findings unless collapsed. */
export function rowsOf(groups: FindingGroup[], collapsed: ReadonlySet<string>): ListRow[] {
  const rows: ListRow[] = [];
  for (const group of groups) {
    const isCollapsed = collapsed.has(group.key);
    rows.push({ type: 'group', group, collapsed: isCollapsed });
    if (!isCollapsed) for (const finding of group.findings) rows.push({ type: 'finding', finding });
  }
  return rows;
}
