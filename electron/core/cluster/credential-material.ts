import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Reading certificates, keys and token files named by a kubeconfig. Every function throws a plain
 * Error whose message says what is wrong with the value; resolve-context.ts adds file, line and field.
 */

/** kubectl resolves relative paths against the folder of the kubeconfig file that named them. */
export function resolveRelative(kubeconfigFile: string, p: string): string {
  const expanded = p.startsWith('~/') ? path.join(process.env.HOME ?? '', p.slice(2)) : p;
  return path.isAbsolute(expanded) ? expanded : path.resolve(path.dirname(kubeconfigFile), expanded);
}

export function readFileOrExplain(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'file does not exist' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory, not a file' : (err as Error).message;
    throw new Error(`cannot read ${file}: ${why}`, { cause: err });
  }
}

/** Go's base64.StdEncoding (what kubeconfig *-data fields use) is strict: padded, no stray characters. */
export function decodeBase64Strict(value: unknown): Buffer {
  if (typeof value !== 'string') throw new Error('must be a base64 string');
  const compact = value.replace(/\s+/g, '');
  if (compact === '') throw new Error('is empty');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) {
    const bad = compact.match(/[^A-Za-z0-9+/=]/)?.[0];
    throw new Error(`is not valid base64${bad ? ` (unexpected character ${JSON.stringify(bad)})` : ' (wrong length or padding)'}`);
  }
  return Buffer.from(compact, 'base64');
}

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Parses a PEM bundle; returns the certificates (at least one) or explains why it is not one. */
export function parseCertificateBundle(pem: Buffer): crypto.X509Certificate[] {
  const text = pem.toString('utf8');
  const blocks = text.match(CERT_BLOCK);
  if (!blocks) {
    const looksDer = pem.length > 0 && pem[0] === 0x30;
    throw new Error(`is not PEM: no "-----BEGIN CERTIFICATE-----" block${looksDer ? ' (it looks like DER; convert it with `openssl x509 -inform der -outform pem`)' : ''}`);
  }
  return blocks.map((block, i) => {
    try {
      return new crypto.X509Certificate(block);
    } catch (err) {
      throw new Error(`certificate #${i + 1} in the PEM cannot be parsed: ${(err as Error).message}`, { cause: err });
    }
  });
}

export function parsePrivateKey(pem: Buffer): crypto.KeyObject {
  const text = pem.toString('utf8');
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) throw new Error('is not a PEM private key: no "-----BEGIN … PRIVATE KEY-----" block');
  try {
    return crypto.createPrivateKey(text);
  } catch (err) {
    throw new Error(`private key cannot be parsed: ${(err as Error).message}`, { cause: err });
  }
}

/** The unverified `exp` claim of a JWT (an OIDC id-token), to explain a 401; never used for trust. */
export function jwtExpiry(token: string): Date | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : undefined;
  } catch {
    return undefined;
  }
}
