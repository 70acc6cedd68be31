import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../electron/core/cluster/view.ts';
import { configMap, deployment } from '../../support/objects.ts';
import { demoObjects, demoDnsProfile, findingsOf, ids } from '../../support/inspect.ts';

const profile = demoDnsProfile();
const stock = `.:53 {
    errors
    health { lameduck 5s }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf { max_concurrent 1000 }
    cache 30
    loop
    reload
    loadbalance
}
`;
const rewrites = `    rewrite name demo.localdev d-web.app.svc.cluster.local
    rewrite name regex (.*)\\.demo\\.localdev d-web.app.svc.cluster.local
`;
const patched = stock.replace('    errors\n', `    errors\n${rewrites}`);
const k3sStock = stock.replace('    reload\n', '    reload\n    import /etc/coredns/custom/*.override\n');
const corefile = (text: string) => configMap('coredns', 'kube-system', { Corefile: text });
const coredns = (ready: number) => deployment('coredns', 'kube-system', { replicas: 2, readyReplicas: ready });
const run = (extra: KubeObject[]) => findingsOf('dns', demoObjects({ add: extra }), profile);

describe('in-cluster DNS', () => {
  test('the stock Corefile resolves neither the hostname nor the wildcard', () => {
    const f = run([corefile(stock), coredns(2)]);
    assert.deepEqual(ids(f), ['dns.hostname-unresolved/kube-system/coredns/demo.localdev', 'dns.wildcard-unresolved/kube-system/coredns/*.demo.localdev']);
    assert.equal(f[0]!.fixId, 'dns.add-rewrite');
    assert.match(f[0]!.explanation, /10\.43\.0\.10/);
    assert.equal(f[0]!.component, 'dns');
  });

  test('rewrites to the ingress Service resolve both', () => {
    assert.deepEqual(run([corefile(patched), coredns(2)]), []);
  });

  test('an exact rewrite without the wildcard leaves only the wildcard finding', () => {
    const exactOnly = stock.replace('    errors\n', '    errors\n    rewrite name demo.localdev d-web.app.svc.cluster.local\n');
    assert.deepEqual(ids(run([corefile(exactOnly)])), ['dns.wildcard-unresolved/kube-system/coredns/*.demo.localdev']);
  });

  test('k3s coredns-custom overrides are honoured', () => {
    const custom = configMap('coredns-custom', 'kube-system', { 'tracetest.override': rewrites });
    assert.deepEqual(run([corefile(k3sStock), custom]), []);
    assert.equal(run([corefile(k3sStock)]).length, 2);
  });

  test('dns.coredns-not-ready', () => {
    assert.deepEqual(ids(run([corefile(patched), coredns(0)])), ['dns.coredns-not-ready/kube-system/coredns']);
  });

  test('a Corefile that does not parse is an error, not an unresolved name', () => {
    assert.deepEqual(ids(run([corefile('.:53 {\n  forward . 8.8.8.8\n')])), ['dns.corefile-invalid/kube-system/coredns']);
  });

  test('no CoreDNS ConfigMap: an info finding, resolution not judged', () => {
    const f = run([coredns(2)]);
    assert.deepEqual(ids(f), ['dns.corefile-missing/kube-system/coredns']);
    assert.equal(f[0]!.severity, 'info');
  });

  test('forbidden ConfigMaps give an info finding, no false unresolved', () => {
    const f = findingsOf('dns', demoObjects(), profile, {}, { kindStates: { ConfigMap: { state: 'forbidden', reason: 'denied' } } });
    assert.deepEqual(ids(f), ['inspect.forbidden/_/ConfigMap']);
  });

  test('a site domain override is what gets checked', () => {
    const f = findingsOf('dns', demoObjects({ add: [corefile(patched)] }), profile, { domains: { demo: 'demo.corp.example' } });
    assert.ok(f.some((x) => x.id === 'dns.hostname-unresolved/kube-system/coredns/demo.corp.example'));
  });
});
