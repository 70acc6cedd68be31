import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Real X.509 certificates for tests, made with the openssl CLI (EC P-256: fast).
 * Validity starts now and lasts `days`; tests that need an expired or expiring certificate
 * move the inspection's `now` instead of back-dating the certificate.
 */
export interface TestCert {
  cert: string;
  key: string;
}

export interface CertOptions {
  cn?: string;
  dnsNames?: string[];
  days?: number;
  isCA?: boolean;
  /** Sign with this CA instead of self-signing. */
  issuer?: TestCert;
}

let serial = 1000;

export function makeCert(o: CertOptions = {}): TestCert {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-cert-'));
  try {
    const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    run(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'k.pem']);
    const subj = `/CN=${o.cn ?? o.dnsNames?.[0] ?? 'test'}`;
    const days = String(o.days ?? 365);
    const ext = [`basicConstraints=critical,CA:${o.isCA ? 'TRUE' : 'FALSE'}`, ...(o.dnsNames?.length ? [`subjectAltName=${o.dnsNames.map((d) => `DNS:${d}`).join(',')}`] : [])];
    if (o.issuer) {
      fs.writeFileSync(path.join(dir, 'ca.crt'), o.issuer.cert);
      fs.writeFileSync(path.join(dir, 'ca.key'), o.issuer.key);
      fs.writeFileSync(path.join(dir, 'ext.cnf'), `${ext.join('\n')}\n`);
      run(['req', '-new', '-key', 'k.pem', '-out', 'c.csr', '-subj', subj]);
      run(['x509', '-req', '-in', 'c.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', String(serial++), '-days', days, '-extfile', 'ext.cnf', '-out', 'c.pem']);
    } else {
      run(['req', '-x509', '-new', '-key', 'k.pem', '-out', 'c.pem', '-days', days, '-subj', subj, ...ext.flatMap((e) => ['-addext', e])]);
    }
    return { cert: fs.readFileSync(path.join(dir, 'c.pem'), 'utf8'), key: fs.readFileSync(path.join(dir, 'k.pem'), 'utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
