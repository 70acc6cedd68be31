import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { timingSafeEqual } from 'node:crypto';
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
export function authenticate(req: IncomingMessage, token: string, faults: Faults): UserInfo {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const given = Buffer.from(header.slice(7).trim());
    const want = Buffer.from(token);
    if (given.length === want.length && timingSafeEqual(given, want) && !faults.tokenExpired()) {
      return { username: TOKEN_USER, groups: ['system:masters', 'system:authenticated'] };
    }
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
