import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../electron/core/cluster/view.ts';
import { buildClusterView } from '../../../electron/core/cluster/view.ts';
import { inspect, knownCheckIds, SCORE_FORMULA } from '../../../electron/core/inspect/index.ts';
import { SHARED_CHECK_IDS } from '../../../electron/core/inspect/check-ids.ts';
import { scoreFindings } from '../../../electron/core/inspect/score.ts';
import { loadBuiltinProfiles } from '../../../electron/core/stacks/load.ts';
import { InspectionReportSchema, type Finding } from '../../../shared/model/finding.ts';
import { endpoints, service } from '../../support/objects.ts';
import { healthyWorld } from '../../support/stack-world.ts';
import { makeCert, type TestCert } from '../../support/tls.ts';

const profiles = loadBuiltinProfiles();
const tracetest = profiles.find((p) => p.name === 'tracetest-onprem')!;
const testkube = profiles.find((p) => p.name === 'testkube-onprem')!;
const NOW = new Date().toISOString();
let certs: { serving: TestCert; signing: TestCert };

before(() => {
  const ca = makeCert({ cn: 'site-ca', isCA: true, days: 3650 });
  certs = {
    serving: makeCert({ dnsNames: ['tracetest.localdev', '*.tracetest.localdev', 'testkube.example.com', '*.testkube.example.com'], issuer: ca }),
    signing: makeCert({ cn: 'jwt-sign-cert', isCA: true, days: 3650 }),
  };
});

const tracetestWorld = () => healthyWorld(tracetest, { namespace: 'default', bindings: { release: 'tt', deps: 'ttdeps' }, certs });
const swap = (objects: KubeObject[], replacement: KubeObject) =>
  objects.map((o) => (o.kind === replacement.kind && o.metadata.namespace === replacement.metadata.namespace && o.metadata.name === replacement.metadata.name ? replacement : o));
const errors = (findings: Finding[]) => findings.filter((f) => f.severity !== 'info').map((f) => f.id);

describe('inspect() over whole built-in stacks', () => {
  test('a healthy Tracetest install: detected, no warnings or errors, score 100', () => {
    const report = inspect(buildClusterView(tracetestWorld()), profiles, { now: NOW });
    assert.deepEqual(report.installations.map((i) => `${i.profile}@${i.namespace}`), ['tracetest-onprem@default']);
    assert.deepEqual(report.installations[0]!.releases, { release: 'tt', deps: 'ttdeps' });
    assert.deepEqual(errors(report.findings), []);
    assert.equal(report.score.overall, 100);
    assert.equal(report.score.grade, 'A');
    InspectionReportSchema.parse(report);
  });

  test('planted faults come out as their check ids, worst first, and lower the score', () => {
    let objects = tracetestWorld().filter((o) => !(o.kind === 'Secret' && o.metadata.name === 'jwt-sign-cert'));
    objects = swap(objects, service('tt-tracetest-cloud', 'default', { selector: { 'app.kubernetes.io/name': 'cloud-api', 'app.kubernetes.io/instance': 'tt-tracetest-cloud' }, ports: [{ name: 'grpc', port: 8089 }, { name: 'http', port: 8090, targetPort: 8080 }, { name: 'control-plane', port: 8091 }] }));
    objects = swap(objects, endpoints('tt-nats', 'default', { ready: [], notReady: ['10.42.0.99'] }));
    const report = inspect(buildClusterView(objects), profiles, { now: NOW });
    const got = errors(report.findings);
    for (const id of ['edge.target-port-mismatch/default/tt-tracetest-cloud/http', 'edge.no-ready-endpoints/default/tt-nats', 'cert.jwt-sign-cert-missing/default/jwt-sign-cert']) assert.ok(got.includes(id), `${id} in ${got.join(', ')}`);
    // One Service shared by several edges is one finding, not one per edge.
    assert.equal(got.filter((id) => id === 'edge.no-ready-endpoints/default/tt-nats').length, 1);
    const sev = report.findings.map((f) => f.severity);
    assert.deepEqual(sev, [...sev].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b)));
    assert.ok(report.score.overall < 100);
    assert.equal(report.counts.error, report.findings.filter((f) => f.severity === 'error').length);
    const cloud = report.score.components.find((c) => c.component === 'cloud-api')!;
    assert.equal(cloud.score, Math.max(0, 100 - 40 * cloud.counts.error - 10 * cloud.counts.warning));
  });

  test('a healthy Testkube control plane and agent in two namespaces; the database in use is reported', () => {
    const objects = healthyWorld(testkube, { namespace: 'testkube-enterprise', bindings: { release: 'testkube-enterprise', agent: 'testkube' }, certs });
    const report = inspect(buildClusterView(objects), profiles, { now: NOW });
    assert.deepEqual(report.installations.map((i) => i.profile), ['testkube-onprem']);
    assert.deepEqual(errors(report.findings), []);
    assert.deepEqual(report.findings.map((f) => f.id), ['testkube.database/testkube-enterprise/testkube-enterprise']);
  });

  test('an empty cluster detects nothing and scores 100', () => {
    const report = inspect(buildClusterView([]), profiles);
    assert.deepEqual(report.installations, []);
    assert.deepEqual(report.findings, []);
    assert.equal(report.score.overall, 100);
  });
});

describe('scoring', () => {
  const f = (component: string, severity: Finding['severity']): Finding => ({ id: `${component}/${severity}/${Math.random()}`, checkId: 'x', severity, profile: 'p', component, title: '', explanation: '', evidence: [] });

  test('component = 100 − 40·errors − 10·warnings, floored at 0; overall = mean', () => {
    const score = scoreFindings([f('a', 'error'), f('a', 'warning'), f('b', 'error'), f('b', 'error'), f('b', 'error'), f('c', 'info')], []);
    assert.deepEqual(score.components.map((c) => [c.component, c.score]), [['a', 50], ['b', 0], ['c', 100]]);
    assert.equal(score.overall, 50);
    assert.equal(score.grade, 'E');
    assert.deepEqual(score.counts, { error: 4, warning: 1, info: 1 });
    assert.equal(score.formula, SCORE_FORMULA);
    assert.match(SCORE_FORMULA, /100 − 40 × errors − 10 × warnings/);
  });
});

describe('check ids', () => {
  test('every fixed check id shared with the sandbox scenarios is emitted by some registered check', () => {
    const fixed = SHARED_CHECK_IDS;
    assert.equal(fixed.length, 39);
    for (const id of fixed) assert.ok(knownCheckIds.includes(id), `${id} is not emitted by any check`);
  });
});
