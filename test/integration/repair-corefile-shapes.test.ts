import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { KubeObject } from '../../electron/core/cluster/view.ts';
import { core } from '../../electron/core/sandbox/store/types.ts';
import { configMap, deployment, service } from '../support/objects.ts';
import { startRig, type RepairRig } from './repair-harness.ts';

/**
 * dns.add-rewrite through the whole repair path (plan, server dry run, apply, verify with an
 * in-cluster lookup, journal, undo) on every real-world Corefile shape we keep as a fixture.
 */
const FIXTURES = path.join(process.cwd(), 'test', 'fixtures', 'corefiles');
const shapes = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.Corefile')).sort();
const hostId = 'dns.hostname-unresolved/kube-system/coredns/tracetest.localdev';
const CM = '/api/v1/namespaces/kube-system/configmaps/coredns';
const CUSTOM = '/api/v1/namespaces/kube-system/configmaps/coredns-custom';
let rig: RepairRig;

before(async () => {
  rig = await startRig({}, { controllers: true });
  rig.seed(
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } }, spec: { podCIDR: '10.244.0.0/24' } },
    configMap('coredns', 'kube-system', { Corefile: '.:53 {\n    kubernetes cluster.local\n}\n' }),
    deployment('coredns', 'kube-system', { podLabels: { 'k8s-app': 'kube-dns' }, replicas: 1, containers: [{ name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.3' }] }),
    service('kube-dns', 'kube-system', { selector: { 'k8s-app': 'kube-dns' }, clusterIP: '10.96.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] }),
    deployment('tt-tracetest-frontend', 'default', { containers: [{ ports: [{ name: 'http', containerPort: 3000 }] }] }),
    service('ttdeps-traefik', 'default', { selector: { app: 'traefik' }, clusterIP: '10.43.0.80', ports: [{ name: 'websecure', port: 443 }] }),
  );
});
after(() => rig.close());

const corefileNow = async () => ((await rig.get(CM)).data as { Corefile: string }).Corefile;

function setCorefile(text: string) {
  const live = rig.sandbox.store.get(core('configmaps'), 'kube-system', 'coredns')!;
  rig.sandbox.store.update(core('configmaps'), { ...live, data: { Corefile: text } } as KubeObject);
  const custom = rig.sandbox.store.get(core('configmaps'), 'kube-system', 'coredns-custom');
  if (custom) rig.sandbox.store.delete(core('configmaps'), 'kube-system', 'coredns-custom');
}

describe(`dns.add-rewrite on ${shapes.length} real-world Corefile shapes`, () => {
  test('there are at least ten shapes', () => assert.ok(shapes.length >= 10, shapes.join(', ')));

  for (const shape of shapes) {
    test(shape, async () => {
      const original = fs.readFileSync(path.join(FIXTURES, shape), 'utf8');
      setCorefile(original);
      const findings = await rig.findings();
      if (/rewrite name exact tracetest\.localdev ttdeps-traefik\.default\.svc\.cluster\.local # groundcrew:/.test(original)) {
        // A Corefile we already fixed: the check sees the name resolve, and there is nothing to plan or change.
        assert.ok(!findings.some((f) => f.id === hostId), `${shape}: already fixed, yet reported`);
        await assert.rejects(rig.service.plan(hostId));
        assert.equal(await corefileNow(), original);
        return;
      }
      assert.ok(findings.some((f) => f.id === hostId), `${shape}: the hostname should not resolve before the fix:\n${findings.map((f) => f.id).join('\n')}`);

      const plan = await rig.service.plan(hostId);
      assert.equal(plan.appliable, true, plan.blockedBy);
      const { entry, verification } = await rig.service.apply(plan.planId);
      assert.equal(verification.ok, true, `${shape}: ${verification.message}`);
      const patched = await corefileNow();
      const viaOverride = plan.changes.some((c) => c.ref.name === 'coredns-custom');
      if (viaOverride) assert.equal(patched, original, `${shape}: a k3s-style setup is fixed in coredns-custom; the Corefile stays as it was`);
      else {
        assert.notEqual(patched, original);
        // Every byte outside our marked lines is the original's: other teams' blocks are untouched.
        assert.equal(patched.replace(/^.*# groundcrew:tracetest-onprem\r?\n/gm, ''), original, `${shape}: only marked lines were added`);
      }

      // Applying twice changes nothing: the finding is gone, so there is nothing to plan.
      assert.ok(!(await rig.findings()).some((f) => f.id === hostId));
      await assert.rejects(rig.service.plan(hostId));
      assert.equal(await corefileNow(), patched);

      await rig.service.undo(entry.id);
      assert.equal(await corefileNow(), original, `${shape}: undo gives back the original byte for byte`);
      if (viaOverride) await assert.rejects(rig.get(CUSTOM), 'undo deletes the coredns-custom ConfigMap it created');
      assert.ok((await rig.findings()).some((f) => f.id === hostId), `${shape}: after undo the finding is back`);
    });
  }
});
