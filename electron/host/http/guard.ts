import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'gc_token';

/** Host names a loopback-bound server answers to; anything else is a DNS-rebinding attempt. */
export function allowedHosts(boundHost: string, port: number): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  names.add(boundHost.includes(':') && !boundHost.startsWith('[') ? `[${boundHost}]` : boundHost);
  return new Set([...names].map((n) => `${n}:${port}`.toLowerCase()));
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

/**
 * Every request (page, asset, API, WebSocket) passes here first:
 * a foreign Host or Origin is refused (403), then a missing or wrong token (401).
 */
export function checkRequest(req: IncomingMessage, hosts: Set<string>, token: string): GuardVerdict {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!hosts.has(host)) return { ok: false, status: 403, message: `forbidden host "${req.headers.host ?? ''}"` };
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let originHost: string;
    try {
      const url = new URL(origin);
      originHost = url.protocol === 'http:' ? url.host.toLowerCase() : '';
    } catch {
      originHost = '';
    }
    if (!hosts.has(originHost)) return { ok: false, status: 403, message: `forbidden origin "${origin}"` };
  }
  const presented = presentedToken(req);
  if (presented === null) return { ok: false, status: 401, message: 'missing token: open the URL printed by `groundcrew serve`' };
  if (!sameSecret(presented, token)) return { ok: false, status: 401, message: 'wrong token: open the URL printed by `groundcrew serve`' };
  return { ok: true };
}

export function presentedToken(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  const url = new URL(req.url ?? '/', 'http://placeholder');
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return fromQuery;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return decodeURIComponent(v.join('='));
  }
  return null;
}

function sameSecret(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}
