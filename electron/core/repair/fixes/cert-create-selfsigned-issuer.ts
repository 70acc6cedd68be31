import { createChange } from '../changes.ts';
import { parseFindingId, PlanError, type Fix } from '../fix.ts';

/** The self-signed (Cluster)Issuer a stack expects (Tracetest's `issuer-selfsigned`), created when missing. */
export const certCreateSelfsignedIssuer: Fix = {
  id: 'cert.create-selfsigned-issuer',
  title: 'Create the self-signed issuer',
  checks: ['cert.issuer-not-ready'],
  plan(view, finding) {
    const ref = finding.evidence.map((e) => e.ref).find((r) => r.kind === 'cert-manager.io/ClusterIssuer' || r.kind === 'cert-manager.io/Issuer');
    const { namespace, name } = ref ?? parseFindingId(finding.id);
    const kind = ref ? ref.kind.slice('cert-manager.io/'.length) : namespace ? 'Issuer' : 'ClusterIssuer';
    if (view.get(`cert-manager.io/${kind}`, kind === 'Issuer' ? namespace : undefined, name)) throw new PlanError(`${kind} ${name} exists already; this fix only creates a missing one`);
    if (view.kindState(`cert-manager.io/${kind}`).state === 'not-served' && view.kindState('cert-manager.io/Certificate').state === 'not-served') {
      throw new PlanError('cert-manager is not installed (no cert-manager.io kinds are served); install it first');
    }
    const issuer = {
      apiVersion: 'cert-manager.io/v1',
      kind,
      metadata: { name, ...(kind === 'Issuer' && namespace ? { namespace } : {}), labels: { 'app.kubernetes.io/managed-by': 'groundcrew' } },
      spec: { selfSigned: {} },
    };
    return {
      changes: [createChange(issuer, `create ${kind} ${name} (selfSigned)`)],
      explanation: `${kind} ${name} does not exist, so the certificates that name it are never issued. A selfSigned issuer needs no other configuration; cert-manager marks it Ready at once.`,
    };
  },
};
