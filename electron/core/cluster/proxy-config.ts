import net from 'node:net';
import { redactUrl, type ResolvedContext } from './resolved-context.ts';

export interface ProxyChoice {
  url: URL;
  /** Where the proxy came from, for messages: "proxy-url of cluster lab in /x/config" or "HTTPS_PROXY". */
  source: string;
  /** The proxy URL with any user:password replaced, safe to show. */
  display: string;
}

/**
 * The proxy kubectl would use for this context. `proxy-url` in the kubeconfig wins; otherwise
 * Go's httpproxy.FromEnvironment rules: HTTPS_PROXY/https_proxy for https servers, HTTP_PROXY/
 * http_proxy for http ones, NO_PROXY/no_proxy exceptions, and never a proxy for localhost or a
 * loopback address.
 */
export function chooseProxy(rc: Pick<ResolvedContext, 'server' | 'proxyUrl' | 'clusterName' | 'files'>, env: NodeJS.ProcessEnv): ProxyChoice | null {
  if (rc.proxyUrl) {
    const url = new URL(rc.proxyUrl);
    return { url, source: `proxy-url of cluster "${rc.clusterName}" in ${rc.files.cluster}`, display: redactUrl(url.toString()) };
  }
  const server = new URL(rc.server);
  const pick = (...names: string[]) => {
    for (const n of names) if (env[n]) return { name: n, value: env[n]! };
    return undefined;
  };
  const fromEnv = server.protocol === 'https:' ? pick('HTTPS_PROXY', 'https_proxy') : pick('HTTP_PROXY', 'http_proxy');
  if (!fromEnv) return null;
  const host = server.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = server.port || (server.protocol === 'https:' ? '443' : '80');
  if (!usesProxy(host, port, pick('NO_PROXY', 'no_proxy')?.value ?? '')) return null;
  let url: URL;
  try {
    url = new URL(fromEnv.value.includes('://') ? fromEnv.value : `http://${fromEnv.value}`);
  } catch {
    throw new Error(`${fromEnv.name} is not a URL: ${JSON.stringify(fromEnv.value.replace(/\/\/[^@/]*@/, '//REDACTED@'))}`);
  }
  return { url, source: fromEnv.name, display: redactUrl(url.toString()) };
}

/** Go's httpproxy `useProxy`: false for loopback and for hosts matched by NO_PROXY. */
export function usesProxy(host: string, port: string, noProxy: string): boolean {
  if (host === 'localhost') return false;
  const ip = net.isIP(host) ? host : null;
  if (ip && isLoopback(ip)) return false;
  for (const raw of noProxy.split(',')) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return false;
    if (entry.includes('/') && ip) {
      if (inCidr(ip, entry)) return false;
      continue;
    }
    let entryPort = '';
    const portMatch = /^(.*):(\d+)$/.exec(entry);
    if (portMatch && !net.isIPv6(entry)) {
      entry = portMatch[1]!;
      entryPort = portMatch[2]!;
    }
    entry = entry.replace(/^\[|\]$/g, '');
    if (entryPort && entryPort !== port) continue;
    if (net.isIP(entry)) {
      if (ip && entry === ip) return false;
      continue;
    }
    if (entry.startsWith('*.')) entry = entry.slice(1);
    // ".example.com" matches subdomains only; "example.com" matches itself and its subdomains.
    if (entry.startsWith('.')) {
      if (host.endsWith(entry)) return false;
    } else if (host === entry || host.endsWith(`.${entry}`)) {
      return false;
    }
  }
  return true;
}

function isLoopback(ip: string): boolean {
  return net.isIPv4(ip) ? ip.startsWith('127.') : ip === '::1';
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  if (!base || !Number.isInteger(bits)) return false;
  const list = new net.BlockList();
  try {
    list.addSubnet(base, bits, net.isIPv6(base) ? 'ipv6' : 'ipv4');
    return list.check(ip, net.isIPv6(ip) ? 'ipv6' : 'ipv4');
  } catch {
    return false;
  }
}
