import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

/**
 * A tiny HTTP CONNECT proxy on 127.0.0.1 for tests. It only ever connects to loopback addresses
 * (names are mapped through `hosts`; anything else is refused with 403), counts the tunnels it
 * opened, and can be told to fail the way real proxies do (502, 407).
 */
export interface ConnectProxy {
  url: string;
  port: number;
  /** Tunnels established (the CONNECT succeeded and bytes flowed to the target). */
  tunnels: number;
  /** `host:port` asked for by each CONNECT, in order. */
  targets: string[];
  /** Proxy-Authorization header of each CONNECT ('' when none). */
  authorizations: string[];
  mode: 'ok' | '502' | '407';
  close(): Promise<void>;
}

export async function startConnectProxy(options: { hosts?: Record<string, string>; mode?: ConnectProxy['mode'] } = {}): Promise<ConnectProxy> {
  const hosts = options.hosts ?? {};
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => {
    res.writeHead(405, { 'content-type': 'text/plain' });
    res.end('this test proxy only does CONNECT\n');
  });
  const proxy: ConnectProxy = {
    url: '',
    port: 0,
    tunnels: 0,
    targets: [],
    authorizations: [],
    mode: options.mode ?? 'ok',
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    const target = req.url ?? '';
    proxy.targets.push(target);
    proxy.authorizations.push(String(req.headers['proxy-authorization'] ?? ''));
    const reply = (line: string) => client.end(`HTTP/1.1 ${line}\r\ncontent-length: 0\r\n\r\n`);
    if (proxy.mode === '502') return reply('502 Bad Gateway');
    if (proxy.mode === '407') return reply('407 Proxy Authentication Required');
    const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
    if (!m) return reply('400 Bad Request');
    const address = hosts[m[1]!] ?? m[1]!;
    // Never leave the machine: only loopback targets are tunnelled.
    const loopback = address === 'localhost' || address === '::1' || (net.isIPv4(address) && address.startsWith('127.'));
    if (!loopback) return reply('403 Forbidden');
    const upstream = net.connect(Number(m[2]), address);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    let established = false;
    upstream.once('connect', () => {
      established = true;
      proxy.tunnels += 1;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => {
      if (!established) reply('502 Bad Gateway');
      else client.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = (server.address() as AddressInfo).port;
  proxy.url = `http://127.0.0.1:${proxy.port}`;
  return proxy;
}
