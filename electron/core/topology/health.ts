import type { Finding } from '../../../shared/model/finding.ts';
import type { Health } from '../../../shared/model/topology.ts';

const rank: Record<Health, number> = { error: 0, warning: 1, info: 2, unknown: 3, ok: 4 };

/** The worst severity among findings, or `fallback` (ok) when there are none. */
export function worstHealth(findings: readonly Finding[], fallback: Health = 'ok'): Health {
  let worst: Health = fallback;
  for (const f of findings) if (rank[f.severity] < rank[worst]) worst = f.severity;
  return worst;
}

const refKey = (kind: string, namespace: string | undefined, name: string) => `${kind}|${namespace ?? ''}|${name}`;

/** Findings indexed by every object their evidence names, so a node finds its findings in O(1). */
export class FindingIndex {
  private readonly byRef = new Map<string, Finding[]>();

  constructor(readonly findings: readonly Finding[]) {
    for (const f of findings) {
      const seen = new Set<string>();
      for (const e of f.evidence) {
        const key = refKey(e.ref.kind, e.ref.namespace, e.ref.name);
        if (seen.has(key)) continue;
        seen.add(key);
        const list = this.byRef.get(key) ?? [];
        list.push(f);
        this.byRef.set(key, list);
      }
    }
  }

  forRef(kind: string, namespace: string | undefined, name: string): Finding[] {
    return this.byRef.get(refKey(kind, namespace, name)) ?? [];
  }
}
