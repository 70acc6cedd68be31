import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { startHarness } from './harness.ts';
import type { KubeObject } from '../../../electron/core/cluster/view.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const cond = (o: KubeObject | undefined, type: string): Any | undefined => ((o?.status as Any)?.conditions as Any[] | undefined)?.find((c) => c.type === type);

const environment = (name: string, branch: string): KubeObject => ({
  apiVersion: 'tronador.stakater.com/v1alpha2',
  kind: 'Environment',
  metadata: { name },
  spec: {
    namespaceLabels: { team: 'shop' },
    application: {
      gitRepository: { url: 'https://git.example.test/shop', ref: { branch } },
      release: { releaseName: 'shop', chart: { spec: { chart: 'deploy/chart', version: '1.0.0' } }, values: { image: { repository: 'example/shop', tag: branch.replace('/', '-') } } },
    },
  },
});

describe('Tronador and Flux', () => {
  const h = startHarness({
    plants: [
      { kind: 'Environment', name: 'pr-2', fault: 'InstallFailed' },
      { kind: 'Environment', name: 'pr-3', fault: 'BranchDeleted' },
    ],
  });
  after(() => h.stop());
  before(async () => {
    const crds = parse(readFileSync(new URL('../../../resources/sandbox/scenarios/fragments/crds-flux-tronador.yaml', import.meta.url), 'utf8')) as { objects: KubeObject[] };
    for (const crd of crds.objects) h.create(crd);
    h.create(environment('pr-1', 'feature/one'));
    h.create(environment('pr-2', 'feature/two'));
    h.create(environment('pr-3', 'feature/three'));
    await h.settle();
  });

  test('an Environment becomes a namespace with GitRepository and HelmRelease dte-<branch>, and the release deploys the app', () => {
    const ns = h.get('v1', 'Namespace', undefined, 'pr-1')!;
    assert.equal(ns.metadata.labels?.team, 'shop');
    assert.ok(h.get('source.toolkit.fluxcd.io/v1beta2', 'GitRepository', 'pr-1', 'dte-feature-one'));
    const hr = h.get('helm.toolkit.fluxcd.io/v2beta1', 'HelmRelease', 'pr-1', 'dte-feature-one')!;
    assert.equal(cond(hr, 'Ready')?.status, 'True');
    assert.equal(cond(hr, 'Released')?.reason, 'InstallSucceeded');
    assert.equal((hr.spec as Any).chart.spec.sourceRef.name, 'dte-feature-one');
    assert.equal(cond(h.get('tronador.stakater.com/v1alpha2', 'Environment', undefined, 'pr-1'), 'Ready')?.status, 'True');
    const app = h.get('apps/v1', 'Deployment', 'pr-1', 'shop') as Any;
    assert.equal(app.status.readyReplicas, 1);
  });

  test('planted InstallFailed: HelmRelease and Environment Ready False reason InstallFailed, nothing deployed', () => {
    const hr = h.get('helm.toolkit.fluxcd.io/v2beta1', 'HelmRelease', 'pr-2', 'dte-feature-two');
    assert.equal(cond(hr, 'Ready')?.reason, 'InstallFailed');
    assert.equal(cond(h.get('tronador.stakater.com/v1alpha2', 'Environment', undefined, 'pr-2'), 'Ready')?.status, 'False');
    assert.equal(h.get('apps/v1', 'Deployment', 'pr-2', 'shop'), undefined);
  });

  test('planted BranchDeleted: the GitRepository cannot find its branch, the last release keeps running', () => {
    const repo = h.get('source.toolkit.fluxcd.io/v1beta2', 'GitRepository', 'pr-3', 'dte-feature-three');
    assert.equal(cond(repo, 'Ready')?.reason, 'GitOperationFailed');
    assert.match(cond(repo, 'Ready')?.message, /couldn't find remote ref "refs\/heads\/feature\/three"/);
    assert.equal(cond(h.get('helm.toolkit.fluxcd.io/v2beta1', 'HelmRelease', 'pr-3', 'dte-feature-three'), 'Ready')?.status, 'True');
  });

  test('deleting the Environment removes its namespace and everything in it', async () => {
    h.store.delete({ group: 'tronador.stakater.com', resource: 'environments' }, undefined, 'pr-1', { propagationPolicy: 'Background' });
    await h.settle();
    const ns = h.get('v1', 'Namespace', undefined, 'pr-1');
    assert.ok(!ns || ns.metadata.deletionTimestamp, 'namespace gone or terminating');
  });
});
