import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, Severity } from '../../../shared/model/finding.ts';
import { filterFromParams, groupByComponent, matches, paramsFromFilter, rowsOf } from '../../../renderer/pages/findings/filter.ts';

function finding(id: string, severity: Severity, component: string, extra: Partial<Finding> = {}): Finding {
  return {
    id,
    checkId: id.split('/')[0]!,
    severity,
    profile: 'tracetest-onprem',
    component,
    title: `title of ${id}`,
    explanation: 'why it matters',
    evidence: [{ ref: { kind: 'Service', namespace: 'default', name: `${component}-svc` } }],
    ...extra,
  };
}

const findings = [
  finding('service.target-port/default/api', 'error', 'cloud-api'),
  finding('workload.not-ready/default/api', 'warning', 'cloud-api'),
  finding('cert.expiry/default/tls', 'info', 'cert-manager'),
  finding('dns.rewrite/_/coredns', 'error', 'dns', { profile: 'testkube-onprem' }),
  finding('workload.not-ready/default/nats', 'warning', 'nats'),
];

describe('findings filter', () => {
  test('round-trips through the deep-link parameters', () => {
    const f = { severities: ['error', 'info'] as Severity[], profile: 'tracetest-onprem', component: 'cloud-api', text: 'port' };
    const params = paramsFromFilter(f, 'x/y');
    assert.deepEqual(params, { severity: 'error,info', profile: 'tracetest-onprem', component: 'cloud-api', q: 'port', id: 'x/y' });
    assert.deepEqual(filterFromParams(params), f);
  });

  test('no or unknown severities mean all, and all severities are not written to the link', () => {
    assert.deepEqual(filterFromParams({ severity: 'bogus' }).severities, ['error', 'warning', 'info']);
    assert.deepEqual(paramsFromFilter(filterFromParams({})), {});
  });

  test('matches severity, profile, component and every word of the text', () => {
    const all = filterFromParams({});
    assert.deepEqual(findings.filter((f) => matches(f, { ...all, severities: ['error'] })).map((f) => f.id), [findings[0]!.id, findings[3]!.id]);
    assert.equal(findings.filter((f) => matches(f, { ...all, profile: 'testkube-onprem' })).length, 1);
    assert.equal(findings.filter((f) => matches(f, { ...all, component: 'cloud-api' })).length, 2);
    // Evidence object names are searchable, case-insensitively; all words must match.
    assert.deepEqual(findings.filter((f) => matches(f, { ...all, text: 'NATS-svc' })).map((f) => f.component), ['nats']);
    assert.deepEqual(findings.filter((f) => matches(f, { ...all, text: 'not-ready api' })).map((f) => f.id), [findings[1]!.id]);
  });

  test('groups by component with the worst groups first and collapses groups into header rows', () => {
    const groups = groupByComponent(findings);
    assert.deepEqual(groups.map((g) => [g.key, g.worst]), [
      ['tracetest-onprem/cloud-api', 'error'],
      ['testkube-onprem/dns', 'error'],
      ['tracetest-onprem/nats', 'warning'],
      ['tracetest-onprem/cert-manager', 'info'],
    ]);
    assert.deepEqual(groups[0]!.findings.map((f) => f.severity), ['error', 'warning']);
    const rows = rowsOf(groups, new Set(['tracetest-onprem/cloud-api']));
    assert.deepEqual(rows.map((r) => r.type), ['group', 'group', 'finding', 'group', 'finding', 'group', 'finding']);
    assert.equal(rows[0]!.type === 'group' && rows[0]!.collapsed, true);
  });
});
