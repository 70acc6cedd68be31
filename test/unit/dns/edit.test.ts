import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CorefileError,
  type ConfigMapLike,
  detectSetup,
  parseCorefile,
  planCustomOverride,
  planHostnameRewrite,
  removeHostnameRewrite,
  resolveName,
} from '../../../electron/core/dns/index.ts';
import { CLUSTER, corefileFixtures, fixture } from './fixtures.ts';

const OPTIONS = { hostname: 'tracetest.localdev', wildcard: true, target: 'ttdeps-traefik.default.svc.cluster.local', marker: 'groundcrew:tracetest' };
const resolve = (text: string, name: string) => resolveName(parseCorefile(text), name, CLUSTER);

/** Lines with their endings, so joins are byte-exact. */
const lines = (text: string) => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

describe('planHostnameRewrite on every fixture', () => {
  for (const { name, text } of corefileFixtures()) {
    describe(name, () => {
      const alreadyOurs = text.includes('# groundcrew:tracetest');
      const plan = planHostnameRewrite(text, OPTIONS);

      test('apply → the host and x.<host> resolve to the Traefik Service', () => {
        for (const host of ['tracetest.localdev', 'agent-7.tracetest.localdev']) {
          const r = resolve(plan.text, host);
          assert.equal(r.rcode, 'NOERROR', `${host}: ${r.via.join(' | ')}`);
          assert.equal(r.answer, '10.43.0.50', host);
        }
        assert.equal(resolve(plan.text, 'tracetest.localdev').answerName, 'tracetest.localdev');
      });

      test('before → the host does not resolve (unless the fixture already holds our rule)', () => {
        const r = resolve(text, 'tracetest.localdev');
        if (alreadyOurs) assert.equal(r.answer, '10.43.0.50');
        else assert.notEqual(r.answer, '10.43.0.50');
      });

      test('apply twice → identical text, nothing changed the second time', () => {
        const again = planHostnameRewrite(plan.text, OPTIONS);
        assert.equal(again.text, plan.text);
        assert.equal(again.changed, false);
        assert.deepEqual(again.addedLines, plan.addedLines);
      });

      test('remove → the original, byte for byte', () => {
        const removed = removeHostnameRewrite(plan.text, OPTIONS.marker);
        if (alreadyOurs) {
          assert.equal(plan.changed, false);
          assert.equal(removed.text, lines(text).filter((l) => !l.includes('# groundcrew:tracetest')).join(''));
          // With a marker of its own, the round trip is exact here too.
          const other = { ...OPTIONS, hostname: 'pokeshop.localdev', marker: 'pokeshop' };
          assert.equal(removeHostnameRewrite(planHostnameRewrite(text, other).text, 'pokeshop').text, text);
        } else {
          assert.equal(plan.changed, true);
          assert.equal(removed.text, text);
          assert.equal(removed.changed, true);
        }
      });

      test('every byte outside the added lines is untouched', () => {
        const out = lines(plan.text);
        assert.equal(plan.addedLines.length, 2);
        const kept = out.filter((_l, i) => !plan.addedLines.includes(i + 1)).join('');
        const base = alreadyOurs ? lines(text).filter((l) => !l.includes('# groundcrew:tracetest')).join('') : text;
        assert.equal(kept, base);
      });

      test("added lines: our marker, the kubernetes line's indentation and line ending, right before it", () => {
        const out = lines(plan.text);
        const added = plan.addedLines.map((n) => out[n - 1]!);
        const next = out[plan.addedLines.at(-1)!]!;
        const indent = /^[ \t]*/.exec(next)![0];
        const eol = next.endsWith('\r\n') ? '\r\n' : '\n';
        for (const line of added) {
          assert.ok(line.startsWith(indent) && !/^[ \t]/.test(line.slice(indent.length)), JSON.stringify(line));
          assert.ok(line.endsWith(` # groundcrew:tracetest${eol}`), JSON.stringify(line));
          if (eol === '\n') assert.ok(!line.includes('\r'));
        }
        assert.match(added[0]!, /rewrite name exact tracetest\.localdev ttdeps-traefik\.default\.svc\.cluster\.local /);
        assert.match(added[1]!, /rewrite name regex \(\.\*\)\\\.tracetest\\\.localdev\\\.\$ ttdeps-traefik\.default\.svc\.cluster\.local /);
        const block = parseCorefile(plan.text).serverBlocks.find((b) => b.keys.includes('.:53'))!;
        const k8s = block.plugins.find((p) => p.name === 'kubernetes');
        if (k8s) assert.ok(next.trimStart().startsWith('kubernetes'), `expected kubernetes after our lines, got ${JSON.stringify(next)}`);
      });
    });
  }
});

describe('planHostnameRewrite details', () => {
  test('CRLF and tab fixtures get CRLF and tab-indented lines', () => {
    const crlf = planHostnameRewrite(fixture('crlf.Corefile'), OPTIONS).text;
    assert.match(crlf, /\r\n {4}rewrite name exact tracetest\.localdev ttdeps-traefik\.default\.svc\.cluster\.local # groundcrew:tracetest\r\n {4}rewrite name regex [^\n]+ # groundcrew:tracetest\r\n {4}kubernetes /);
    assert.equal(crlf.split('\n').length, crlf.split('\r\n').length);
    const tabs = planHostnameRewrite(fixture('tabs.Corefile'), OPTIONS).text;
    assert.match(tabs, /\n\trewrite name exact tracetest\.localdev/);
  });

  test('re-planning with another target replaces only our lines', () => {
    const text = fixture('kubeadm-team-rewrite.Corefile');
    const first = planHostnameRewrite(text, OPTIONS);
    const second = planHostnameRewrite(first.text, { ...OPTIONS, target: 'traefik.ingress.svc.cluster.local', wildcard: false });
    assert.equal(second.changed, true);
    assert.ok(!second.text.includes('ttdeps-traefik'));
    assert.equal((second.text.match(/groundcrew:tracetest/g) ?? []).length, 1);
    assert.ok(second.text.includes('rewrite name exact legacy-db.payments.internal postgres.payments.svc.cluster.local\n'));
    assert.equal(removeHostnameRewrite(second.text, 'tracetest').text, text);
  });

  test('markers: "tracetest" and "groundcrew:tracetest" are one marker; other markers coexist', () => {
    const text = fixture('kubeadm.Corefile');
    const a = planHostnameRewrite(text, { ...OPTIONS, marker: 'tracetest' });
    assert.equal(planHostnameRewrite(a.text, OPTIONS).changed, false);
    const b = planHostnameRewrite(a.text, { ...OPTIONS, hostname: 'pokeshop.localdev', wildcard: false, marker: 'pokeshop' });
    assert.equal(resolve(b.text, 'pokeshop.localdev').answer, '10.43.0.50');
    assert.equal(resolve(b.text, 'tracetest.localdev').answer, '10.43.0.50');
    assert.equal(removeHostnameRewrite(b.text, 'pokeshop').text, a.text);
    assert.equal(removeHostnameRewrite(removeHostnameRewrite(b.text, 'tracetest').text, 'pokeshop').text, text);
    // A marker that only starts the same way is a different marker.
    assert.equal(removeHostnameRewrite(a.text, 'trace').changed, false);
  });

  test('a hostname given as *.host means wildcard', () => {
    const plan = planHostnameRewrite(fixture('kubeadm.Corefile'), { ...OPTIONS, hostname: '*.tracetest.localdev', wildcard: false });
    assert.equal(plan.addedLines.length, 2);
    assert.equal(resolve(plan.text, 'x.tracetest.localdev').answer, '10.43.0.50');
  });

  test('wildcardAnswer auto puts the asked name back in the answer', () => {
    const plan = planHostnameRewrite(fixture('kubeadm.Corefile'), { ...OPTIONS, wildcardAnswer: 'auto' });
    assert.match(plan.text, /cluster\.local answer auto # groundcrew:tracetest\n/);
    assert.equal(resolve(plan.text, 'x.tracetest.localdev').answerName, 'x.tracetest.localdev');
    assert.equal(resolve(planHostnameRewrite(fixture('kubeadm.Corefile'), OPTIONS).text, 'x.tracetest.localdev').answerName, 'ttdeps-traefik.default.svc.cluster.local');
  });

  test('serverBlock picks another block by key or zone, and leaves the main block alone', () => {
    const text = fixture('other-team-block.Corefile');
    const plan = planHostnameRewrite(text, { ...OPTIONS, hostname: 'legacy.example.com', wildcard: false, target: 'api.example.com', serverBlock: 'example.com:53' });
    const [main, team] = parseCorefile(plan.text).serverBlocks;
    assert.equal(plan.text.slice(...main!.range), text.slice(...parseCorefile(text).serverBlocks[0]!.range));
    assert.deepEqual(team!.plugins.map((p) => p.name).slice(0, 2), ['rewrite', 'errors']);
    assert.equal(resolve(plan.text, 'legacy.example.com').answer, '10.20.0.80');
    assert.equal(planHostnameRewrite(text, { ...OPTIONS, serverBlock: 'example.com' }).text.includes('    rewrite name exact tracetest.localdev'), true);
    assert.throws(() => planHostnameRewrite(text, { ...OPTIONS, serverBlock: 'nowhere.test' }), /no server block serves nowhere\.test \(blocks: \.:53, example\.com:53\)/);
  });

  test('an empty block gets lines one level deeper than its key', () => {
    const text = '.:53 {\n    kubernetes cluster.local\n}\nteam.test:53 {\n}\n';
    const plan = planHostnameRewrite(text, { ...OPTIONS, wildcard: false, serverBlock: 'team.test:53' });
    assert.equal(plan.text, `.:53 {\n    kubernetes cluster.local\n}\nteam.test:53 {\n    rewrite name exact tracetest.localdev ttdeps-traefik.default.svc.cluster.local # groundcrew:tracetest\n}\n`);
    assert.deepEqual(plan.addedLines, [5]);
    assert.equal(removeHostnameRewrite(plan.text, 'tracetest').text, text);
  });

  test('refuses what it cannot patch safely, with a position', () => {
    assert.throws(() => planHostnameRewrite('.:53 {\n    errors\n', OPTIONS), (e: unknown) => e instanceof CorefileError && e.line === 1 && /expected '}'/.test(e.message));
    assert.throws(() => planHostnameRewrite('.:53 { kubernetes cluster.local\n}\n', OPTIONS), /Corefile:1:8: "kubernetes" shares its line/);
    assert.throws(() => planHostnameRewrite('example.com:53 {\n  whoami\n}\n', OPTIONS), /no server block serves "\." on port 53/);
    assert.throws(() => planHostnameRewrite(fixture('kubeadm.Corefile'), { ...OPTIONS, hostname: 'bad host' }), /hostname "bad host" is not a valid DNS name/);
    assert.throws(() => planHostnameRewrite(fixture('kubeadm.Corefile'), { ...OPTIONS, target: 'tracetest.localdev' }), /would loop/);
    assert.throws(() => planHostnameRewrite(fixture('kubeadm.Corefile'), { ...OPTIONS, marker: 'x y' }), /marker "x y"/);
  });

  test('every :53 block of every fixture can take our lines and give them back', () => {
    for (const { name, text } of corefileFixtures()) {
      if (text.includes('groundcrew:')) continue;
      for (const block of parseCorefile(text).serverBlocks.filter((b) => b.port === 53)) {
        const key = block.keys[0]!;
        const plan = planHostnameRewrite(text, { ...OPTIONS, serverBlock: key });
        const target = parseCorefile(plan.text).serverBlocks.find((b) => b.keys[0] === key)!;
        assert.equal(target.plugins.filter((p) => p.name === 'rewrite' && p.args[0] === 'name').length >= 2, true, `${name} ${key}`);
        assert.equal(removeHostnameRewrite(plan.text, OPTIONS.marker).text, text, `${name} ${key}`);
      }
    }
  });

  test('moving our lines to another block takes them out of the first one', () => {
    const text = fixture('other-team-block.Corefile');
    const inMain = planHostnameRewrite(text, OPTIONS).text;
    const moved = planHostnameRewrite(inMain, { ...OPTIONS, serverBlock: 'example.com:53' });
    const [main, team] = parseCorefile(moved.text).serverBlocks;
    assert.equal(main!.plugins.some((p) => p.name === 'rewrite'), false);
    assert.equal(team!.plugins.filter((p) => p.name === 'rewrite').length, 2);
    assert.equal(removeHostnameRewrite(moved.text, 'tracetest').text, text);
  });

  test('remove on a Corefile without our lines changes nothing', () => {
    const text = fixture('rke2.Corefile');
    assert.deepEqual(removeHostnameRewrite(text, 'tracetest'), { text, changed: false });
  });
});

describe('k3s coredns-custom', () => {
  test('detectSetup: k3s and AKS import *.override; kubeadm, EKS and RKE2 do not', () => {
    assert.equal(detectSetup(fixture('k3s.Corefile')), 'k3s-custom');
    assert.equal(detectSetup(parseCorefile(fixture('aks.Corefile'))), 'k3s-custom');
    for (const name of ['kubeadm.Corefile', 'eks.Corefile', 'rke2.Corefile', 'snippets.Corefile']) assert.equal(detectSetup(fixture(name)), 'corefile', name);
    const cms: ConfigMapLike[] = [{ name: 'coredns', namespace: 'kube-system', data: { Corefile: fixture('k3s.Corefile') } }, { name: 'coredns-custom', namespace: 'kube-system', data: {} }];
    assert.equal(detectSetup(null, cms), 'k3s-custom');
    assert.equal(detectSetup(null, []), 'corefile');
  });

  test('planCustomOverride: the key and content that make the k3s Corefile resolve our names', () => {
    const override = planCustomOverride(OPTIONS);
    assert.equal(override.key, 'groundcrew-tracetest.override');
    assert.equal(
      override.content,
      'rewrite name exact tracetest.localdev ttdeps-traefik.default.svc.cluster.local # groundcrew:tracetest\n' +
        'rewrite name regex (.*)\\.tracetest\\.localdev\\.$ ttdeps-traefik.default.svc.cluster.local # groundcrew:tracetest\n',
    );
    const corefile = parseCorefile(fixture('k3s.Corefile'));
    for (const host of ['tracetest.localdev', 'a.b.tracetest.localdev']) {
      assert.equal(resolveName(corefile, host, CLUSTER).answer, undefined, host);
      const r = resolveName(corefile, host, { ...CLUSTER, overrides: [override.content] });
      assert.equal(r.answer, '10.43.0.50', host);
    }
    // The Corefile itself is left alone, and node names still come from NodeHosts.
    assert.equal(resolveName(corefile, 'k3d-server-0', { ...CLUSTER, overrides: [override.content] }).answer, '172.18.0.2');
    assert.equal(planCustomOverride({ ...OPTIONS, marker: 'team:a' }).key, 'groundcrew-team-a.override');
  });
});
