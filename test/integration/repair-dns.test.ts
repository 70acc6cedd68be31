import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KubeObject } from '../../electron/core/cluster/view.ts';
import { configMap, deployment, service } from '../support/objects.ts';
import { comparable, eventually, startRig, type RepairRig } from './repair-harness.ts';

let rig: RepairRig;
const CM = '/api/v1/namespaces/kube-system/configmaps/coredns';
const DEPLOY = '/apis/apps/v1/namespaces/kube-system/deployments/coredns';
// kubeadm's Corefile without the reload plugin: the fix must restart CoreDNS itself.
const corefile = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    loadbalance
}
`;
const hostId = 'dns.hostname-unresolved/kube-system/coredns/tracetest.localdev';
const wildId = 'dns.wildcard-unresolved/kube-system/coredns/*.tracetest.localdev';

before(async () => {
  rig = await startRig({}, { controllers: true });
  rig.seed(
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } }, spec: { podCIDR: '10.244.0.0/24' } },
    configMap('coredns', 'kube-system', { Corefile: corefile }),
    deployment('coredns', 'kube-system', { podLabels: { 'k8s-app': 'kube-dns' }, replicas: 1, containers: [{ name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.3' }] }),
    service('kube-dns', 'kube-system', { selector: { 'k8s-app': 'kube-dns' }, clusterIP: '10.96.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] }),
    deployment('tt-tracetest-frontend', 'default', { containers: [{ ports: [{ name: 'http', containerPort: 3000 }] }] }),
    service('ttdeps-traefik', 'default', { selector: { app: 'traefik' }, clusterIP: '10.43.0.80', ports: [{ name: 'websecure', port: 443 }] }),
  );
});
after(() => rig.close());

describe('dns.add-rewrite on the sandbox', () => {
  test('unresolved → plan (Corefile + restart) → apply → resolves inside the cluster → undo → unresolved again', async () => {
    const findings = await rig.findings();
    assert.ok(findings.some((f) => f.id === hostId) && findings.some((f) => f.id === wildId), findings.map((f) => f.id).join('\n'));
    const cmBefore = await rig.get(CM);
    const deployBefore = await rig.get(DEPLOY);

    const plan = await rig.service.plan(hostId);
    assert.equal(plan.appliable, true, plan.blockedBy);
    assert.deepEqual(plan.changes.map((c) => `${c.action} ${c.ref.kind}`), ['patch ConfigMap', 'patch Deployment']);
    assert.match(plan.changes[0]!.diff, /^\+ +rewrite name exact tracetest\.localdev ttdeps-traefik\.default\.svc\.cluster\.local # groundcrew:tracetest-onprem$/m);
    assert.deepEqual(plan.permissions.map((p) => `${p.verb} ${p.resource} ${p.namespace}`), ['patch configmaps kube-system', 'patch deployments kube-system']);

    const progress: string[] = [];
    const { entry, verification } = await rig.service.apply(plan.planId, (e) => progress.push(e.message));
    assert.equal(verification.ok, true, verification.message);
    assert.match(verification.message, /tracetest\.localdev resolves inside the cluster/);
    assert.ok(progress.some((m) => /looking up tracetest\.localdev from inside the cluster/.test(m)), progress.join('\n'));
    const fixed = await rig.findings();
    assert.ok(!fixed.some((f) => f.id === hostId || f.id === wildId), 'the wildcard is fixed by the same plan');
    const patched = ((await rig.get(CM)).data as { Corefile: string }).Corefile;
    assert.equal(patched.replace(/^.*# groundcrew:tracetest-onprem\n/gm, ''), corefile, 'every other byte of the Corefile is unchanged');
    const restartedAt = (await rig.get(DEPLOY)).spec as { template: { metadata: { annotations?: Record<string, string> } } };
    assert.ok(restartedAt.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']);
    const lookupJobs = await rig.client.request<{ items: KubeObject[] }>({ path: '/apis/batch/v1/namespaces/default/jobs' });
    assert.equal(lookupJobs.items.filter((j) => j.metadata.name.startsWith('groundcrew-dns-lookup-') && !j.metadata.deletionTimestamp).length, 0, 'the lookup Job is cleaned up');

    await rig.service.undo(entry.id);
    assert.deepEqual(comparable(await rig.get(CM)), comparable(cmBefore));
    assert.deepEqual(comparable(await rig.get(DEPLOY), true), comparable(deployBefore, true));
    await eventually(async () => ((await rig.findings()).some((f) => f.id === hostId) ? true : undefined), 'the check to fail again');
  });
});

describe('a write failing part-way', () => {
  test('puts back the changes already written, so the plan is all or nothing', async () => {
    const plan = await rig.service.plan(hostId);
    assert.equal(plan.changes.length, 2);
    rig.sandbox.faults.set({ errors: [{ verb: 'patch', group: 'apps', resource: 'deployments', rate: 1, message: 'etcdserver: request timed out' }] });
    try {
      await assert.rejects(rig.service.apply(plan.planId), (err: Error) => {
        assert.match(err.message, /^Deployment kube-system\/coredns: .*etcdserver: request timed out; the 1 earlier change\(s\) were put back$/);
        return true;
      });
    } finally {
      rig.sandbox.faults.set({});
    }
    assert.equal(((await rig.get(CM)).data as { Corefile: string }).Corefile, corefile);
    const journal = await rig.service.journal();
    assert.ok(!journal.entries.some((e) => e.findingId === hostId && !e.undoOf && !e.undoneBy), 'a refused apply leaves no journal entry of a change');
  });
});

describe('a write failing part-way when putting back fails too', () => {
  test('journals what stayed written, so it can be undone once the cluster answers again', async () => {
    const plan = await rig.service.plan(hostId);
    rig.sandbox.faults.set({ errors: [{ verb: 'patch', group: 'apps', resource: 'deployments', rate: 1 }, { verb: 'get', group: '', resource: 'configmaps', rate: 1 }] });
    try {
      await assert.rejects(rig.service.apply(plan.planId), /putting back the 1 earlier change\(s\) failed too .*undo them from there/);
    } finally {
      rig.sandbox.faults.set({});
    }
    assert.notEqual(((await rig.get(CM)).data as { Corefile: string }).Corefile, corefile, 'the Corefile edit stayed');
    const partial = (await rig.service.journal()).entries.find((e) => e.findingId === hostId && !e.undoneBy && !e.undoOf && !e.verification.ok);
    assert.ok(partial, 'the partial apply is journaled');
    assert.match(partial.verification.message, /^stopped part-way/);
    assert.deepEqual(partial.changes.map((c) => c.ref.kind), ['ConfigMap']);
    await rig.service.undo(partial.id);
    assert.equal(((await rig.get(CM)).data as { Corefile: string }).Corefile, corefile);
  });
});

describe('dns.add-rewrite on a k3s-style CoreDNS', () => {
  test('goes into coredns-custom (created, then deleted by undo); the Corefile is not touched', async () => {
    const k3s = corefile.replace('    loop\n', '    loop\n    reload\n    import /etc/coredns/custom/*.override\n');
    await rig.client.request({ method: 'PATCH', path: CM, body: { data: { Corefile: k3s } }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    await eventually(async () => ((await rig.findings()).some((f) => f.id === hostId) ? true : undefined), 'the hostname finding');
    const plan = await rig.service.plan(hostId);
    assert.deepEqual(plan.changes.map((c) => `${c.action} ${c.ref.kind} ${c.ref.name}`), ['create ConfigMap coredns-custom'], 'reload is on: no restart');
    const { entry, verification } = await rig.service.apply(plan.planId);
    assert.equal(verification.ok, true, verification.message);
    const custom = await rig.get('/api/v1/namespaces/kube-system/configmaps/coredns-custom');
    assert.deepEqual(Object.keys(custom.data as object), ['groundcrew-tracetest-onprem.override']);
    assert.equal(((await rig.get(CM)).data as { Corefile: string }).Corefile, k3s);
    await rig.service.undo(entry.id);
    await assert.rejects(rig.get('/api/v1/namespaces/kube-system/configmaps/coredns-custom'), /NotFound/);
    await eventually(async () => ((await rig.findings()).some((f) => f.id === hostId) ? true : undefined), 'the check to fail again');
  });
});
