import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import type { Sandbox } from '../../electron/core/sandbox/index.ts';
import { deploymentManifest, kubectl, kubectlHome, openSandbox, writeTemp } from '../support/sandbox-harness.ts';

/** The real kubectl v1.32 against the sandbox, default flags: writing commands. */

let sb: Sandbox;
let home: ReturnType<typeof kubectlHome>;
const k = (...args: string[]) => kubectl(sb, home.home, args);
const DEPLOY = { group: 'apps', resource: 'deployments' };
const file = (name: string, docs: unknown[]) => writeTemp(home.home, name, docs.map((d) => stringify(d)).join('---\n'));

before(async () => {
  home = kubectlHome();
  sb = await openSandbox();
  sb.store.create({ group: '', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } });
});

after(async () => {
  await sb.close();
  home.cleanup();
});

const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'certificates.cert-manager.io' },
  spec: {
    group: 'cert-manager.io',
    scope: 'Namespaced',
    names: { plural: 'certificates', singular: 'certificate', kind: 'Certificate', listKind: 'CertificateList', shortNames: ['cert', 'certs'] },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        additionalPrinterColumns: [
          { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
          { name: 'Secret', type: 'string', jsonPath: '.spec.secretName' },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
      },
    ],
  },
};
const cert = (name: string) => ({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name, namespace: 'apps' }, spec: { secretName: `${name}-tls`, dnsNames: ['tracetest.example'] } });

describe('kubectl writes to the sandbox', () => {
  test('apply --server-side of a CRD and its resources in one file: first run maps only the CRD, the second applies all', async () => {
    const manifest = file('crd-and-certs.yaml', [crd, cert('jwt-sign-cert'), cert('ingress-cert')]);
    const first = await k('apply', '--server-side', '-f', manifest);
    assert.equal(first.code, 1, 'kubectl maps every document before applying, as against a real cluster');
    assert.match(first.stdout, /customresourcedefinition.apiextensions.k8s.io\/certificates.cert-manager.io serverside-applied/);
    assert.match(first.stderr, /no matches for kind "Certificate" in version "cert-manager.io\/v1"\nensure CRDs are installed first/);
    const second = await k('apply', '--server-side', '-f', manifest);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /certificate.cert-manager.io\/jwt-sign-cert serverside-applied/);
    assert.match(second.stdout, /certificate.cert-manager.io\/ingress-cert serverside-applied/);
    const list = await k('get', 'certs', '-n', 'apps');
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^NAME\s+READY\s+SECRET\s+AGE$/m);
    assert.match(list.stdout, /^jwt-sign-cert\s+jwt-sign-cert-tls\s+\d+s$/m);
    const established = await k('get', 'crd', 'certificates.cert-manager.io', '-o', 'jsonpath={.status.conditions[?(@.type=="Established")].status}');
    assert.equal(established.stdout, 'True');
  });

  test('server-side apply: a conflict between two field managers, then --force-conflicts', async () => {
    const d = deploymentManifest('web', 'apps', 2);
    const mine = file('web.yaml', [d]);
    assert.equal((await k('apply', '--server-side', '-f', mine)).code, 0);
    const theirs = file('web-other.yaml', [{ ...d, spec: { ...d.spec, replicas: 5 } }]);
    const conflict = await k('apply', '--server-side', '--field-manager=other-team', '-f', theirs);
    assert.equal(conflict.code, 1);
    assert.match(conflict.stderr, /Apply failed with 1 conflict: conflict with "kubectl": \.spec\.replicas/);
    assert.equal((sb.store.get(DEPLOY, 'apps', 'web')!.spec as { replicas: number }).replicas, 2);
    const forced = await k('apply', '--server-side', '--field-manager=other-team', '--force-conflicts', '-f', theirs);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal((sb.store.get(DEPLOY, 'apps', 'web')!.spec as { replicas: number }).replicas, 5);
    const managers = (sb.store.get(DEPLOY, 'apps', 'web')!.metadata.managedFields as Array<{ manager: string }>).map((m) => m.manager);
    assert.ok(managers.includes('other-team'));
  });

  test('patch with each type: json, merge, strategic', async () => {
    const json = await k('patch', 'deploy', 'web', '-n', 'apps', '--type=json', '-p', '[{"op":"add","path":"/metadata/labels/tier","value":"front"}]');
    assert.equal(json.code, 0, json.stderr);
    assert.match(json.stdout, /deployment.apps\/web patched/);
    const merge = await k('patch', 'deploy', 'web', '-n', 'apps', '--type=merge', '-p', '{"metadata":{"annotations":{"owner":"ops"}}}');
    assert.equal(merge.code, 0, merge.stderr);
    const strategic = await k('patch', 'deploy', 'web', '-n', 'apps', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"main","image":"nginx:1.28"}]}}}}');
    assert.equal(strategic.code, 0, strategic.stderr);
    const live = sb.store.get(DEPLOY, 'apps', 'web')!;
    assert.equal(live.metadata.labels?.tier, 'front');
    assert.equal(live.metadata.annotations?.owner, 'ops');
    const containers = (live.spec as { template: { spec: { containers: Array<{ name: string; image: string; ports?: unknown[] }> } } }).template.spec.containers;
    assert.equal(containers.length, 1);
    assert.equal(containers[0]!.image, 'nginx:1.28');
    assert.ok(containers[0]!.ports, 'strategic merge kept the container ports');
    const bad = await k('patch', 'deploy', 'web', '-n', 'apps', '--type=json', '-p', '[{"op":"remove","path":"/spec/nothing"}]');
    assert.notEqual(bad.code, 0);
  });

  test('scale changes spec.replicas through the scale subresource', async () => {
    const r = await k('scale', 'deploy', 'web', '-n', 'apps', '--replicas=3');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /deployment.apps\/web scaled/);
    assert.equal((sb.store.get(DEPLOY, 'apps', 'web')!.spec as { replicas: number }).replicas, 3);
  });

  test('scale a custom resource through its CRD scale subresource paths', async () => {
    sb.store.create({ group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' }, {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'workerpools.ops.example' },
      spec: {
        group: 'ops.example',
        scope: 'Namespaced',
        names: { plural: 'workerpools', kind: 'WorkerPool' },
        versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {}, scale: { specReplicasPath: '.spec.size', statusReplicasPath: '.status.ready' } } }],
      },
    });
    sb.store.create({ group: 'ops.example', resource: 'workerpools' }, { apiVersion: 'ops.example/v1', kind: 'WorkerPool', metadata: { name: 'pool', namespace: 'apps' }, spec: { size: 1 } });
    const r = await k('scale', 'workerpool', 'pool', '-n', 'apps', '--replicas=4');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /workerpool.ops.example\/pool scaled/);
    assert.equal((sb.store.get({ group: 'ops.example', resource: 'workerpools' }, 'apps', 'pool')!.spec as { size: number }).size, 4);
  });

  test('create --dry-run=server validates on the server and stores nothing', async () => {
    const manifest = file('dry.yaml', [deploymentManifest('dry', 'apps')]);
    const r = await k('create', '--dry-run=server', '-f', manifest);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /deployment.apps\/dry created \(server dry run\)/);
    assert.equal(sb.store.get(DEPLOY, 'apps', 'dry'), undefined);
    const invalid = file('dry-bad.yaml', [{ ...deploymentManifest('Dry_Bad', 'apps') }]);
    const bad = await k('create', '--dry-run=server', '-f', invalid);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /The Deployment "Dry_Bad" is invalid: metadata.name: Invalid value: "Dry_Bad"/);
  });

  test('invalid objects are refused and nothing is stored', async () => {
    const before = sb.store.currentResourceVersion();
    const noName = await k('create', '-f', file('noname.yaml', [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'apps' }, data: { a: 'b' } }]));
    assert.equal(noName.code, 1);
    assert.match(noName.stderr, /The ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required/);
    const unknown = await k('apply', '-f', file('unknown.yaml', [{ apiVersion: 'v1', kind: 'Frobnicator', metadata: { name: 'x', namespace: 'apps' } }]));
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no matches for kind "Frobnicator" in version "v1"/);
    const wrongVersion = await k('apply', '-f', file('wrongver.yaml', [{ ...deploymentManifest('x', 'apps'), apiVersion: 'apps/v9' }]));
    assert.equal(wrongVersion.code, 1);
    assert.match(wrongVersion.stderr, /no matches for kind "Deployment" in version "apps\/v9"/);
    const d = deploymentManifest('two', 'apps');
    const wrongType = await k('apply', '-f', file('two.yaml', [{ ...d, spec: { ...d.spec, replicas: 'two' } }]));
    assert.equal(wrongType.code, 1);
    assert.match(wrongType.stderr, /Error from server \(BadRequest\).*cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32/);
    const wrongTypeSsa = await k('apply', '--server-side', '-f', file('two.yaml', [{ ...d, spec: { ...d.spec, replicas: 'two' } }]));
    assert.equal(wrongTypeSsa.code, 1);
    assert.equal(sb.store.get(DEPLOY, 'apps', 'two'), undefined);
    assert.equal(sb.store.currentResourceVersion(), before);
  });

  test('unknown fields: kubectl validates strictly on the server and nothing is stored', async () => {
    const d = deploymentManifest('typo', 'apps');
    const typo = { ...d, spec: { ...d.spec, replicaz: 3 } };
    const r = await k('apply', '-f', file('typo.yaml', [typo]));
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicaz"/);
    const ssa = await k('apply', '--server-side', '-f', file('typo.yaml', [typo]));
    assert.equal(ssa.code, 1);
    assert.match(ssa.stderr, /unknown field "spec.replicaz"/);
    assert.equal(sb.store.get(DEPLOY, 'apps', 'typo'), undefined);
    const lenient = await k('apply', '--validate=false', '-f', file('typo.yaml', [typo]));
    assert.equal(lenient.code, 0, lenient.stderr);
    assert.equal((sb.store.get(DEPLOY, 'apps', 'typo')!.spec as Record<string, unknown>).replicaz, undefined, 'unknown fields are dropped');
  });

  test('drain cordons the node and evicts its pods', async () => {
    sb.store.create({ group: '', resource: 'nodes' }, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } });
    for (const name of ['a', 'b']) sb.store.create({ group: '', resource: 'pods' }, { apiVersion: 'v1', kind: 'Pod', metadata: { name: `drain-${name}`, namespace: 'apps' }, spec: { nodeName: 'worker-1', containers: [{ name: 'main', image: 'busybox' }] } });
    const r = await k('drain', 'worker-1', '--force', '--timeout=20s');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /node\/worker-1 cordoned/);
    assert.match(r.stdout, /pod\/drain-a evicted/);
    assert.match(r.stdout, /node\/worker-1 drained/);
    assert.equal(sb.store.get({ group: '', resource: 'pods' }, 'apps', 'drain-a'), undefined);
    assert.equal((sb.store.get({ group: '', resource: 'nodes' }, undefined, 'worker-1')!.spec as { unschedulable?: boolean }).unschedulable, true);
  });

  test('delete with cascade: background removes dependents, orphan keeps them', async () => {
    const owner = sb.store.create(DEPLOY, deploymentManifest('owner', 'apps'));
    const ref = [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'owner', uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true }];
    const rs = (name: string) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'apps', ownerReferences: ref }, spec: { replicas: 1, selector: { matchLabels: { app: 'owner' } } } });
    sb.store.create({ group: 'apps', resource: 'replicasets' }, rs('owner-1'));
    const orphaned = await k('delete', 'deploy', 'owner', '-n', 'apps', '--cascade=orphan');
    assert.equal(orphaned.code, 0, orphaned.stderr);
    assert.match(orphaned.stdout, /deployment.apps "owner" deleted/);
    assert.ok(sb.store.get({ group: 'apps', resource: 'replicasets' }, 'apps', 'owner-1'), 'orphan keeps the replica set');
    const owner2 = sb.store.create(DEPLOY, deploymentManifest('owner2', 'apps'));
    sb.store.create({ group: 'apps', resource: 'replicasets' }, { ...rs('owner2-1'), metadata: { name: 'owner2-1', namespace: 'apps', ownerReferences: [{ ...ref[0]!, name: 'owner2', uid: owner2.metadata.uid! }] } });
    const background = await k('delete', 'deploy', 'owner2', '-n', 'apps');
    assert.equal(background.code, 0, background.stderr);
    assert.equal(sb.store.get({ group: 'apps', resource: 'replicasets' }, 'apps', 'owner2-1'), undefined);
    const owner3 = sb.store.create(DEPLOY, deploymentManifest('owner3', 'apps'));
    sb.store.create({ group: 'apps', resource: 'replicasets' }, { ...rs('owner3-1'), metadata: { name: 'owner3-1', namespace: 'apps', ownerReferences: [{ ...ref[0]!, name: 'owner3', uid: owner3.metadata.uid! }] } });
    const foreground = await k('delete', 'deploy', 'owner3', '-n', 'apps', '--cascade=foreground');
    assert.equal(foreground.code, 0, foreground.stderr);
    assert.equal(sb.store.get(DEPLOY, 'apps', 'owner3'), undefined);
    assert.equal(sb.store.get({ group: 'apps', resource: 'replicasets' }, 'apps', 'owner3-1'), undefined);
  });
});
