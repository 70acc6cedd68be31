import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../electron/core/cluster/view.ts';
import { loadBuiltinProfiles } from '../../../electron/core/stacks/load.ts';
import { custom, deployment, helmRelease, namespace, pod } from '../../support/objects.ts';
import { findingsOf, ids } from '../../support/inspect.ts';

const tronador = loadBuiltinProfiles().find((p) => p.name === 'tronador')!;
const NOW = '2026-11-22T00:00:00Z';
const env = (name: string, created = '2026-11-20T00:00:00Z', status: Record<string, unknown> = {}) =>
  custom('tronador.stakater.com/v1alpha2', 'Environment', name, undefined, { spec: { application: { release: { releaseName: `dte-${name}` } } }, status }, { creationTimestamp: created });
const config = custom('tronador.stakater.com/v1alpha1', 'TronadorConfig', 'tronador-config', 'tronador', { spec: { mappings: [{ repos: ['org/app'], authSecret: 'git-auth', imagePullSecret: 'regcred' }] } });
const appPod = (ns: string, secrets?: string[], pulling = false) =>
  pod('app-5d8f7-x1y2z', ns, { owner: { kind: 'ReplicaSet', name: 'app-5d8f7' }, imagePullSecrets: secrets, ready: !pulling, statuses: pulling ? [{ waiting: { reason: 'ImagePullBackOff', message: 'pull access denied' } }] : undefined });
const world = (extra: KubeObject[]) => [deployment('tronador-controller-manager', 'tronador'), config, ...extra];
const run = (objects: KubeObject[], options = {}) => findingsOf('tronador', objects, tronador, { now: NOW, ...options });

describe('tronador', () => {
  test('a fresh, ready environment whose pods carry the pull secret: no findings', () => {
    const objects = world([env('pr-12'), namespace('pr-12'), helmRelease('dte-pr-12', 'pr-12', { lastTransitionTime: '2026-11-21T00:00:00Z' }), appPod('pr-12', ['regcred'])]);
    assert.deepEqual(run(objects), []);
  });

  test('tronador.release-not-ready from the Flux HelmRelease Ready condition', () => {
    const f = run(world([env('pr-12'), helmRelease('dte-pr-12', 'pr-12', { ready: false, reason: 'InstallFailed', message: 'chart requires kubeVersion >=1.30' })]));
    assert.deepEqual(ids(f), ['tronador.release-not-ready/pr-12/dte-pr-12']);
    assert.match(f[0]!.explanation, /kubeVersion/);
  });

  test('tronador.release-not-ready from an EnvironmentProvisioner status when no HelmRelease is found', () => {
    const ep = custom('tronador.stakater.com/v1alpha1', 'EnvironmentProvisioner', 'pr-7', undefined, { spec: {}, status: { applicationStatus: 'failed', applicationStatusMsg: 'values invalid' } }, { creationTimestamp: '2026-11-21T00:00:00Z' });
    assert.deepEqual(ids(run(world([ep]))), ['tronador.release-not-ready/_/pr-7']);
  });

  test('tronador.stale-environment: old and idle, but not old and recently reconciled', () => {
    const old = env('pr-1', '2026-10-01T00:00:00Z');
    const f = run(world([old, helmRelease('dte-pr-1', 'pr-1', { lastTransitionTime: '2026-10-02T00:00:00Z' })]));
    assert.deepEqual(ids(f), ['tronador.stale-environment/_/pr-1']);
    assert.equal(f[0]!.fixId, 'tronador.remove-stale');
    assert.deepEqual(run(world([old, helmRelease('dte-pr-1', 'pr-1', { lastTransitionTime: '2026-11-21T00:00:00Z' })])), []);
    assert.deepEqual(run(world([old, helmRelease('dte-pr-1', 'pr-1', { lastTransitionTime: '2026-10-02T00:00:00Z' })]), { tronadorStaleDays: 90 }), []);
  });

  test('tronador.stale-environment when the GitRepository branch is gone, whatever its age', () => {
    const repo = custom('source.toolkit.fluxcd.io/v1beta2', 'GitRepository', 'dte-feature-x', 'pr-12', {
      spec: { url: 'https://git.example/org/app', ref: { branch: 'feature-x' } },
      status: { conditions: [{ type: 'Ready', status: 'False', reason: 'GitOperationFailed', message: `failed to checkout and determine revision: unable to clone 'https://git.example/org/app': couldn't find remote ref "refs/heads/feature-x"` }] },
    });
    const f = run(world([env('pr-12'), helmRelease('dte-pr-12', 'pr-12'), repo]));
    assert.deepEqual(ids(f), ['tronador.stale-environment/_/pr-12']);
    assert.match(f[0]!.title, /branch no longer exists/);
  });

  test('tronador.pull-secret-missing names the workload and whether the Secret exists', () => {
    const f = run(world([env('pr-12'), helmRelease('dte-pr-12', 'pr-12'), appPod('pr-12', undefined, true)]));
    assert.deepEqual(ids(f), ['tronador.pull-secret-missing/pr-12/app']);
    assert.equal(f[0]!.severity, 'error');
    assert.equal(f[0]!.fixId, 'tronador.add-pull-secret');
    assert.match(f[0]!.explanation, /regcred is not in namespace pr-12/);
  });

  test('environments alone (operator elsewhere) are enough to detect Tronador', () => {
    const f = findingsOf('tronador', [env('pr-3'), helmRelease('dte-pr-3', 'pr-3', { ready: false })], tronador, { now: NOW });
    assert.deepEqual(ids(f), ['tronador.release-not-ready/pr-3/dte-pr-3']);
  });

  test('forbidden Environments: info finding', () => {
    const f = findingsOf('tronador', world([]), tronador, { now: NOW }, { kindStates: { 'tronador.stakater.com/Environment': { state: 'forbidden', reason: 'denied' } } });
    assert.deepEqual(ids(f), ['inspect.forbidden/_/tronador.stakater.com/Environment']);
  });
});
