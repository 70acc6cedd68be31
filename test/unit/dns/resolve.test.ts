import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCorefile, planHostnameRewrite, resolveName, type ClusterDns } from '../../../electron/core/dns/index.ts';
import { CLUSTER, fixture } from './fixtures.ts';

const resolve = (text: string, name: string, cluster: ClusterDns = CLUSTER) => resolveName(parseCorefile(text), name, cluster);

/** A kubeadm-like block with extra plugin lines. */
const block = (extra: string, k8s = 'kubernetes cluster.local in-addr.arpa ip6.arpa {\n    pods insecure\n    fallthrough in-addr.arpa ip6.arpa\n  }') =>
  `.:53 {\n  errors\n  ${extra}\n  ${k8s}\n  forward . /etc/resolv.conf\n  cache 30\n}\n`;

describe('server block selection', () => {
  test('the longest matching zone on port 53 wins; other ports are ignored', () => {
    const text = '.:53 {\n  hosts {\n    1.1.1.1 a.corp.test\n  }\n}\ncorp.test:53 {\n  hosts {\n    2.2.2.2 a.corp.test\n  }\n}\ncorp.test:1053 {\n  hosts {\n    3.3.3.3 a.corp.test\n  }\n}\n';
    const r = resolve(text, 'A.Corp.Test');
    assert.equal(r.answer, '2.2.2.2');
    assert.equal(r.via[0], 'server block corp.test:53');
    assert.equal(resolve(text, 'a.test').via[0], 'server block .:53');
  });

  test('no block serving the name → REFUSED', () => {
    const r = resolve('example.com:53 {\n  whoami\n}\n', 'tracetest.localdev');
    assert.equal(r.rcode, 'REFUSED');
    assert.match(r.via[0]!, /no server block serves tracetest\.localdev/);
  });

  test('a name that is not a domain name → SERVFAIL with the reason', () => {
    const r = resolve(fixture('kubeadm.Corefile'), 'bad name!');
    assert.equal(r.rcode, 'SERVFAIL');
    assert.match(r.via[0]!, /not a valid domain name/);
  });
});

describe('kubernetes', () => {
  const text = fixture('kubeadm.Corefile');
  test('service → ClusterIP, with the trail', () => {
    const r = resolve(text, 'ttdeps-traefik.default.svc.cluster.local');
    assert.deepEqual([r.rcode, r.answer, r.answerName], ['NOERROR', '10.43.0.50', 'ttdeps-traefik.default.svc.cluster.local']);
    assert.deepEqual(r.via, ['server block .:53', 'kubernetes cluster.local: service ttdeps-traefik.default → 10.43.0.50']);
  });
  test('headless → first pod IP; its endpoints by dashed IP; none ready → NXDOMAIN', () => {
    assert.equal(resolve(text, 'nats.tracetest.svc.cluster.local').answer, '10.42.0.31');
    assert.equal(resolve(text, '10-42-0-32.nats.tracetest.svc.cluster.local').answer, '10.42.0.32');
    assert.equal(resolve(text, 'mongo.tracetest.svc.cluster.local').rcode, 'NXDOMAIN');
  });
  test('unknown service, namespace record, pod records', () => {
    assert.equal(resolve(text, 'nope.default.svc.cluster.local').rcode, 'NXDOMAIN');
    const ns = resolve(text, 'payments.svc.cluster.local');
    assert.deepEqual([ns.rcode, ns.answer], ['NOERROR', undefined]);
    assert.equal(resolve(text, 'ghost.svc.cluster.local').rcode, 'NXDOMAIN');
    assert.equal(resolve(text, '10-42-0-9.default.pod.cluster.local').answer, '10.42.0.9');
    const disabled = resolve(block('', 'kubernetes cluster.local'), '10-42-0-9.default.pod.cluster.local');
    assert.equal(disabled.rcode, 'NXDOMAIN');
    assert.match(disabled.via.at(-1)!, /pod records are disabled/);
  });
  test('fallthrough passes only its zones on: a reverse name reaches forward', () => {
    const r = resolve(text, '9.0.42.10.in-addr.arpa');
    assert.match(r.via.at(-1)!, /^forward/);
  });
  test('a Corefile whose kubernetes plugin does not serve the cluster domain says so', () => {
    const r = resolve(block('', 'kubernetes k8s.internal'), 'ttdeps-traefik.default.svc.cluster.local');
    assert.ok(r.via.some((v) => /does not serve the cluster domain cluster\.local/.test(v)));
    assert.equal(resolve(block('', 'kubernetes k8s.internal'), 'ttdeps-traefik.default.svc.k8s.internal').answer, '10.43.0.50');
  });
});

describe('forward (no upstream in the sandbox)', () => {
  const text = fixture('kubeadm.Corefile');
  test('private suffixes → NXDOMAIN, other names → SERVFAIL, never REFUSED', () => {
    for (const name of ['tracetest.localdev', 'x.corp.internal', 'printer.local', 'a.test']) assert.equal(resolve(text, name).rcode, 'NXDOMAIN', name);
    const pub = resolve(text, 'registry.example.org');
    assert.equal(pub.rcode, 'SERVFAIL');
    assert.match(pub.via.at(-1)!, /no upstream reachable/);
  });
  test('forward FROM limits what goes upstream; except names fall to the end of the chain', () => {
    assert.equal(resolve('.:53 {\n  forward corp.test 10.0.0.1\n}\n', 'a.other.test').rcode, 'SERVFAIL');
    const r = resolve('.:53 {\n  forward . 10.0.0.1 {\n    except corp.test\n  }\n}\n', 'a.corp.test');
    assert.equal(r.rcode, 'SERVFAIL');
    assert.match(r.via.at(-1)!, /no plugin answered/);
  });
});

describe('rewrite', () => {
  test('exact: the answer comes back under the asked name; plugin order beats line order', () => {
    const text = '.:53 {\n  kubernetes cluster.local\n  rewrite name exact db.corp.test postgres.payments.svc.cluster.local\n}\n';
    const r = resolve(text, 'db.corp.test');
    assert.equal(r.answer, '10.43.7.7');
    assert.equal(r.answerName, 'db.corp.test');
    assert.deepEqual(r.via.slice(1), ['rewrite name exact db.corp.test → postgres.payments.svc.cluster.local', 'kubernetes cluster.local: service postgres.payments → 10.43.7.7']);
    assert.equal(resolve(text, 'x.db.corp.test').rcode, 'SERVFAIL'); // no forward: the chain ends unanswered
  });
  test('prefix, suffix and substring', () => {
    assert.equal(resolve(block('rewrite name prefix pg- postgres.'), 'pg-payments.svc.cluster.local').answer, '10.43.7.7');
    assert.equal(resolve(block('rewrite name suffix .pay.corp.test .payments.svc.cluster.local'), 'postgres.pay.corp.test').answer, '10.43.7.7');
    assert.equal(resolve(block('rewrite name substring .pay. .payments.svc.'), 'postgres.pay.cluster.local').answer, '10.43.7.7');
  });
  test('regex with {1}; without an answer rule the answer is owned by the rewritten name', () => {
    const r = resolve(block('rewrite name regex (.*)\\.pay\\.corp\\.test {1}.payments.svc.cluster.local'), 'postgres.pay.corp.test');
    assert.equal(r.answer, '10.43.7.7');
    assert.equal(r.answerName, 'postgres.payments.svc.cluster.local');
    assert.match(r.via.at(-1)!, /strict resolvers ignore it/);
  });
  test('regex with answer name (inline and block form) and answer auto restore the asked name', () => {
    const inline = block('rewrite name regex (.*)\\.pay\\.corp\\.test {1}.payments.svc.cluster.local answer name (.*)\\.payments\\.svc\\.cluster\\.local {1}.pay.corp.test');
    assert.equal(resolve(inline, 'postgres.pay.corp.test').answerName, 'postgres.pay.corp.test');
    const blockForm = fixture('kubeadm-team-rewrite.Corefile');
    const r = resolve(blockForm, 'postgres.pay.internal');
    assert.deepEqual([r.answer, r.answerName], ['10.43.7.7', 'postgres.pay.internal']);
    const auto = block('rewrite name regex (.*)\\.pay\\.corp\\.test\\.$ postgres.payments.svc.cluster.local answer auto');
    assert.equal(resolve(auto, 'a.b.pay.corp.test').answerName, 'a.b.pay.corp.test');
  });
  test('rules apply in order until one matches; continue passes the new name on; stop ends it', () => {
    const cont = block('rewrite continue name exact a.corp.test b.corp.test\n  rewrite name exact b.corp.test postgres.payments.svc.cluster.local');
    const r = resolve(cont, 'a.corp.test');
    assert.equal(r.answer, '10.43.7.7');
    assert.equal(r.answerName, 'a.corp.test');
    assert.equal(r.via.filter((v) => v.startsWith('rewrite')).length, 2);
    const stop = block('rewrite name exact a.corp.test b.corp.test\n  rewrite name exact b.corp.test postgres.payments.svc.cluster.local');
    assert.equal(resolve(stop, 'a.corp.test').rcode, 'NXDOMAIN');
    const firstMiss = block('rewrite name exact zzz.test yyy.test\n  rewrite name exact a.corp.test postgres.payments.svc.cluster.local');
    assert.equal(resolve(firstMiss, 'a.corp.test').answer, '10.43.7.7');
  });
  test('a rewrite to an illegal name → SERVFAIL', () => {
    assert.equal(resolve(block('rewrite name regex (.*)\\.corp\\.test {1}..bad'), 'a.corp.test').rcode, 'SERVFAIL');
  });
});

describe('template', () => {
  const text = fixture('template.Corefile');
  test('a matching name gets the rendered A record', () => {
    const r = resolve(text, 'shop-1.apps.example.test');
    assert.deepEqual([r.rcode, r.answer, r.answerName], ['NOERROR', '10.0.0.5', 'shop-1.apps.example.test']);
    assert.match(r.via[1]!, /^template IN A apps\.example\.test/);
  });
  test('a non-matching name in the zone falls through; outside the zone it is not looked at', () => {
    const r = resolve(text, 'a.b.apps.example.test');
    assert.equal(r.rcode, 'NXDOMAIN');
    assert.match(r.via.at(-1)!, /^forward/);
    assert.ok(!resolve(text, 'other.test').via.some((v) => v.startsWith('template')));
  });
  test('without fallthrough a non-matching name is NXDOMAIN from the template itself', () => {
    const t = '.:53 {\n  template IN A corp.test {\n    match "^www\\.corp\\.test\\.$"\n    answer "{{ .Name }} 60 IN A 10.9.9.9"\n  }\n  forward . /etc/resolv.conf\n}\n';
    assert.equal(resolve(t, 'www.corp.test').answer, '10.9.9.9');
    const miss = resolve(t, 'ftp.corp.test');
    assert.equal(miss.rcode, 'NXDOMAIN');
    assert.match(miss.via.at(-1)!, /no match regex fits, no fallthrough/);
  });
  test('groups, index .Match and CNAME answers', () => {
    const t = '.:53 {\n  template ANY ANY corp.test {\n    match "^(?P<host>[a-z]+)-(\\d+)\\.corp\\.test\\.$"\n    answer "{{ .Name }} 60 IN CNAME {{ .Group.host }}.{{ index .Match 2 }}.svc.cluster.local."\n  }\n}\n';
    const r = resolve(t, 'web-7.corp.test');
    assert.deepEqual([r.rcode, r.answer, r.cname], ['NOERROR', undefined, 'web.7.svc.cluster.local']);
  });
  test('a template for another type does not answer A queries', () => {
    const t = '.:53 {\n  template IN AAAA corp.test {\n    rcode NXDOMAIN\n  }\n  hosts {\n    10.1.1.1 a.corp.test\n  }\n}\n';
    assert.equal(resolve(t, 'a.corp.test').answer, '10.1.1.1');
  });
});

describe('hosts', () => {
  test('inline entries, several names per line, IPv6-only names, fallthrough', () => {
    const text = fixture('hosts-inline.Corefile');
    assert.equal(resolve(text, 'ldap.corp.test').answer, '10.0.0.21');
    assert.equal(resolve(text, 'LEGACY-LDAP.corp.test.').answer, '10.0.0.21');
    const v6 = resolve(text, 'files6.corp.test');
    assert.deepEqual([v6.rcode, v6.answer], ['NOERROR', undefined]);
    assert.equal(resolve(text, 'ttdeps-traefik.default.svc.cluster.local').answer, '10.43.0.50');
    assert.equal(resolve(text, 'other.corp.test').rcode, 'NXDOMAIN');
  });
  test('k3s NodeHosts file comes from extraHosts', () => {
    const text = fixture('k3s.Corefile');
    assert.equal(resolve(text, 'k3d-agent-0').answer, '172.18.0.3');
    assert.equal(resolve(text, 'agent0.lan').answer, '172.18.0.3');
    const noFile = resolve(text, 'k3d-agent-0', { services: [] });
    assert.notEqual(noFile.answer, '172.18.0.3');
  });
  test('without fallthrough every other name in its zones is NXDOMAIN — even a rewrite target', () => {
    const text = block('hosts {\n    10.1.1.1 a.corp.test\n  }\n  rewrite name exact tracetest.localdev ttdeps-traefik.default.svc.cluster.local');
    const r = resolve(text, 'tracetest.localdev');
    assert.equal(r.rcode, 'NXDOMAIN');
    assert.match(r.via.at(-1)!, /^hosts inline: no entry for ttdeps-traefik\.default\.svc\.cluster\.local/);
  });
  test('hosts limited to zones leaves other names alone', () => {
    const text = block('hosts /etc/hosts corp.test {\n    10.1.1.1 a.corp.test\n  }');
    assert.equal(resolve(text, 'ttdeps-traefik.default.svc.cluster.local').answer, '10.43.0.50');
    assert.equal(resolve(text, 'b.corp.test').rcode, 'NXDOMAIN');
  });
});

describe('imports and snippets', () => {
  test('snippets are pasted where imported, in every block that imports them', () => {
    const text = fixture('snippets.Corefile');
    assert.equal(resolve(text, 'ttdeps-traefik.default.svc.cluster.local').answer, '10.43.0.50');
    const wiki = resolve(text, 'wiki.corp.test');
    assert.equal(wiki.answer, '10.1.2.3');
    assert.equal(wiki.via[0], 'server block corp.test:53');
  });
  test('k3s *.override snippets join the main block; *.server files add blocks', () => {
    const text = fixture('k3s.Corefile');
    const before = resolve(text, 'tracetest.localdev');
    assert.equal(before.rcode, 'NXDOMAIN');
    assert.ok(before.via.some((v) => /import \/etc\/coredns\/custom\/\*\.override: nothing to import/.test(v)));
    const override = 'rewrite name exact tracetest.localdev ttdeps-traefik.default.svc.cluster.local\n';
    assert.equal(resolve(text, 'tracetest.localdev', { ...CLUSTER, overrides: [override] }).answer, '10.43.0.50');
    const files = { '/etc/coredns/custom/team.server': 'team.test:53 {\n  hosts {\n    10.7.7.7 app.team.test\n  }\n}\n' };
    const r = resolve(text, 'app.team.test', { ...CLUSTER, importFiles: files });
    assert.deepEqual([r.answer, r.via[0]], ['10.7.7.7', 'server block team.test:53']);
  });
  test('a snippet importing itself is an error, not a hang', () => {
    assert.throws(() => resolve('(loop) {\n  import loop\n}\n.:53 {\n  import loop\n}\n', 'a.test'), /import nesting deeper/);
  });
});

describe('Corefiles CoreDNS would reject', () => {
  test('a plugin used twice where CoreDNS allows one', () => {
    const r = resolve('.:53 {\n  hosts {\n    1.1.1.1 a.test\n  }\n  hosts {\n    2.2.2.2 b.test\n  }\n}\n', 'a.test');
    assert.equal(r.rcode, 'SERVFAIL');
    assert.match(r.via.at(-1)!, /"hosts" appears 2 times.*lines 2, 5/);
  });
  test('two blocks serving the same zone and port', () => {
    const r = resolve('.:53 {\n  whoami\n}\n. {\n  whoami\n}\n', 'a.test');
    assert.equal(r.rcode, 'SERVFAIL');
    assert.match(r.via[0]!, /dns:\/\/\.:53 is defined by both "\.:53" \(line 1\) and "\." \(line 4\)/);
  });
  test('an unknown plugin', () => {
    const r = resolve('.:53 {\n  kubernets cluster.local\n}\n', 'a.test');
    assert.equal(r.rcode, 'SERVFAIL');
    assert.match(r.via.at(-1)!, /unknown plugin "kubernets" \(line 2\)/);
  });
});

describe('the Tracetest hostname before and after the in-place patch', () => {
  const options = { hostname: 'tracetest.localdev', wildcard: true, target: 'ttdeps-traefik.default.svc.cluster.local', marker: 'tracetest' };
  test('exact host and x.<host> resolve only after planHostnameRewrite', () => {
    const text = fixture('kubeadm.Corefile');
    for (const name of ['tracetest.localdev', 'agent-1.tracetest.localdev']) assert.equal(resolve(text, name).rcode, 'NXDOMAIN', name);
    const patched = planHostnameRewrite(text, options).text;
    const exact = resolve(patched, 'tracetest.localdev');
    assert.deepEqual([exact.rcode, exact.answer, exact.answerName], ['NOERROR', '10.43.0.50', 'tracetest.localdev']);
    const wild = resolve(patched, 'agent-1.tracetest.localdev');
    assert.deepEqual([wild.rcode, wild.answer], ['NOERROR', '10.43.0.50']);
    // Search-path tries and look-alike names are not caught by the anchored wildcard.
    assert.equal(resolve(patched, 'agent-1.tracetest.localdev.default.svc.cluster.local').rcode, 'NXDOMAIN');
    assert.equal(resolve(patched, 'x.tracetest.localdevx').answer, undefined);
  });
  test('without wildcard only the host itself resolves', () => {
    const patched = planHostnameRewrite(fixture('kubeadm.Corefile'), { ...options, wildcard: false }).text;
    assert.equal(resolve(patched, 'tracetest.localdev').answer, '10.43.0.50');
    assert.equal(resolve(patched, 'x.tracetest.localdev').rcode, 'NXDOMAIN');
  });
  test("a name served by another team's block is unaffected", () => {
    const text = fixture('other-team-block.Corefile');
    const patched = planHostnameRewrite(text, { ...options, hostname: 'example.com' }).text;
    for (const name of ['api.example.com', 'www.example.com', 'example.com']) {
      assert.deepEqual(resolve(patched, name), resolve(text, name), name);
      assert.equal(resolve(patched, name).via[0], 'server block example.com:53');
    }
    assert.equal(resolve(patched, 'api.example.com').answer, '10.20.0.80');
  });
});
