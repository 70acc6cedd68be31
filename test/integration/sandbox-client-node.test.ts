import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions, Watch, type V1Deployment } from '@kubernetes/client-node';
import type { Sandbox } from '../../electron/core/sandbox/index.ts';
import { deploymentManifest, openSandbox, podManifest } from '../support/sandbox-harness.ts';

/** @kubernetes/client-node 1.3.0 against the sandbox, through the kubeconfig the sandbox writes. */

let sb: Sandbox;
let kc: KubeConfig;
before(async () => {
  sb = await openSandbox();
  kc = new KubeConfig();
  kc.loadFromString(sb.kubeconfig);
  sb.store.create({ group: '', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
  for (const name of ['p1', 'p2']) sb.store.create({ group: '', resource: 'pods' }, podManifest(name, 'team', { labels: { app: 'web' } }));
  sb.store.create({ group: '', resource: 'pods' }, podManifest('other', 'team', { labels: { app: 'db' } }));
});
after(async () => {
  await sb.close();
});

describe('client-node against the sandbox', () => {
  test('both contexts authenticate; listNamespacedPod filters by label', async () => {
    for (const context of ['sandbox', 'sandbox-cert']) {
      kc.setCurrentContext(context);
      const core = kc.makeApiClient(CoreV1Api);
      const pods = await core.listNamespacedPod({ namespace: 'team', labelSelector: 'app=web' });
      assert.deepEqual(pods.items.map((p) => p.metadata?.name), ['p1', 'p2'], context);
    }
    kc.setCurrentContext('sandbox');
  });

  test('Watch delivers ADDED and MODIFIED events', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const list = await core.listNamespacedPod({ namespace: 'team' });
    const events: string[] = [];
    let resolveSeen: () => void;
    const seen = new Promise<void>((r) => (resolveSeen = r));
    const watch = new Watch(kc);
    const controller = await watch.watch(
      '/api/v1/namespaces/team/pods',
      { resourceVersion: list.metadata?.resourceVersion },
      (phase, obj) => {
        events.push(`${phase} ${obj.metadata.name}`);
        if (events.length === 2) resolveSeen();
      },
      () => {},
    );
    sb.store.create({ group: '', resource: 'pods' }, podManifest('p3', 'team'));
    const p1 = sb.store.get({ group: '', resource: 'pods' }, 'team', 'p1')!;
    sb.store.update({ group: '', resource: 'pods' }, { ...p1, metadata: { ...p1.metadata, labels: { app: 'web', v: '2' } } });
    await seen;
    controller.abort();
    assert.deepEqual(events, ['ADDED p3', 'MODIFIED p1']);
  });

  test('patchNamespacedDeployment with a merge patch and with server-side apply', async () => {
    const apps = kc.makeApiClient(AppsV1Api);
    await apps.createNamespacedDeployment({ namespace: 'team', body: deploymentManifest('api', 'team', 1) as V1Deployment });
    const merged = await apps.patchNamespacedDeployment(
      { name: 'api', namespace: 'team', body: { metadata: { labels: { owner: 'ops' } }, spec: { replicas: 3 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    assert.equal(merged.spec?.replicas, 3);
    assert.equal(merged.metadata?.labels?.owner, 'ops');
    const applied = await apps.patchNamespacedDeployment(
      { name: 'api', namespace: 'team', fieldManager: 'groundcrew', force: true, body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'team', annotations: { 'groundcrew.dev/applied': 'yes' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    );
    assert.equal(applied.metadata?.annotations?.['groundcrew.dev/applied'], 'yes');
    assert.ok(applied.metadata?.managedFields?.some((m) => m.manager === 'groundcrew' && m.operation === 'Apply'));
    const created = await apps.patchNamespacedDeployment(
      { name: 'fresh', namespace: 'team', fieldManager: 'groundcrew', body: deploymentManifest('fresh', 'team', 1) },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    );
    assert.ok(created.metadata?.uid, 'apply on a missing object creates it');
  });

  test('replaceNamespacedCustomObjectStatus writes only the status of a custom resource', async () => {
    sb.store.create({ group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' }, {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'environments.tronador.dev' },
      spec: { group: 'tronador.dev', scope: 'Namespaced', names: { plural: 'environments', kind: 'Environment' }, versions: [{ name: 'v1alpha2', served: true, storage: true, subresources: { status: {} } }] },
    });
    const custom = kc.makeApiClient(CustomObjectsApi);
    const created = (await custom.createNamespacedCustomObject({
      group: 'tronador.dev',
      version: 'v1alpha2',
      namespace: 'team',
      plural: 'environments',
      body: { apiVersion: 'tronador.dev/v1alpha2', kind: 'Environment', metadata: { name: 'pr-42' }, spec: { branch: 'feature' } },
    })) as { metadata: { resourceVersion: string } };
    const replaced = (await custom.replaceNamespacedCustomObjectStatus({
      group: 'tronador.dev',
      version: 'v1alpha2',
      namespace: 'team',
      plural: 'environments',
      name: 'pr-42',
      body: { apiVersion: 'tronador.dev/v1alpha2', kind: 'Environment', metadata: { name: 'pr-42', namespace: 'team', resourceVersion: created.metadata.resourceVersion }, spec: { branch: 'ignored' }, status: { phase: 'Ready' } },
    })) as { spec: { branch: string }; status: { phase: string } };
    assert.equal(replaced.status.phase, 'Ready');
    assert.equal(replaced.spec.branch, 'feature', 'the status subresource leaves spec alone');
  });

  test('errors arrive as ApiException with the Status body', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    await assert.rejects(core.readNamespacedPod({ name: 'missing', namespace: 'team' }), (err: { code?: number; body?: string }) => {
      assert.equal(err.code, 404);
      assert.equal(JSON.parse(err.body!).reason, 'NotFound');
      return true;
    });
  });
});
