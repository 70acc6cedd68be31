/** Real X.509 certificates for the simulated cert-manager, through @peculiar/x509 on WebCrypto. */
// tsyringe (inside @peculiar/x509) needs the Reflect metadata API loaded first.
import 'reflect-metadata';
import { createPrivateKey, webcrypto, X509Certificate as NodeX509 } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { signingAlgorithm, takeKey, type KeySpec } from './key-pool.ts';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface Signer {
  certPem: string;
  keyPem: string;
}

export interface IssueRequest {
  commonName?: string;
  organizations?: string[];
  dnsNames: string[];
  ipAddresses: string[];
  uris: string[];
  emailAddresses: string[];
  isCA: boolean;
  notBefore: Date;
  notAfter: Date;
  key: KeySpec;
  /** PKCS1 (cert-manager's default: RSA PRIVATE KEY / EC PRIVATE KEY) or PKCS8. */
  encoding: 'PKCS1' | 'PKCS8';
  /** Signing CA; self-signed when absent. */
  signer?: Signer;
}

export interface Issued {
  certPem: string;
  keyPem: string;
  caPem: string;
  serialNumber: string;
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = bytes[0]! & 0x7f; // positive
  return Buffer.from(bytes).toString('hex');
}

const escapeDn = (v: string) => v.replace(/([,+"\\<>;=])/g, '\\$1');

async function importSigningKey(pem: string): Promise<CryptoKey> {
  const key = createPrivateKey(pem);
  const der = key.export({ type: 'pkcs8', format: 'der' });
  const algorithm =
    key.asymmetricKeyType === 'ec'
      ? { name: 'ECDSA', namedCurve: key.asymmetricKeyDetails?.namedCurve === 'secp384r1' ? 'P-384' : 'P-256' }
      : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  return webcrypto.subtle.importKey('pkcs8', der, algorithm, true, ['sign']) as Promise<CryptoKey>;
}

async function exportKeyPem(key: CryptoKey, encoding: 'PKCS1' | 'PKCS8'): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  const obj = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  if (encoding === 'PKCS8') return String(obj.export({ type: 'pkcs8', format: 'pem' }));
  return String(obj.export({ type: obj.asymmetricKeyType === 'ec' ? 'sec1' : 'pkcs1', format: 'pem' }));
}

export async function issueCertificate(req: IssueRequest): Promise<Issued> {
  const keys = await takeKey(req.key);
  const subjectParts = [...(req.organizations ?? []).map((o) => `O=${escapeDn(o)}`)];
  const cn = req.commonName ?? (req.isCA ? req.dnsNames[0] : undefined);
  if (cn) subjectParts.unshift(`CN=${escapeDn(cn)}`);
  const subject = subjectParts.join(', ');
  const sans: x509.JsonGeneralName[] = [
    ...req.dnsNames.map((value) => ({ type: 'dns' as const, value })),
    ...req.ipAddresses.map((value) => ({ type: 'ip' as const, value })),
    ...req.uris.map((value) => ({ type: 'url' as const, value })),
    ...req.emailAddresses.map((value) => ({ type: 'email' as const, value })),
  ];
  const usage = req.isCA
    ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign
    : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment;
  const extensions: x509.Extension[] = [
    new x509.KeyUsagesExtension(usage, true),
    new x509.BasicConstraintsExtension(req.isCA, undefined, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  if (sans.length) extensions.push(new x509.SubjectAlternativeNameExtension(sans, !subject));
  const serialNumber = randomSerial();
  let cert: x509.X509Certificate;
  let caPem: string;
  if (req.signer) {
    const caCert = new x509.X509Certificate(req.signer.certPem);
    const caKey = await importSigningKey(req.signer.keyPem);
    extensions.push(await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey));
    cert = await x509.X509CertificateGenerator.create({
      serialNumber,
      subject,
      issuer: caCert.subject,
      notBefore: req.notBefore,
      notAfter: req.notAfter,
      publicKey: keys.publicKey,
      signingKey: caKey,
      signingAlgorithm: signingAlgorithm(caKey),
      extensions,
    });
    caPem = req.signer.certPem;
  } else {
    cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber,
      name: subject,
      notBefore: req.notBefore,
      notAfter: req.notAfter,
      keys,
      signingAlgorithm: signingAlgorithm(keys.privateKey),
      extensions,
    });
    caPem = '';
  }
  const certPem = `${cert.toString('pem')}\n`;
  return { certPem, keyPem: await exportKeyPem(keys.privateKey, req.encoding), caPem: caPem || certPem, serialNumber };
}

export interface ParsedCertificate {
  notBefore: Date;
  notAfter: Date;
  dnsNames: string[];
  ipAddresses: string[];
  isCA: boolean;
  subject: string;
  issuer: string;
}

/** Reads the first certificate of a PEM bundle; undefined when it does not parse. */
export function parseCertificatePem(pem: string): ParsedCertificate | undefined {
  try {
    const cert = new NodeX509(pem);
    const alt = cert.subjectAltName ?? '';
    const entries = alt ? alt.split(', ') : [];
    return {
      notBefore: new Date(cert.validFrom),
      notAfter: new Date(cert.validTo),
      dnsNames: entries.filter((e) => e.startsWith('DNS:')).map((e) => e.slice(4)),
      ipAddresses: entries.filter((e) => e.startsWith('IP Address:')).map((e) => e.slice(11)),
      isCA: cert.ca,
      subject: cert.subject,
      issuer: cert.issuer,
    };
  } catch {
    return undefined;
  }
}

/** A stand-in for a public ACME CA (like Let's Encrypt staging), made once per process. */
let acmeCa: Promise<Signer> | undefined;
export function fakeAcmeCa(): Promise<Signer> {
  acmeCa ??= (async () => {
    const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const now = Date.now();
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomSerial(),
      name: 'CN=(STAGING) Counterfeit Cashew R10, O=(STAGING) Let\'s Encrypt, C=US',
      notBefore: new Date(now - 365 * 86_400_000),
      notAfter: new Date(now + 5 * 365 * 86_400_000),
      keys,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams,
      extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true), await x509.SubjectKeyIdentifierExtension.create(keys.publicKey)],
    });
    return { certPem: `${cert.toString('pem')}\n`, keyPem: await exportKeyPem(keys.privateKey, 'PKCS8') };
  })();
  return acmeCa;
}
