import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The sandbox's own certificate authority, its serving certificate (127.0.0.1, ::1, localhost)
 * and an admin client certificate (CN = user, O = group), made with the openssl CLI on EC P-256.
 * Kept in a folder so a sandbox restarted on the same state keeps working kubeconfigs.
 */
export interface SandboxCertificates {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

export const CLIENT_CERT_USER = 'sandbox-cert-admin';
export const CLIENT_CERT_GROUP = 'system:masters';

const FILES: Record<keyof SandboxCertificates, string> = {
  caCert: 'ca.crt',
  caKey: 'ca.key',
  serverCert: 'apiserver.crt',
  serverKey: 'apiserver.key',
  clientCert: 'admin.crt',
  clientKey: 'admin.key',
};

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`openssl ${args[0]} failed while making sandbox certificates: ${stderr.trim() || (err as Error).message}`, { cause: err });
  }
}

function config(cn: string, org: string | undefined, extensions: string[]): string {
  return ['[req]', 'distinguished_name = dn', 'prompt = no', '[dn]', `CN = ${cn}`, ...(org ? [`O = ${org}`] : []), '[ext]', ...extensions, ''].join('\n');
}

const KEY_ARGS = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function generate(dir: string): void {
  writeFileSync(path.join(dir, 'ca.cnf'), config('groundcrew-sandbox-ca', undefined, ['basicConstraints = critical,CA:TRUE', 'keyUsage = critical,keyCertSign,cRLSign,digitalSignature', 'subjectKeyIdentifier = hash']));
  openssl(['req', '-x509', '-config', 'ca.cnf', '-extensions', 'ext', ...KEY_ARGS, '-keyout', FILES.caKey, '-out', FILES.caCert, '-days', '3650'], dir);
  const leaf = (name: string, cn: string, org: string | undefined, ext: string[], certFile: string, keyFile: string) => {
    writeFileSync(path.join(dir, `${name}.cnf`), config(cn, org, ['basicConstraints = critical,CA:FALSE', 'keyUsage = critical,digitalSignature,keyEncipherment', 'authorityKeyIdentifier = keyid', ...ext]));
    openssl(['req', '-x509', '-config', `${name}.cnf`, '-extensions', 'ext', ...KEY_ARGS, '-keyout', keyFile, '-out', certFile, '-days', '825', '-CA', FILES.caCert, '-CAkey', FILES.caKey], dir);
  };
  leaf('apiserver', 'sandbox-apiserver', undefined, ['extendedKeyUsage = serverAuth', 'subjectAltName = IP:127.0.0.1,IP:0:0:0:0:0:0:0:1,DNS:localhost'], FILES.serverCert, FILES.serverKey);
  leaf('admin', CLIENT_CERT_USER, CLIENT_CERT_GROUP, ['extendedKeyUsage = clientAuth'], FILES.clientCert, FILES.clientKey);
}

function read(dir: string): SandboxCertificates {
  const out = {} as SandboxCertificates;
  for (const [key, file] of Object.entries(FILES) as Array<[keyof SandboxCertificates, string]>) out[key] = readFileSync(path.join(dir, file), 'utf8');
  return out;
}

/** Reuses certificates in `dir` when all are there; otherwise makes a new set (in a temp folder when no dir). */
export function ensureCertificates(dir?: string): SandboxCertificates {
  if (dir && Object.values(FILES).every((f) => existsSync(path.join(dir, f)))) return read(dir);
  const work = dir ?? mkdtempSync(path.join(os.tmpdir(), 'groundcrew-sandbox-pki-'));
  mkdirSync(work, { recursive: true });
  generate(work);
  const certs = read(work);
  if (!dir) rmSync(work, { recursive: true, force: true });
  return certs;
}
