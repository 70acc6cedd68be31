import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Test PKI made with the real openssl CLI: a cluster CA, a server certificate, client certificates, and an unrelated CA. */
export interface TestPki {
  dir: string;
  caCert: string;
  caCertFile: string;
  /** A CA that signed nothing here: trusting it must fail with "unknown authority". */
  otherCaCert: string;
  otherCaCertFile: string;
  serverCert: string;
  serverKey: string;
  /** alice (group devs), signed by the cluster CA. */
  clientCert: string;
  clientKey: string;
  clientCertFile: string;
  clientKeyFile: string;
  /** A key that belongs to no certificate here. */
  strayKeyFile: string;
  cleanup(): void;
}

/** Names on the server certificate; anything else is a name mismatch. */
export const SERVER_NAMES = ['localhost', 'kube.groundcrew.test'];

function openssl(cwd: string, args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function newKey(cwd: string, file: string): void {
  openssl(cwd, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file]);
}

function selfSignedCa(cwd: string, name: string): void {
  newKey(cwd, `${name}.key`);
  openssl(cwd, ['req', '-x509', '-new', '-key', `${name}.key`, '-out', `${name}.crt`, '-days', '2', '-subj', `/CN=${name}`]);
}

function signed(cwd: string, name: string, subject: string, ext: string): void {
  newKey(cwd, `${name}.key`);
  openssl(cwd, ['req', '-new', '-key', `${name}.key`, '-out', `${name}.csr`, '-subj', subject]);
  fs.writeFileSync(path.join(cwd, `${name}.ext`), ext);
  const serial = `0x${Math.floor(Math.random() * 2 ** 48).toString(16)}`;
  openssl(cwd, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', serial, '-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`]);
}

export function makeTestPki(): TestPki {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-pki-'));
  selfSignedCa(dir, 'ca');
  selfSignedCa(dir, 'other-ca');
  signed(dir, 'server', '/CN=kube-apiserver', `subjectAltName=IP:127.0.0.1,${SERVER_NAMES.map((n) => `DNS:${n}`).join(',')}\nextendedKeyUsage=serverAuth\n`);
  signed(dir, 'alice', '/O=devs/CN=alice', 'extendedKeyUsage=clientAuth\n');
  newKey(dir, 'stray.key');
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  return {
    dir,
    caCert: read('ca.crt'),
    caCertFile: path.join(dir, 'ca.crt'),
    otherCaCert: read('other-ca.crt'),
    otherCaCertFile: path.join(dir, 'other-ca.crt'),
    serverCert: read('server.crt'),
    serverKey: read('server.key'),
    clientCert: read('alice.crt'),
    clientKey: read('alice.key'),
    clientCertFile: path.join(dir, 'alice.crt'),
    clientKeyFile: path.join(dir, 'alice.key'),
    strayKeyFile: path.join(dir, 'stray.key'),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
