/**
 * The DNS lookup Job against real scenarios: the answer comes from the cluster's own Corefile
 * through the offline CoreDNS resolver, so the healthy Tracetest scenario resolves its hostname
 * (and any name under it) to the Traefik Service, and the broken one answers NXDOMAIN.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../electron/core/cluster/view.ts';
import { runScenario, type RunningScenario } from '../support/sandbox-scenario.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function lookup(s: RunningScenario, jobName: string, host: string): Promise<{ job: KubeObject; log: string[] }> {
  s.store.create(
    { group: 'batch', resource: 'jobs' },
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: jobName, namespace: 'default', annotations: { 'sandbox.groundcrew.dev/dns-lookup': host } },
      spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'lookup', image: 'registry.airgap.local:5000/busybox:1.36', command: ['nslookup', host] }] } } },
    },
  );
  await s.manager.settle();
  const job = s.get('batch/v1', 'Job', 'default', jobName)!;
  const pod = s.list('v1', 'Pod', 'default').find((p) => p.metadata.labels?.['job-name'] === jobName)!;
  return { job, log: s.logs('default', pod.metadata.name, 'lookup') };
}

const condition = (o: KubeObject, type: string) => ((o.status as Any).conditions as Any[] | undefined)?.find((c) => c.type === type);

describe('DNS lookup Jobs', () => {
  let healthy: RunningScenario;
  let broken: RunningScenario;
  before(async () => {
    healthy = await runScenario('tracetest-healthy', { settleMinutes: 0 });
    broken = await runScenario('tracetest-broken', { settleMinutes: 0 });
  });
  after(() => {
    healthy.stop();
    broken.stop();
  });

  test('the stack hostname resolves to the Traefik Service when the Corefile has the rewrite', async () => {
    const traefikIp = (healthy.get('v1', 'Service', 'tracetest', 'ttdeps-traefik')!.spec as Any).clusterIP;
    for (const [job, host] of [['lookup-host', 'tracetest.localdev'], ['lookup-wildcard', 'agent-1.tracetest.localdev']] as const) {
      const r = await lookup(healthy, job, host);
      assert.equal(condition(r.job, 'Complete')?.status, 'True', r.log.join('\n'));
      assert.ok(r.log.includes(`Address: ${traefikIp}`), r.log.join('\n'));
      assert.ok(r.log.some((l) => l.startsWith('Server:') && l.includes('10.96.0.10')));
    }
  });

  test('a Service name resolves to its cluster IP', async () => {
    const ip = (healthy.get('v1', 'Service', 'tracetest', 'tt-nats')!.spec as Any).clusterIP;
    const r = await lookup(healthy, 'lookup-svc', 'tt-nats.tracetest.svc.cluster.local');
    assert.ok(r.log.includes(`Address: ${ip}`), r.log.join('\n'));
  });

  test('without the rewrite the lookup fails with NXDOMAIN', async () => {
    const r = await lookup(broken, 'lookup-host', 'tracetest.localdev');
    assert.equal(condition(r.job, 'Failed')?.status, 'True');
    assert.ok(r.log.includes("** server can't find tracetest.localdev: NXDOMAIN"), r.log.join('\n'));
  });

  test('editing the Corefile in place fixes later lookups', async () => {
    const cm = broken.get('v1', 'ConfigMap', 'kube-system', 'coredns')!;
    const fixed = structuredClone(cm);
    (fixed.data as Record<string, string>).Corefile = (healthy.get('v1', 'ConfigMap', 'kube-system', 'coredns')!.data as Record<string, string>).Corefile!;
    broken.store.update({ group: '', resource: 'configmaps' }, fixed);
    const r = await lookup(broken, 'lookup-again', 'tracetest.localdev');
    assert.equal(condition(r.job, 'Complete')?.status, 'True', r.log.join('\n'));
  });
});
