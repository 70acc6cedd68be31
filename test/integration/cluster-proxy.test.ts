import assert from 'node:assert/strict';
import dns from 'node:dns';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { KubeClient, type KubeClientOptions } from '../../electron/core/cluster/kube-client.ts';
import { ClusterConnectionError } from '../../electron/core/cluster/kube-errors.ts';
import { makeTestPki, type TestPki } from '../support/cluster-certs.ts';
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy.ts';
import { startFakeApiServer, type FakeApiServer } from '../support/cluster-fake-apiserver.ts';
import { resolveFile, writeKubeconfig } from '../support/cluster-kubeconfig.ts';

let pki: TestPki;
let api: FakeApiServer;
let proxy: ConnectProxy;
let dir: string;
let closedPort: number;
const clients: KubeClient[] = [];
const NAME = 'kube.groundcrew.test';

/** Resolves the test name to loopback and records every name the client itself looked up. */
const lookedUp: string[] = [];
const pinnedLookup = ((hostname: string, options: dns.LookupOptions, cb: (...a: unknown[]) => void) => {
  lookedUp.push(hostname);
  if (hostname !== NAME) return dns.lookup(hostname, options, cb as never);
  if (options.all) cb(null, [{ address: '127.0.0.1', family: 4 }]);
  else cb(null, '127.0.0.1', 4);
}) as NonNullable<KubeClientOptions['lookup']>;

before(async () => {
  pki = makeTestPki();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-proxy-'));
  api = await startFakeApiServer({ pki, tokens: { 'proxy-test-token': 'pat' } });
  proxy = await startConnectProxy({ hosts: { [NAME]: '127.0.0.1' } });
  const spare = net.createServer();
  await new Promise<void>((r) => spare.listen(0, '127.0.0.1', r));
  closedPort = (spare.address() as AddressInfo).port;
  await new Promise<void>((r) => spare.close(() => r()));
});
after(async () => {
  for (const c of clients) c.close();
  await proxy.close();
  await api.close();
  pki.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function client(cluster: Record<string, unknown>, env: NodeJS.ProcessEnv = {}): KubeClient {
  const file = writeKubeconfig(dir, `config-${++n}`, { cluster: { 'certificate-authority': pki.caCertFile, ...cluster }, user: { token: 'proxy-test-token' } });
  const c = new KubeClient(resolveFile(file), { env, lookup: pinnedLookup, timeoutMs: 5_000 });
  clients.push(c);
  return c;
}

describe('proxies like kubectl', () => {
  test('proxy-url tunnels through CONNECT, with the API server certificate still checked end to end', async () => {
    const before = proxy.tunnels;
    const c = client({ server: api.url, 'proxy-url': proxy.url });
    await c.request({ path: '/version' });
    await c.request({ path: '/version' });
    assert.equal(proxy.tunnels - before, 1, 'keep-alive reuses the tunnel');
    assert.equal(proxy.targets.at(-1), `127.0.0.1:${api.port}`);
    assert.equal(api.requests.at(-1)?.user, 'pat');
  });

  test('HTTPS_PROXY is used, and the proxy (not this machine) resolves the server name', async () => {
    const before = proxy.tunnels;
    lookedUp.length = 0;
    const c = client({ server: `https://${NAME}:${api.port}` }, { HTTPS_PROXY: proxy.url });
    await c.request({ path: '/version' });
    assert.equal(proxy.tunnels - before, 1);
    assert.equal(proxy.targets.at(-1), `${NAME}:${api.port}`);
    assert.ok(!lookedUp.includes(NAME), `looked up ${NAME} locally`);
  });

  test('lower-case https_proxy works too; NO_PROXY sends matching hosts direct', async () => {
    const before = proxy.tunnels;
    await client({ server: `https://${NAME}:${api.port}` }, { https_proxy: proxy.url }).request({ path: '/version' });
    assert.equal(proxy.tunnels - before, 1);
    lookedUp.length = 0;
    await client({ server: `https://${NAME}:${api.port}` }, { HTTPS_PROXY: proxy.url, NO_PROXY: 'example.org,.groundcrew.test' }).request({ path: '/version' });
    assert.equal(proxy.tunnels - before, 1, 'NO_PROXY host must not be tunnelled');
    assert.ok(lookedUp.includes(NAME), 'a direct connection resolves the name here');
  });

  test('loopback servers never use HTTPS_PROXY (Go rule), but proxy-url wins over NO_PROXY and HTTPS_PROXY', async () => {
    const before = proxy.tunnels;
    await client({ server: api.url }, { HTTPS_PROXY: `http://127.0.0.1:${closedPort}` }).request({ path: '/version' });
    assert.equal(proxy.tunnels - before, 0);
    await client({ server: `https://${NAME}:${api.port}`, 'proxy-url': proxy.url }, { HTTPS_PROXY: `http://127.0.0.1:${closedPort}`, NO_PROXY: '*' }).request({ path: '/version' });
    assert.equal(proxy.tunnels - before, 1);
  });

  test('proxy credentials from the URL are sent as Proxy-Authorization and never shown', async () => {
    const url = new URL(proxy.url);
    url.username = 'ops';
    url.password = 's3cret';
    const c = client({ server: api.url, 'proxy-url': url.toString() });
    await c.request({ path: '/version' });
    assert.equal(proxy.authorizations.at(-1), `Basic ${Buffer.from('ops:s3cret').toString('base64')}`);
    assert.ok(!c.proxy!.display.includes('s3cret'));
  });

  const failures: Array<{ name: string; mode?: ConnectProxy['mode']; dead?: boolean; message: RegExp }> = [
    { name: 'the proxy port is closed', dead: true, message: /cannot reach proxy .*connection refused/ },
    { name: 'the proxy answers 502', mode: '502', message: /would not open a tunnel .*502/ },
    { name: 'the proxy wants credentials (407)', mode: '407', message: /requires authentication \(407\)/ },
  ];
  for (const f of failures) {
    test(`proxy failure is classified "proxy": ${f.name}`, async () => {
      const bad = f.dead ? null : await startConnectProxy({ mode: f.mode! });
      try {
        const c = client({ server: api.url, 'proxy-url': bad ? bad.url : `http://127.0.0.1:${closedPort}` });
        await assert.rejects(c.request({ path: '/version' }), (err: unknown) => {
          assert.ok(err instanceof ClusterConnectionError, String(err));
          assert.equal(err.connectionClass, 'proxy');
          assert.match(err.message, f.message);
          assert.match(err.message, /proxy-url of cluster "test"/);
          return true;
        });
      } finally {
        await bad?.close();
      }
    });
  }

  test('socks5:// proxy-url tunnels through SOCKS5 (socks package behind socks-proxy-agent)', async () => {
    const socks = await startSocks5();
    try {
      await client({ server: `https://${NAME}:${api.port}`, 'proxy-url': socks.url }).request({ path: '/version' });
      assert.deepEqual(socks.targets, [`${NAME}:${api.port}`]);
    } finally {
      await socks.close();
    }
  });
});

/** A minimal SOCKS5 server (no auth, CONNECT only) that maps the test name to loopback and nothing else. */
async function startSocks5(): Promise<{ url: string; targets: string[]; close(): Promise<void> }> {
  const targets: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('error', () => undefined);
    client.once('data', (greeting) => {
      if (greeting[0] !== 5) return client.destroy();
      client.write(Buffer.from([5, 0]));
      client.once('data', (req) => {
        const atyp = req[3];
        let host: string;
        let offset: number;
        if (atyp === 3) {
          const len = req[4]!;
          host = req.subarray(5, 5 + len).toString();
          offset = 5 + len;
        } else {
          host = [...req.subarray(4, 8)].join('.');
          offset = 8;
        }
        const port = req.readUInt16BE(offset);
        targets.push(`${host}:${port}`);
        const address = host === NAME ? '127.0.0.1' : host;
        if (!address.startsWith('127.')) return client.end(Buffer.from([5, 2, 0, 1, 0, 0, 0, 0, 0, 0]));
        const upstream = net.connect(port, address, () => {
          client.write(Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, 0, 0]));
          upstream.pipe(client);
          client.pipe(upstream);
        });
        sockets.add(upstream);
        upstream.on('error', () => client.destroy());
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `socks5://127.0.0.1:${(server.address() as AddressInfo).port}`,
    targets,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
