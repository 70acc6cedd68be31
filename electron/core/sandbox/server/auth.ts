import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { CLIENT_CERT_USER } from './certs.ts';
import type { Faults } from './faults.ts';
import { HttpError } from './status.ts';

export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
}

export const TOKEN_USER = 'sandbox-admin';

/** Who is calling: the bearer token's admin, or the CN/O of a client certificate our CA signed. */
/** Tokens issued through serviceaccounts/<name>/token, valid until they expire. */
export class IssuedTokens {
  private readonly tokens = new Map<string, { user: UserInfo; expiresAt: number }>();

  issue(namespace: string, serviceAccount: string, uid: string | undefined, expirationSeconds: number): { token: string; expiresAt: Date } {
    const token = `sandbox-sa.${randomBytes(24).toString('base64url')}`;
    const expiresAt = Date.now() + expirationSeconds * 1000;
    const user: UserInfo = {
      username: `system:serviceaccount:${namespace}:${serviceAccount}`,
      ...(uid ? { uid } : {}),
      groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
    };
    this.tokens.set(token, { user, expiresAt });
    return { token, expiresAt: new Date(expiresAt) };
  }

  lookup(token: string): UserInfo | undefined {
    const entry = this.tokens.get(token);
    if (!entry) return undefined;
    if (Date.now() >= entry.expiresAt) {
      this.tokens.delete(token);
      return undefined;
    }
    return entry.user;
  }
}

export function authenticate(req: IncomingMessage, token: string, faults: Faults, issued?: IssuedTokens): UserInfo {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const bearer = header.slice(7).trim();
    const given = Buffer.from(bearer);
    const want = Buffer.from(token);
    if (given.length === want.length && timingSafeEqual(given, want) && !faults.tokenExpired()) {
      return { username: TOKEN_USER, groups: ['system:masters', 'system:authenticated'] };
    }
    const serviceAccount = issued?.lookup(bearer);
    if (serviceAccount && !faults.tokenExpired()) return serviceAccount;
    throw new HttpError('Unauthorized', 'Unauthorized');
  }
  const socket = req.socket as TLSSocket;
  if (socket.authorized) {
    const cert = socket.getPeerCertificate();
    const subject = cert?.subject as unknown as Record<string, string | string[]> | undefined;
    if (subject?.CN) {
      const org = subject.O;
      const groups = org === undefined ? [] : Array.isArray(org) ? org : [org];
      return { username: String(subject.CN ?? CLIENT_CERT_USER), groups: [...groups, 'system:authenticated'] };
    }
  }
  throw new HttpError('Unauthorized', 'Unauthorized');
}

/**
 * Impersonation (`kubectl --as USER --as-group GROUP`): admins may act as anyone, so deny rules
 * written for that user apply. Others get 403 as from the real RBAC.
 */
export function impersonate(req: IncomingMessage, user: UserInfo): UserInfo {
  const as = req.headers['impersonate-user'];
  if (typeof as !== 'string' || as === '') return user;
  if (!user.groups.includes('system:masters')) {
    throw new HttpError('Forbidden', `users "${as}" is forbidden: User "${user.username}" cannot impersonate resource "users" in API group "" at the cluster scope`);
  }
  const raw = req.headers['impersonate-group'];
  const groups = raw === undefined ? [] : (Array.isArray(raw) ? raw : raw.split(',')).map((g) => g.trim()).filter(Boolean);
  return { username: as, groups: [...groups, 'system:authenticated'] };
}
