import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../electron/core/sandbox/index.ts';
import { kubectl, kubectlHome, openSandbox } from '../support/sandbox-harness.ts';

/**
 * kubectl's imperative `create` commands go through typed clients that send Kubernetes protobuf,
 * not JSON: these check the sandbox stores what kubectl meant.
 */

let sb: Sandbox;
let home: ReturnType<typeof kubectlHome>;
const k = (...args: string[]) => kubectl(sb, home.home, args);
const get = (group: string, resource: string, ns: string | undefined, name: string) => sb.store.get({ group, resource }, ns, name);

before(async () => {
  home = kubectlHome();
  sb = await openSandbox();
});
after(async () => {
  await sb.close();
  home.cleanup();
});

describe('kubectl create (protobuf request bodies)', () => {
  test('namespace, configmap, secret', async () => {
    assert.equal((await k('create', 'namespace', 'ops')).stdout.trim(), 'namespace/ops created');
    const cm = await k('create', 'configmap', 'settings', '-n', 'ops', '--from-literal=mode=offline', '--from-literal=level=3');
    assert.equal(cm.code, 0, cm.stderr);
    assert.deepEqual(get('', 'configmaps', 'ops', 'settings')!.data, { mode: 'offline', level: '3' });
    const secret = await k('create', 'secret', 'generic', 'creds', '-n', 'ops', '--from-literal=password=s3cret');
    assert.equal(secret.code, 0, secret.stderr);
    const stored = get('', 'secrets', 'ops', 'creds')!;
    assert.equal(stored.type, 'Opaque');
    assert.equal(Buffer.from((stored.data as Record<string, string>).password!, 'base64').toString(), 's3cret');
    const shown = await k('get', 'secret', 'creds', '-n', 'ops', '-o', 'jsonpath={.data.password}');
    assert.equal(Buffer.from(shown.stdout, 'base64').toString(), 's3cret');
  });

  test('deployment, service, job, role: nested specs, ports, int-or-string and lists survive', async () => {
    const d = await k('create', 'deployment', 'web', '-n', 'ops', '--image=nginx:1.27', '--replicas=3', '--port=8080');
    assert.equal(d.code, 0, d.stderr);
    const dep = get('apps', 'deployments', 'ops', 'web')! as unknown as { spec: { replicas: number; selector: { matchLabels: Record<string, string> }; template: { spec: { containers: Array<{ image: string; ports: Array<{ containerPort: number }> }> } } } };
    assert.equal(dep.spec.replicas, 3);
    assert.deepEqual(dep.spec.selector.matchLabels, { app: 'web' });
    assert.equal(dep.spec.template.spec.containers[0]!.image, 'nginx:1.27');
    assert.equal(dep.spec.template.spec.containers[0]!.ports[0]!.containerPort, 8080);
    const svc = await k('create', 'service', 'clusterip', 'web', '-n', 'ops', '--tcp=80:8080');
    assert.equal(svc.code, 0, svc.stderr);
    const ports = (get('', 'services', 'ops', 'web')!.spec as { ports: Array<{ port: number; targetPort: unknown }> }).ports;
    assert.equal(ports[0]!.port, 80);
    assert.equal(ports[0]!.targetPort, 8080);
    const job = await k('create', 'job', 'migrate', '-n', 'ops', '--image=busybox:1.36', '--', 'sh', '-c', 'echo done');
    assert.equal(job.code, 0, job.stderr);
    const container = (get('batch', 'jobs', 'ops', 'migrate')!.spec as { template: { spec: { containers: Array<{ command: string[] }> } } }).template.spec.containers[0]!;
    assert.deepEqual(container.command, ['sh', '-c', 'echo done']);
    const role = await k('create', 'role', 'reader', '-n', 'ops', '--verb=get,list', '--resource=pods,configmaps');
    assert.equal(role.code, 0, role.stderr);
    const rules = get('rbac.authorization.k8s.io', 'roles', 'ops', 'reader')!.rules as Array<{ verbs: string[]; resources: string[]; apiGroups: string[] }>;
    assert.deepEqual(rules[0]!.verbs, ['get', 'list']);
    assert.deepEqual(rules[0]!.apiGroups, ['']);
  });

  test('quota, priority class, disruption budget: quantities and int-or-string decode', async () => {
    assert.equal((await k('create', 'quota', 'small', '-n', 'ops', '--hard=cpu=2,memory=1Gi,pods=10')).code, 0);
    assert.deepEqual((get('', 'resourcequotas', 'ops', 'small')!.spec as { hard: Record<string, string> }).hard, { cpu: '2', memory: '1Gi', pods: '10' });
    const quota = await k('get', 'quota', 'small', '-n', 'ops');
    assert.match(quota.stdout, /^small\s+\S+\s+cpu: 0\/2, memory: 0\/1Gi, pods: 0\/10\s*$/m);
    assert.equal((await k('create', 'priorityclass', 'critical', '--value=100000', '--description=ops')).code, 0);
    assert.equal(get('scheduling.k8s.io', 'priorityclasses', undefined, 'critical')!.value, 100000);
    assert.equal((await k('create', 'pdb', 'web', '-n', 'ops', '--selector=app=web', '--max-unavailable=25%')).code, 0);
    assert.equal((get('policy', 'poddisruptionbudgets', 'ops', 'web')!.spec as { maxUnavailable: unknown }).maxUnavailable, '25%');
  });

  test('create --dry-run=server through protobuf stores nothing', async () => {
    const r = await k('create', 'configmap', 'dry', '-n', 'ops', '--from-literal=a=b', '--dry-run=server');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /configmap\/dry created \(server dry run\)/);
    assert.equal(get('', 'configmaps', 'ops', 'dry'), undefined);
  });

  test('delete namespace removes what it holds', async () => {
    const r = await k('delete', 'namespace', 'ops');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /namespace "ops" deleted/);
    assert.equal(get('', 'namespaces', undefined, 'ops'), undefined);
    assert.equal(sb.store.list({ group: '', resource: 'configmaps' }, 'ops').length, 0);
    assert.equal(sb.store.list({ group: 'apps', resource: 'deployments' }, 'ops').length, 0);
  });
});
