import { stringify } from 'yaml';
import type { SandboxCertificates } from './certs.ts';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** A kubeconfig with two contexts: `sandbox` (bearer token) and `sandbox-cert` (client certificate). */
export function renderKubeconfig(url: string, token: string, certs: SandboxCertificates): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'sandbox', cluster: { server: url, 'certificate-authority-data': b64(certs.caCert) } }],
    users: [
      { name: 'sandbox-token', user: { token } },
      { name: 'sandbox-cert', user: { 'client-certificate-data': b64(certs.clientCert), 'client-key-data': b64(certs.clientKey) } },
    ],
    contexts: [
      { name: 'sandbox', context: { cluster: 'sandbox', user: 'sandbox-token', namespace: 'default' } },
      { name: 'sandbox-cert', context: { cluster: 'sandbox', user: 'sandbox-cert', namespace: 'default' } },
    ],
    'current-context': 'sandbox',
    preferences: {},
  });
}
