import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildClusterView } from '../../../electron/core/cluster/view.ts';
import { describeInstallation, detectInstallations } from '../../../electron/core/stacks/detect.ts';
import { loadBuiltinProfiles } from '../../../electron/core/stacks/load.ts';
import { deployment, service, statefulSet } from '../../support/objects.ts';

const profiles = loadBuiltinProfiles();
const tracetest = profiles.find((p) => p.name === 'tracetest-onprem')!;
const testkube = profiles.find((p) => p.name === 'testkube-onprem')!;

describe('detection', () => {
  test('finds a Tracetest install, its release and its dependency release', () => {
    const view = buildClusterView([
      deployment('tt-tracetest-cloud', 'default'),
      deployment('tt-tracetest-frontend', 'default'),
      statefulSet('tt-nats', 'default'),
      deployment('ttdeps-traefik', 'default'),
      statefulSet('ttdeps-postgresql', 'default'),
    ]);
    const [inst, ...rest] = detectInstallations(view, tracetest);
    assert.equal(rest.length, 0);
    assert.equal(inst!.namespace, 'default');
    assert.deepEqual(inst!.bindings, { release: 'tt', deps: 'ttdeps' });
    assert.equal(inst!.component('traefik')!.workload?.metadata.name, 'ttdeps-traefik');
    assert.equal(inst!.name('{deps}-cert'), 'ttdeps-cert');
    const summary = describeInstallation(inst!);
    assert.equal(summary.components.find((c) => c.id === 'core-api')!.found, false);
    assert.equal(summary.components.find((c) => c.id === 'core-api')!.name, 'tt-tracetest-core-api');
  });

  test('two releases in two namespaces are two installations', () => {
    const view = buildClusterView([deployment('a-tracetest-cloud', 'team-a'), deployment('b-tracetest-cloud', 'team-b')]);
    const found = detectInstallations(view, tracetest).map((i) => `${i.namespace}:${i.bindings.release}`);
    assert.deepEqual(found.sort(), ['team-a:a', 'team-b:b']);
  });

  test('nothing installed means no installation', () => {
    const view = buildClusterView([deployment('web', 'default'), deployment('tt-tracetest-core-api', 'default')]);
    assert.deepEqual(detectInstallations(view, tracetest), []);
  });

  test('an unbound placeholder falls back to a matching Service name, then to the profile default', () => {
    const view = buildClusterView([deployment('tt-tracetest-cloud', 'default'), service('deps2-traefik', 'default')]);
    assert.equal(detectInstallations(view, tracetest)[0]!.bindings.deps, 'deps2');
    const bare = buildClusterView([deployment('tt-tracetest-cloud', 'default')]);
    assert.equal(detectInstallations(bare, tracetest)[0]!.name('{deps}-traefik'), 'ttdeps-traefik');
  });

  test('the Testkube agent is found in its own namespace under its own release', () => {
    const view = buildClusterView([deployment('testkube-enterprise-api', 'testkube-enterprise'), deployment('testkube-api-server', 'testkube')]);
    const [inst] = detectInstallations(view, testkube);
    assert.equal(inst!.bindings.release, 'testkube-enterprise');
    assert.equal(inst!.bindings.agent, 'testkube');
    assert.equal(inst!.component('agent-api')!.namespace, 'testkube');
  });

  test("a loose anchor pattern does not claim another stack's workload", () => {
    const view = buildClusterView([deployment('tt-tracetest-cloud', 'default'), deployment('tt-tracetest-core-api', 'default')]);
    assert.equal(detectInstallations(view, testkube).length, 1, 'alone, {release}-api matches tt-tracetest-core-api');
    assert.deepEqual(detectInstallations(view, testkube, profiles), []);
    assert.equal(detectInstallations(view, tracetest, profiles).length, 1);
  });

  test('a renamed workload is found by its labels, the release from app.kubernetes.io/instance', () => {
    const profile = { ...tracetest, components: tracetest.components.map((c) => (c.id === 'cloud-api' ? { ...c, find: { ...c.find, labels: { 'app.kubernetes.io/name': 'tracetest-cloud' } } } : c)) };
    const renamed = deployment('cloud', 'tt-ns', { labels: { 'app.kubernetes.io/name': 'tracetest-cloud', 'app.kubernetes.io/instance': 'prod' } });
    const [inst] = detectInstallations(buildClusterView([renamed]), profile);
    assert.equal(inst!.bindings.release, 'prod');
    assert.equal(inst!.component('cloud-api')!.workload?.metadata.name, 'cloud');
    const unlabelled = deployment('cloud', 'tt-ns', { labels: { 'app.kubernetes.io/instance': 'prod' } });
    assert.deepEqual(detectInstallations(buildClusterView([unlabelled]), profile), []);
  });
});
