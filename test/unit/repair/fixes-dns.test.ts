import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildClusterView, type KubeObject } from '../../../electron/core/cluster/view.ts';
import { defaultRepairOptions, type PlanContext } from '../../../electron/core/repair/fix.ts';
import { dnsAddRewrite } from '../../../electron/core/repair/fixes/dns-add-rewrite.ts';
import { configMap, deployment } from '../../support/objects.ts';
import { demoObjects, demoDnsProfile, demoProfile, findingsOf, ids } from '../../support/inspect.ts';

const profile = demoDnsProfile();
const ctx: PlanContext = { profiles: [profile], options: defaultRepairOptions, now: () => new Date('2026-11-22T01:02:03.456Z') };
const stock = `.:53 {
    errors
    health { lameduck 5s }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    forward . /etc/resolv.conf
    cache 30
    reload
}
`;
const noReload = stock.replace('    reload\n', '');
const k3s = stock.replace('    reload\n', '    reload\n    import /etc/coredns/custom/*.override\n');
const corefile = (text: string) => configMap('coredns', 'kube-system', { Corefile: text });
const coredns = () => deployment('coredns', 'kube-system', { replicas: 2 });

/** Plans the fix for the hostname finding, applies the planned `after` objects, and re-runs the DNS check. */
function planAndCheck(objects: KubeObject[]) {
  const findings = findingsOf('dns', objects, profile);
  const f = findings.find((x) => x.checkId === 'dns.hostname-unresolved');
  assert.ok(f, 'the DNS check reports the hostname');
  const result = dnsAddRewrite.plan(buildClusterView(objects), f, ctx);
  const key = (o: { kind: string; metadata: { namespace?: string; name: string } }) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
  const afters = new Map(result.changes.map((c) => [key(c.after as KubeObject), c.after as KubeObject]));
  const applied = [...objects.map((o) => afters.get(key(o)) ?? o), ...[...afters.values()].filter((a) => !objects.some((o) => key(o) === key(a)))];
  return { result, before: findings, after: findingsOf('dns', applied, profile) };
}

describe('dns.add-rewrite', () => {
  test('patches the Corefile in place: only marked rewrite lines are added, and both names then resolve', () => {
    const { result, before, after } = planAndCheck(demoObjects({ add: [corefile(stock), coredns()] }));
    assert.equal(before.length, 2);
    assert.deepEqual(ids(after), []);
    assert.equal(result.changes.length, 1, 'reload is on: no restart');
    const next = (result.changes[0]!.after!.data as { Corefile: string }).Corefile;
    const added = next.split('\n').filter((l) => !stock.split('\n').includes(l));
    assert.deepEqual(added, ['    rewrite name exact demo.localdev d-web.app.svc.cluster.local # groundcrew:demo', '    rewrite name regex (.*)\\.demo\\.localdev\\.$ d-web.app.svc.cluster.local # groundcrew:demo']);
    assert.equal(next.replace(/^.*# groundcrew:demo\n/gm, ''), stock, 'removing our lines gives the original back, byte for byte');
    assert.match(result.explanation, /reloads it by itself/);
  });

  test('without the reload plugin, CoreDNS is restarted by a rollout-restart annotation in the same plan', () => {
    const { result, after } = planAndCheck(demoObjects({ add: [corefile(noReload), coredns()] }));
    assert.deepEqual(ids(after), []);
    assert.deepEqual(result.changes.map((c) => `${c.ref.kind}/${c.ref.name}`), ['ConfigMap/coredns', 'Deployment/coredns']);
    assert.deepEqual(result.changes[1]!.patch?.body, { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-22T01:02:03Z' } } } } });
  });

  test('k3s-style setups get a groundcrew-<marker>.override key in coredns-custom and the Corefile is left alone', () => {
    const { result, after } = planAndCheck(demoObjects({ add: [corefile(k3s), coredns()] }));
    assert.deepEqual(ids(after), []);
    assert.equal(result.changes.length, 1);
    assert.equal(result.changes[0]!.action, 'create');
    assert.deepEqual(Object.keys((result.changes[0]!.after as { data: object }).data), ['groundcrew-demo.override']);
  });

  test('an existing coredns-custom is patched, keeping its other keys', () => {
    const custom = configMap('coredns-custom', 'kube-system', { 'team.server': 'example.org:53 {\n  forward . 10.0.0.1\n}\n' });
    const { result } = planAndCheck(demoObjects({ add: [corefile(k3s), coredns(), custom] }));
    assert.equal(result.changes[0]!.action, 'patch');
    assert.deepEqual(Object.keys(result.changes[0]!.patch!.body as { data: object }), ['data']);
    assert.deepEqual(Object.keys((result.changes[0]!.after as { data: object }).data).sort(), ['groundcrew-demo.override', 'team.server']);
  });
});

describe('dns.add-rewrite without a wildcard (Testkube-style subdomains)', () => {
  test('one exact rewrite per name, each with its own marker, and every name then resolves', () => {
    const sub = demoProfile({ hostnames: { domain: 'demo.localdev', wildcard: false, subdomains: ['dashboard', 'api'], ingressService: { name: '{release}-web' } } });
    const objects = demoObjects({ add: [corefile(stock), coredns()] });
    const findings = findingsOf('dns', objects, sub);
    assert.deepEqual(ids(findings), ['dns.hostname-unresolved/kube-system/coredns/api.demo.localdev', 'dns.hostname-unresolved/kube-system/coredns/dashboard.demo.localdev', 'dns.hostname-unresolved/kube-system/coredns/demo.localdev']);
    const dashboard = findings.find((f) => f.id.endsWith('/dashboard.demo.localdev'))!;
    const { changes } = dnsAddRewrite.plan(buildClusterView(objects), dashboard, { ...ctx, profiles: [sub] });
    const next = (changes[0]!.after!.data as { Corefile: string }).Corefile;
    assert.deepEqual(next.split('\n').filter((l) => l.includes('# groundcrew:')).map((l) => l.trim()), [
      'rewrite name exact demo.localdev d-web.app.svc.cluster.local # groundcrew:demo',
      'rewrite name exact dashboard.demo.localdev d-web.app.svc.cluster.local # groundcrew:demo.1',
      'rewrite name exact api.demo.localdev d-web.app.svc.cluster.local # groundcrew:demo.2',
    ]);
    const applied = objects.map((o) => (o.kind === 'ConfigMap' && o.metadata.name === 'coredns' ? (changes[0]!.after as KubeObject) : o));
    assert.deepEqual(findingsOf('dns', applied, sub), []);
  });
});
