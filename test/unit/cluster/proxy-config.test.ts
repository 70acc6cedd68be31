import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chooseProxy, usesProxy } from '../../../electron/core/cluster/proxy-config.ts';

const rc = (server: string, proxyUrl?: string) => ({ server, proxyUrl, clusterName: 'lab', files: { context: '/k', cluster: '/k' } });

describe('NO_PROXY matching (Go httpproxy rules, as kubectl applies them)', () => {
  const cases: Array<[host: string, port: string, noProxy: string, proxied: boolean]> = [
    ['api.example.com', '443', '', true],
    ['api.example.com', '443', '*', false],
    ['api.example.com', '443', 'example.com', false],
    ['example.com', '443', 'example.com', false],
    ['example.com', '443', '.example.com', true],
    ['api.example.com', '443', '.example.com', false],
    ['api.example.com', '443', '*.example.com', false],
    ['notexample.com', '443', 'example.com', true],
    ['API.EXAMPLE.COM'.toLowerCase(), '443', ' Example.COM ', false],
    ['10.1.2.3', '6443', '10.0.0.0/8', false],
    ['11.1.2.3', '6443', '10.0.0.0/8', true],
    ['10.1.2.3', '6443', '10.1.2.3', false],
    ['api.example.com', '6443', 'api.example.com:443', true],
    ['api.example.com', '443', 'api.example.com:443', false],
    ['localhost', '6443', '', false],
    ['127.0.0.1', '6443', '', false],
    ['127.5.5.5', '6443', '', false],
    ['::1', '6443', '', false],
  ];
  for (const [host, port, noProxy, proxied] of cases) {
    test(`${host}:${port} with NO_PROXY=${JSON.stringify(noProxy)} → ${proxied ? 'proxy' : 'direct'}`, () => {
      assert.equal(usesProxy(host, port, noProxy), proxied);
    });
  }
});

describe('chooseProxy', () => {
  test('proxy-url wins over the environment and NO_PROXY', () => {
    const p = chooseProxy(rc('https://api.example.com', 'http://p1:3128/'), { HTTPS_PROXY: 'http://p2:3128', NO_PROXY: '*' });
    assert.equal(p?.url.host, 'p1:3128');
    assert.match(p!.source, /proxy-url of cluster "lab"/);
  });
  test('HTTPS_PROXY before https_proxy; scheme-less values mean http://; http servers use HTTP_PROXY', () => {
    assert.equal(chooseProxy(rc('https://api.example.com'), { HTTPS_PROXY: 'p2:3128', https_proxy: 'http://p3:1' })?.url.toString(), 'http://p2:3128/');
    assert.equal(chooseProxy(rc('https://api.example.com'), { HTTP_PROXY: 'http://p4:1' }), null);
    assert.equal(chooseProxy(rc('http://api.example.com'), { HTTP_PROXY: 'http://p4:1' })?.url.host, 'p4:1');
  });
  test('credentials in a proxy URL are redacted in what is shown', () => {
    const p = chooseProxy(rc('https://api.example.com'), { HTTPS_PROXY: 'http://me:pw@p:1' });
    assert.equal(p?.url.password, 'pw');
    assert.ok(!p!.display.includes('pw'));
  });
});
