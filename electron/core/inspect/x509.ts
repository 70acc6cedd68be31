import { createPrivateKey, X509Certificate } from 'node:crypto';

/** What the certificate checks need from a PEM certificate, parsed with Node's X509Certificate (no I/O). */
export interface ParsedCert {
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  dnsNames: string[];
  isCA: boolean;
  selfSigned: boolean;
  fingerprint256: string;
  x509: X509Certificate;
}

/** The first certificate of a PEM bundle (the leaf, as kubernetes.io/tls Secrets store it). */
export function parseCertificate(pem: string): ParsedCert {
  const first = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  if (!first) throw new Error('no PEM certificate found');
  const x509 = new X509Certificate(first);
  const dnsNames = (x509.subjectAltName ?? '')
    .split(/,\s*/)
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => s.slice(4).toLowerCase());
  let selfSigned = false;
  if (x509.issuer === x509.subject) {
    try {
      selfSigned = x509.verify(x509.publicKey);
    } catch {
      selfSigned = false;
    }
  }
  return { subject: x509.subject, issuer: x509.issuer, notBefore: new Date(x509.validFrom), notAfter: new Date(x509.validTo), dnsNames, isCA: x509.ca, selfSigned, fingerprint256: x509.fingerprint256, x509 };
}

/** Whether the private key PEM belongs to the certificate; undefined when the key does not parse. */
export function keyMatches(cert: ParsedCert, keyPem: string): boolean | undefined {
  try {
    return cert.x509.checkPrivateKey(createPrivateKey(keyPem));
  } catch {
    return undefined;
  }
}

/** Whether a SAN list covers `name`: exactly, or by a `*.` wildcard for exactly one more label. */
export function covers(sans: readonly string[], name: string): boolean {
  const n = name.toLowerCase();
  return sans.some((san) => {
    if (san === n) return true;
    if (san.startsWith('*.')) {
      if (n.startsWith('*.')) return san === n;
      const dot = n.indexOf('.');
      return dot > 0 && n.slice(dot + 1) === san.slice(2);
    }
    return false;
  });
}
