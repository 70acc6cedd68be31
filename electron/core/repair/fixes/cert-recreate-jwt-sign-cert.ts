import type { KubeObject } from '../../cluster/view.ts';
import { createChange, deleteChange } from '../changes.ts';
import { installationFor, parseFindingId, profileOf, type Fix } from '../fix.ts';

/**
 * Tracetest's agent-token signing certificate (`jwt-sign-cert`, isCA, RSA 2048 PKCS1): its Secret
 * is missing. The Certificate is created as the chart does (or, when it exists and still has not
 * produced the Secret, re-created) so cert-manager issues it.
 */
export const certRecreateJwtSignCert: Fix = {
  id: 'cert.recreate-jwt-sign-cert',
  title: 'Re-create the jwt-sign-cert Certificate',
  checks: ['cert.jwt-sign-cert-missing'],
  plan(view, finding, ctx) {
    const { namespace, name: secretName } = parseFindingId(finding.id);
    const ns = namespace ?? installationFor(view, finding, ctx.profiles)?.namespace ?? 'default';
    const expected = profileOf(finding, ctx.profiles)?.certificates.find((c) => c.isCA && (c.secretName ?? c.name) === secretName) ?? { name: 'jwt-sign-cert', issuer: { kind: 'ClusterIssuer', name: 'issuer-selfsigned' } };
    const existing = view.list('cert-manager.io/Certificate', ns).find((c) => (c.spec as { secretName?: string } | undefined)?.secretName === secretName);
    const cert: KubeObject = existing
      ? (structuredClone(existing) as KubeObject)
      : {
          apiVersion: 'cert-manager.io/v1',
          kind: 'Certificate',
          metadata: { name: expected.name, namespace: ns },
          spec: {
            secretName,
            isCA: true,
            commonName: expected.name,
            duration: '87600h',
            privateKey: { algorithm: 'RSA', size: 2048, encoding: 'PKCS1', rotationPolicy: 'Always' },
            issuerRef: { group: 'cert-manager.io', kind: expected.issuer.kind, name: expected.issuer.name },
          },
        };
    const changes = existing ? [deleteChange(existing, `delete Certificate ${ns}/${existing.metadata.name} (it never produced ${secretName})`), createChange(cert, `create Certificate ${ns}/${cert.metadata.name} again`)] : [createChange(cert, `create Certificate ${ns}/${cert.metadata.name} (isCA, RSA 2048 PKCS1)`)];
    return {
      changes,
      explanation: `Secret ${ns}/${secretName} signs agent tokens; the Cloud API cannot start without it. ${existing ? `Certificate ${existing.metadata.name} exists but has not produced it, so it is re-created.` : 'No Certificate produces it, so one is created as the Tracetest chart does.'} cert-manager then writes the Secret.`,
    };
  },
};
