import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../electron/core/cluster/view.ts';
import { ingress, ingressRoute, service } from '../../support/objects.ts';
import { demoObjects, demoProfile, findingsOf, ids, NS } from '../../support/inspect.ts';
import { hostsInRule } from '../../../electron/core/inspect/checks/ingress.ts';

const traefikProfile = demoProfile({ prerequisites: { ingressController: 'traefik' }, hostnames: { domain: 'demo.localdev', wildcard: true, ingressService: { name: '{release}-web' } } });
const nginxProfile = demoProfile({ prerequisites: { ingressController: 'nginx' }, hostnames: { domain: 'demo.example.com', subdomains: ['api'], ingressService: { name: '{release}-web' } } });
const nodePortWeb = service('d-web', NS, { type: 'NodePort', selector: { app: 'd-web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30000 }] });
const run = (objects: KubeObject[], profile = traefikProfile) => findingsOf('ingress', objects, profile);

describe('ingress', () => {
  test('an IngressRoute with the host on websecure, behind a NodePort Service: no findings', () => {
    assert.deepEqual(run(demoObjects({ replace: [nodePortWeb], add: [ingressRoute('web', NS, { hosts: ['demo.localdev'], tls: true })] })), []);
  });

  test('ingress.host-missing when no rule names the host', () => {
    const f = run(demoObjects({ replace: [nodePortWeb], add: [ingressRoute('web', NS, { hosts: ['other.localdev'], tls: true })] }));
    assert.deepEqual(ids(f), ['ingress.host-missing/app/demo.localdev']);
    assert.match(f[0]!.explanation, /other\.localdev/);
  });

  test('ingress.tls-missing for a route on the plain web entry point', () => {
    const route = ingressRoute('web', NS, { hosts: ['demo.localdev'] });
    const plain = { ...route, spec: { ...(route.spec as object), entryPoints: ['web'] } } as KubeObject;
    assert.deepEqual(ids(run(demoObjects({ replace: [nodePortWeb], add: [plain] }))), ['ingress.tls-missing/app/web/demo.localdev']);
  });

  test('Ingress rules and their tls hosts (nginx)', () => {
    const good = ingress('tk', NS, { hosts: ['demo.example.com', 'api.demo.example.com'], tlsHosts: ['demo.example.com', 'api.demo.example.com'] });
    assert.deepEqual(run(demoObjects({ replace: [nodePortWeb], add: [good] }), nginxProfile), []);
    const partial = ingress('tk', NS, { hosts: ['demo.example.com', 'api.demo.example.com'], tlsHosts: ['demo.example.com'] });
    assert.deepEqual(ids(run(demoObjects({ replace: [nodePortWeb], add: [partial] }), nginxProfile)), ['ingress.tls-missing/app/tk/api.demo.example.com']);
  });

  test('ingress.no-address: LoadBalancer without address or node ports; fine once it has one', () => {
    const route = ingressRoute('web', NS, { hosts: ['demo.localdev'], tls: true });
    const pendingLb = service('d-web', NS, { type: 'LoadBalancer', selector: { app: 'd-web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    assert.deepEqual(ids(run(demoObjects({ replace: [pendingLb], add: [route] }))), ['ingress.no-address/app/d-web']);
    assert.equal(run(demoObjects({ replace: [pendingLb], add: [route] }))[0]!.severity, 'error');
    const pendingWithNodePorts = service('d-web', NS, { type: 'LoadBalancer', selector: { app: 'd-web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] });
    const f = run(demoObjects({ replace: [pendingWithNodePorts], add: [route] }));
    assert.deepEqual(ids(f), ['ingress.no-address/app/d-web']);
    assert.equal(f[0]!.severity, 'warning');
    assert.match(f[0]!.explanation, /30080/);
    const servedLb = service('d-web', NS, { type: 'LoadBalancer', selector: { app: 'd-web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], lbIngress: [{ ip: '192.0.2.10' }] });
    assert.deepEqual(run(demoObjects({ replace: [servedLb], add: [route] })), []);
  });

  test('forbidden IngressRoutes: an info finding, not a missing host', () => {
    const f = findingsOf('ingress', demoObjects({ replace: [nodePortWeb] }), traefikProfile, {}, { kindStates: { 'traefik.io/IngressRoute': { state: 'forbidden', reason: 'denied' } } });
    assert.deepEqual(ids(f), ['inspect.forbidden/_/traefik.io/IngressRoute']);
  });

  test('Traefik rule parsing', () => {
    assert.deepEqual(hostsInRule('Host(`a.b`) && PathPrefix(`/api`)'), ['a.b']);
    assert.deepEqual(hostsInRule('Host(`a.b`, "c.d") || HostSNI(`e.f`)'), ['a.b', 'c.d', 'e.f']);
  });
});
