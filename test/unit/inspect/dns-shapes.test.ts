import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { KubeObject } from '../../../electron/core/cluster/view.ts';
import { detectSetup, planCustomOverride, planHostnameRewrite } from '../../../electron/core/dns/index.ts';
import { configMap, deployment } from '../../support/objects.ts';
import { demoObjects, demoDnsProfile, findingsOf } from '../../support/inspect.ts';

/** The DNS check on every real-world Corefile shape: fails as shipped, passes once our rewrite is in. */
const FIXTURES = path.join(process.cwd(), 'test', 'fixtures', 'corefiles');
const shapes = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.Corefile')).sort();
const profile = demoDnsProfile();
const target = 'd-web.app.svc.cluster.local';
const coredns = deployment('coredns', 'kube-system', { replicas: 2, readyReplicas: 2 });
const run = (extra: KubeObject[]) => findingsOf('dns', demoObjects({ add: [coredns, ...extra] }), profile).map((f) => f.checkId).sort();

describe('DNS check over real-world Corefile shapes', () => {
  test('at least ten shapes', () => assert.ok(shapes.length >= 10));
  for (const shape of shapes) {
    test(shape, () => {
      const text = fs.readFileSync(path.join(FIXTURES, shape), 'utf8');
      const before = run([configMap('coredns', 'kube-system', { Corefile: text })]);
      assert.deepEqual(before, ['dns.hostname-unresolved', 'dns.wildcard-unresolved'], `${shape} as shipped`);
      const fixed =
        detectSetup(text) === 'k3s-custom'
          ? (() => {
              const override = planCustomOverride({ hostname: 'demo.localdev', wildcard: true, target, marker: 'demo' });
              return [configMap('coredns', 'kube-system', { Corefile: text }), configMap('coredns-custom', 'kube-system', { [override.key]: override.content })];
            })()
          : [configMap('coredns', 'kube-system', { Corefile: planHostnameRewrite(text, { hostname: 'demo.localdev', wildcard: true, target, marker: 'demo' }).text })];
      assert.deepEqual(run(fixed), [], `${shape} with our rewrite`);
    });
  }
});
