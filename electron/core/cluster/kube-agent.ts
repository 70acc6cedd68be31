import dns from 'node:dns';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { ProxyChoice } from './proxy-config.ts';
import { openTunnel, type LookupFunction } from './proxy-tunnel.ts';

/**
 * DNS lookup that answers names under `.invalid` itself (RFC 6761 §6.4: resolution APIs should
 * fail them immediately), so a mistyped or placeholder server never sends a query to a resolver.
 */
export function safeLookup(inner: LookupFunction = dns.lookup as LookupFunction): LookupFunction {
  return ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    const name = hostname.toLowerCase().replace(/\.$/, '');
    if (name === 'invalid' || name.endsWith('.invalid')) {
      const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname, syscall: 'getaddrinfo' });
      process.nextTick(() => callback(err));
      return;
    }
    (inner as (h: string, o: dns.LookupOptions, cb: (...args: unknown[]) => void) => void)(hostname, options, callback);
  }) as LookupFunction;
}

export interface KubeAgentOptions extends https.AgentOptions {
  proxy: ProxyChoice | null;
  /** Longest wait for the proxy to open a tunnel. */
  tunnelTimeoutMs?: number;
  lookup: LookupFunction;
}

/**
 * One keep-alive HTTPS agent per context. Through a proxy it opens the tunnel first and then runs
 * TLS to the API server inside it, so the server's certificate is still checked end to end.
 */
export class KubeAgent extends https.Agent {
  private readonly proxy: ProxyChoice | null;
  private readonly tunnelTimeoutMs: number;

  constructor(options: KubeAgentOptions) {
    const { proxy, tunnelTimeoutMs, ...agentOptions } = options;
    super({ keepAlive: true, maxSockets: 32, ...agentOptions });
    this.proxy = proxy;
    this.tunnelTimeoutMs = tunnelTimeoutMs ?? 30_000;
  }

  // Node's Agent accepts a callback-style createConnection; that is how the tunnel stays asynchronous.
  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const tlsOptions = options as tls.ConnectionOptions & { host: string; port: number };
    if (!this.proxy) return tls.connect(tlsOptions);
    const lookup = (options as { lookup?: LookupFunction }).lookup ?? (dns.lookup as LookupFunction);
    openTunnel(this.proxy, tlsOptions.host, Number(tlsOptions.port), lookup, this.tunnelTimeoutMs).then(
      (socket) => callback?.(null, tls.connect({ ...tlsOptions, socket })),
      (err: Error) => callback?.(err, undefined as unknown as Duplex),
    );
    return undefined;
  }
}
