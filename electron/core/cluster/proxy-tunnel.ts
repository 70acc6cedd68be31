import http from 'node:http';
import type net from 'node:net';
import tls from 'node:tls';
import type * as Socks from 'socks';
import { ProxyTunnelError } from './kube-errors.ts';
import type { ProxyChoice } from './proxy-config.ts';

type SocksModule = typeof Socks;

export type LookupFunction = NonNullable<net.TcpNetConnectOpts['lookup']>;

/**
 * Open a TCP tunnel to `host:port` through the proxy (HTTP CONNECT, or SOCKS5). Any failure is a
 * ProxyTunnelError, so the client reports "the proxy failed" rather than blaming the API server.
 */
export function openTunnel(proxy: ProxyChoice, host: string, port: number, lookup: LookupFunction, timeoutMs = 30_000): Promise<net.Socket> {
  if (proxy.url.protocol === 'socks5:') return openSocksTunnel(proxy, host, port, timeoutMs);
  return openConnectTunnel(proxy, host, port, lookup, timeoutMs);
}

function openConnectTunnel(proxy: ProxyChoice, host: string, port: number, lookup: LookupFunction, timeoutMs: number): Promise<net.Socket> {
  const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const headers: Record<string, string> = { host: target };
  if (proxy.url.username || proxy.url.password) {
    const creds = `${decodeURIComponent(proxy.url.username)}:${decodeURIComponent(proxy.url.password)}`;
    headers['proxy-authorization'] = `Basic ${Buffer.from(creds).toString('base64')}`;
  }
  const secureProxy = proxy.url.protocol === 'https:';
  const proxyPort = Number(proxy.url.port || (secureProxy ? 443 : 80));
  return new Promise((resolve, reject) => {
    const options: http.RequestOptions = {
      host: proxy.url.hostname.replace(/^\[|\]$/g, ''),
      port: proxyPort,
      method: 'CONNECT',
      path: target,
      headers,
      agent: false,
      lookup,
    };
    // An https:// proxy is itself reached over TLS (system roots), then tunnels the API server's TLS inside.
    if (secureProxy) options.createConnection = (opts) => tls.connect({ ...(opts as tls.ConnectionOptions), servername: proxy.url.hostname });
    const req = http.request(options);
    // A proxy that accepts the connection but never answers must not hold a socket forever.
    req.setTimeout(timeoutMs, () => req.destroy(new ProxyTunnelError(`proxy ${proxy.display} (${proxy.source}) did not answer the CONNECT to ${target} within ${timeoutMs} ms`, proxy.display)));
    req.once('connect', (res, socket, head) => {
      if (res.statusCode === 200) {
        if (head.length) socket.unshift(head);
        resolve(socket);
        return;
      }
      socket.destroy();
      const why = res.statusCode === 407 ? 'it requires authentication (407); put user:password in the proxy URL' : `it answered ${res.statusCode} ${res.statusMessage ?? ''}`.trim();
      reject(new ProxyTunnelError(`proxy ${proxy.display} (${proxy.source}) would not open a tunnel to ${target}: ${why}`, proxy.display));
    });
    req.once('error', (err: NodeJS.ErrnoException) => {
      if (err instanceof ProxyTunnelError) return reject(err);
      const why = err.code === 'ECONNREFUSED' ? 'connection refused (nothing listens there)' : err.code === 'ENOTFOUND' ? 'its host name does not resolve' : err.message;
      reject(new ProxyTunnelError(`cannot reach proxy ${proxy.display} (${proxy.source}): ${why}`, proxy.display, { cause: err }));
    });
    req.end();
  });
}

/**
 * SOCKS5 through the `socks` package (the engine behind socks-proxy-agent, installed with
 * @kubernetes/client-node). It is loaded only when a socks5 proxy is configured, and its absence
 * is reported as a proxy error rather than a crash.
 */
async function openSocksTunnel(proxy: ProxyChoice, host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  let socks: SocksModule;
  try {
    socks = await import('socks');
  } catch (err) {
    throw new ProxyTunnelError(`socks5 proxy ${proxy.display} (${proxy.source}) is not supported in this build: the "socks" package is missing; use an http:// proxy`, proxy.display, { cause: err });
  }
  try {
    const { socket } = await socks.SocksClient.createConnection({
      proxy: {
        host: proxy.url.hostname,
        port: Number(proxy.url.port || 1080),
        type: 5,
        ...(proxy.url.username ? { userId: decodeURIComponent(proxy.url.username), password: decodeURIComponent(proxy.url.password) } : {}),
      },
      command: 'connect',
      destination: { host, port },
      timeout: timeoutMs,
    });
    return socket;
  } catch (err) {
    throw new ProxyTunnelError(`socks5 proxy ${proxy.display} (${proxy.source}) could not connect to ${host}:${port}: ${(err as Error).message}`, proxy.display, { cause: err });
  }
}
