import type { KubeObject } from '../../cluster/view.ts';
import type { Finding } from '../../../../shared/model/finding.ts';
import type { ExpectedCertificate } from '../../../../shared/model/profile.ts';
import { evidence, finding, forbiddenFinding, isForbidden, missingEvidence } from '../finding.ts';
import { expectedHosts } from '../hostnames.ts';
import { arr, condition, field, num, secretValue, str } from '../kube.ts';
import type { Check, CheckContext } from '../types.ts';
import { covers, keyMatches, parseCertificate } from '../x509.ts';

/**
 * cert-manager and the stack's certificates: cert-manager installed with a ready webhook whose
 * CA bundle was injected; issuers Ready; Certificates Ready; and the TLS Secret itself, parsed
 * with X509Certificate: validity, SANs against the stack's hostnames, key pair, self-signed in
 * production, and Tracetest's jwt-sign-cert signing certificate.
 */

const CRD = 'apiextensions.k8s.io/CustomResourceDefinition';
const CERT = 'cert-manager.io/Certificate';
const DAY = 86_400_000;

function certManagerPresent(ctx: CheckContext): boolean {
  const { view } = ctx;
  return (
    view.get(CRD, undefined, 'certificates.cert-manager.io') !== undefined ||
    view.kindState(CERT).state === 'listed' ||
    view.list('apps/Deployment').some((d) => d.metadata.name === 'cert-manager' || d.metadata.labels?.['app.kubernetes.io/name'] === 'cert-manager')
  );
}

function managerAndWebhook(ctx: CheckContext): Finding[] {
  const { view } = ctx;
  const base = { component: 'cert-manager' };
  if (!certManagerPresent(ctx)) {
    if (isForbidden(ctx, CRD) && isForbidden(ctx, CERT)) return [forbiddenFinding(ctx, CRD, 'whether cert-manager is installed')!];
    return [
      finding(ctx, {
        ...base,
        checkId: 'cert.manager-missing',
        severity: 'error',
        namespace: undefined,
        name: 'cert-manager',
        title: 'cert-manager is not installed',
        explanation: `${ctx.inst.profile.title} gets its TLS and signing certificates from cert-manager: no certificates.cert-manager.io CRD and no cert-manager Deployment were found. Install cert-manager before the stack.`,
        evidence: [missingEvidence(CRD, undefined, 'certificates.cert-manager.io')],
      }),
    ];
  }
  const out: Finding[] = [];
  const webhooks = view.list('apps/Deployment').filter((d) => /(^|-)cert-manager-webhook$/.test(d.metadata.name) || (d.metadata.labels?.['app.kubernetes.io/component'] === 'webhook' && d.metadata.labels?.['app.kubernetes.io/instance'] === 'cert-manager'));
  for (const d of webhooks) {
    const want = num(field(d, 'spec', 'replicas')) ?? 1;
    const ready = num(field(d, 'status', 'readyReplicas')) ?? 0;
    if (ready >= want && want > 0) continue;
    out.push(
      finding(ctx, {
        ...base,
        checkId: 'cert.webhook-not-ready',
        severity: 'error',
        namespace: d.metadata.namespace,
        name: d.metadata.name,
        title: `cert-manager webhook is not ready (${ready}/${want})`,
        explanation: 'Every create or update of a Certificate, Issuer or CertificateRequest goes through this webhook; while it is down they are rejected and nothing is issued.',
        evidence: [evidence(d, 'status', { replicas: want, readyReplicas: ready })],
        fixId: 'workload.rollout-restart',
      }),
    );
  }
  for (const kind of ['admissionregistration.k8s.io/ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/MutatingWebhookConfiguration']) {
    for (const cfg of view.list(kind)) {
      const hooks = arr(field(cfg, 'webhooks')).filter((w) => /cert-manager-webhook/.test(str(field(w, 'clientConfig', 'service', 'name')) ?? ''));
      if (hooks.length === 0 || hooks.every((w) => (str(field(w, 'clientConfig', 'caBundle')) ?? '') !== '')) continue;
      out.push(
        finding(ctx, {
          ...base,
          checkId: 'cert.webhook-not-ready',
          severity: 'error',
          namespace: undefined,
          name: cfg.metadata.name,
          detail: 'ca-bundle',
          title: `${cfg.kind} ${cfg.metadata.name} has no CA bundle`,
          explanation: 'cert-manager-cainjector has not injected the webhook CA into this configuration, so the API server cannot call the webhook and cert-manager resources are rejected. Check that the cainjector is running.',
          evidence: [evidence(cfg, 'webhooks[].clientConfig', hooks.map((w) => ({ name: field(w, 'name'), caBundle: str(field(w, 'clientConfig', 'caBundle')) ?? '' })))],
        }),
      );
    }
  }
  return out;
}

function issuerObject(ctx: CheckContext, kind: string, name: string, namespace: string): KubeObject | undefined {
  return kind === 'ClusterIssuer' ? ctx.view.get('cert-manager.io/ClusterIssuer', undefined, name) : ctx.view.get('cert-manager.io/Issuer', namespace, name);
}

function issuers(ctx: CheckContext, certs: KubeObject[]): Finding[] {
  const wanted = new Map<string, { kind: string; name: string; namespace: string; selfSigned: boolean; expected: boolean }>();
  for (const i of ctx.inst.profile.issuers) wanted.set(`${i.kind}/${i.name}`, { kind: i.kind, name: ctx.inst.name(i.name), namespace: ctx.inst.namespace, selfSigned: i.type === 'selfSigned', expected: true });
  for (const c of certs) {
    const kind = str(field(c, 'spec', 'issuerRef', 'kind')) ?? 'Issuer';
    const name = str(field(c, 'spec', 'issuerRef', 'name'));
    const group = str(field(c, 'spec', 'issuerRef', 'group')) ?? 'cert-manager.io';
    if (!name || group !== 'cert-manager.io') continue;
    const key = `${kind}/${name}`;
    if (!wanted.has(key)) wanted.set(key, { kind, name, namespace: c.metadata.namespace ?? ctx.inst.namespace, selfSigned: false, expected: false });
  }
  const out: Finding[] = [];
  for (const w of wanted.values()) {
    const kindKey = `cert-manager.io/${w.kind}`;
    const obj = issuerObject(ctx, w.kind, w.name, w.namespace);
    const ns = w.kind === 'ClusterIssuer' ? undefined : w.namespace;
    const base = { checkId: 'cert.issuer-not-ready', severity: 'error' as const, component: 'cert-manager', namespace: ns, name: w.name };
    if (!obj) {
      const forbidden = forbiddenFinding(ctx, kindKey, `${w.kind}s`);
      if (forbidden) {
        out.push(forbidden);
        continue;
      }
      out.push(
        finding(ctx, {
          ...base,
          title: `${w.kind} ${w.name} does not exist`,
          explanation: `${w.expected ? `${ctx.inst.profile.title} expects ${w.kind} ${w.name}` : `A Certificate refers to ${w.kind} ${w.name}`}, which does not exist, so its certificates are never issued.`,
          evidence: [missingEvidence(kindKey, ns, w.name)],
          ...(w.selfSigned ? { fixId: 'cert.create-selfsigned-issuer' } : {}),
        }),
      );
      continue;
    }
    const ready = condition(obj, 'Ready');
    if (ready?.status === 'True') continue;
    out.push(
      finding(ctx, {
        ...base,
        title: `${w.kind} ${w.name} is not ready`,
        explanation: `${ready ? `${ready.reason ?? 'NotReady'}: ${ready.message ?? ''}` : 'It has no Ready condition yet.'} Certificates it signs stay unissued until it is Ready.`,
        evidence: [evidence(obj, 'status.conditions', ready ?? {})],
      }),
    );
  }
  return out;
}

interface CertTarget {
  namespace: string;
  name: string;
  expected?: ExpectedCertificate;
  cert?: KubeObject;
  secretName: string;
}

function targets(ctx: CheckContext): CertTarget[] {
  const namespaces = [...new Set(ctx.inst.components.map((c) => c.namespace))];
  const out = new Map<string, CertTarget>();
  for (const e of ctx.inst.profile.certificates) {
    const name = ctx.inst.name(e.name);
    const ns = ctx.inst.namespace;
    const cert = ctx.view.get(CERT, ns, name);
    out.set(`${ns}/${name}`, { namespace: ns, name, expected: e, cert, secretName: str(field(cert, 'spec', 'secretName')) ?? ctx.inst.name(e.secretName ?? e.name) });
  }
  for (const ns of namespaces) {
    for (const cert of ctx.view.list(CERT, ns)) {
      const key = `${ns}/${cert.metadata.name}`;
      if (!out.has(key)) out.set(key, { namespace: ns, name: cert.metadata.name, cert, secretName: str(field(cert, 'spec', 'secretName')) ?? cert.metadata.name });
    }
  }
  return [...out.values()];
}

function requiredNames(ctx: CheckContext, t: CertTarget): string[] {
  const names = new Set<string>([...arr(field(t.cert, 'spec', 'dnsNames')).filter((n): n is string => typeof n === 'string').map((n) => n.toLowerCase()), ...(t.expected?.dnsNames ?? [])]);
  if (t.expected?.dnsNamesFromHostnames) {
    const h = expectedHosts(ctx);
    if (h) for (const n of [...h.hosts, ...(h.wildcard ? [h.wildcard] : [])]) names.add(n);
  }
  return [...names];
}

function certificateFindings(ctx: CheckContext, t: CertTarget): Finding[] {
  const { view } = ctx;
  const out: Finding[] = [];
  const isJwt = t.expected?.isCA === true && t.name === 'jwt-sign-cert';
  const base = { component: 'certificates', namespace: t.namespace };
  const secret = view.get('Secret', t.namespace, t.secretName);
  const secretForbidden = isForbidden(ctx, 'Secret');
  if (isJwt && !secret && !secretForbidden) {
    out.push(
      finding(ctx, {
        ...base,
        checkId: 'cert.jwt-sign-cert-missing',
        severity: 'error',
        name: t.secretName,
        title: `Secret ${t.secretName} (agent token signing certificate) is missing`,
        explanation: `The Tracetest Cloud API mounts ${t.secretName} (tls.crt/tls.key) to sign agent tokens; without it the pod stays in CreateContainerConfigError. ${t.cert ? `Certificate ${t.name} exists but has not produced it: ${condition(t.cert, 'Ready')?.message ?? 'not ready'}.` : `The Certificate ${t.name} does not exist either; cert-manager and its ClusterIssuer create it.`}`,
        evidence: [missingEvidence('Secret', t.namespace, t.secretName), ...(t.cert ? [evidence(t.cert, 'status.conditions', condition(t.cert, 'Ready') ?? {})] : [])],
        fixId: 'cert.recreate-jwt-sign-cert',
      }),
    );
    return out;
  }
  if (!t.cert) {
    if (isForbidden(ctx, CERT)) return [forbiddenFinding(ctx, CERT, 'Certificates')!];
    if (!secret) {
      out.push(
        finding(ctx, {
          ...base,
          checkId: 'cert.missing',
          severity: 'error',
          name: t.name,
          title: `Certificate ${t.name} does not exist`,
          explanation: `${ctx.inst.profile.title} expects Certificate ${t.namespace}/${t.name}${t.expected?.purpose ? ` (${t.expected.purpose})` : ''}, issued by ${t.expected?.issuer.kind} ${t.expected?.issuer.name}.`,
          evidence: [missingEvidence(CERT, t.namespace, t.name)],
        }),
      );
      return out;
    }
  } else {
    const ready = condition(t.cert, 'Ready');
    // An expired certificate is reported once, as cert.expired (below), not also as not ready.
    const expiredSecret = ready?.reason === 'Expired' && secretExpired(secret, ctx.now);
    if (ready?.status !== 'True' && !expiredSecret) {
      const issuing = condition(t.cert, 'Issuing');
      const failures = num(field(t.cert, 'status', 'failedIssuanceAttempts'));
      const lastFailure = str(field(t.cert, 'status', 'lastFailureTime'));
      out.push(
        finding(ctx, {
          ...base,
          checkId: 'cert.not-ready',
          severity: 'error',
          name: t.name,
          title: `Certificate ${t.name} is not ready${ready?.reason ? ` (${ready.reason})` : ''}`,
          explanation:
            `${ready ? `${ready.reason ?? 'NotReady'}: ${ready.message ?? ''}` : 'It has no Ready condition.'}` +
            `${issuing ? ` Issuing=${issuing.status}${issuing.reason ? ` (${issuing.reason}: ${issuing.message ?? ''})` : ''}.` : ''}` +
            `${failures ? ` ${failures} failed issuance attempt(s)${lastFailure ? `, last at ${lastFailure}` : ''}; cert-manager backs off 1h·2^(n−1) between attempts.` : ''}`,
          evidence: [evidence(t.cert, 'status.conditions', field(t.cert, 'status', 'conditions') ?? [])],
          fixId: 'cert.renew',
        }),
      );
    }
  }
  if (!secret) return out;
  const crt = secretValue(secret, 'tls.crt');
  if (!crt) return out;
  let parsed;
  try {
    parsed = parseCertificate(crt);
  } catch (err) {
    out.push(
      finding(ctx, {
        ...base,
        checkId: 'cert.secret-invalid',
        severity: 'error',
        name: t.secretName,
        title: `Secret ${t.secretName} does not hold a readable certificate`,
        explanation: `tls.crt could not be parsed: ${(err as Error).message}.`,
        evidence: [{ ref: { kind: 'Secret', namespace: t.namespace, name: t.secretName }, path: 'data.tls.crt' }],
        fixId: 'cert.renew',
      }),
    );
    return out;
  }
  // Public certificate facts are safe to show; the private key never is.
  const facts = { subject: parsed.subject, issuer: parsed.issuer, notAfter: parsed.notAfter.toISOString(), dnsNames: parsed.dnsNames };
  const secretEvidence = { ref: { kind: 'Secret', namespace: t.namespace, name: t.secretName }, path: 'data.tls.crt', excerpt: Object.entries(facts).map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.join(', ')}]` : v}`).join('\n') };
  const left = parsed.notAfter.getTime() - ctx.now.getTime();
  const days = ctx.options.certExpiryDays ?? 14;
  if (left <= 0) {
    out.push(
      finding(ctx, {
        ...base,
        checkId: 'cert.expired',
        severity: 'error',
        name: t.name,
        title: `Certificate ${t.name} expired on ${parsed.notAfter.toISOString().slice(0, 10)}`,
        explanation: 'Clients reject it; renew it (cert-manager re-issues when Issuing is set, as `cmctl renew` does).',
        evidence: [secretEvidence],
        fixId: 'cert.renew',
      }),
    );
  } else if (left < days * DAY && !t.expected?.isCA) {
    out.push(
      finding(ctx, {
        ...base,
        checkId: 'cert.expiring',
        severity: 'warning',
        name: t.name,
        title: `Certificate ${t.name} expires in ${Math.ceil(left / DAY)} day(s)`,
        explanation: `It is valid until ${parsed.notAfter.toISOString()}, within the ${days}-day warning window. cert-manager normally renews before this; if it has not, issuance is failing.`,
        evidence: [secretEvidence],
        fixId: 'cert.renew',
      }),
    );
  }
  const required = requiredNames(ctx, t);
  const uncovered = required.filter((n) => !covers(parsed.dnsNames, n));
  if (uncovered.length > 0 && !t.expected?.isCA) {
    const specNames = arr(field(t.cert, 'spec', 'dnsNames')).map(String);
    const specLacks = uncovered.some((n) => !covers(specNames, n));
    out.push(
      finding(ctx, {
        ...base,
        checkId: 'cert.san-mismatch',
        severity: 'error',
        name: t.name,
        title: `Certificate ${t.name} does not cover ${uncovered.join(', ')}`,
        explanation: `The served certificate names ${parsed.dnsNames.join(', ') || 'no DNS names'}; clients calling ${uncovered.join(', ')} get a name mismatch.${specLacks ? ' The Certificate spec lacks these names.' : ' The spec has them, so the Secret is stale: re-issue it.'}`,
        evidence: [secretEvidence, ...(t.cert ? [evidence(t.cert, 'spec.dnsNames', specNames)] : [])],
        fixId: specLacks && t.cert ? 'cert.fix-dns-names' : 'cert.renew',
      }),
    );
  }
  const key = secretValue(secret, 'tls.key');
  if (key !== undefined && keyMatches(parsed, key) === false) {
    out.push(
      finding(ctx, {
        ...base,
        checkId: 'cert.key-mismatch',
        severity: 'error',
        name: t.name,
        title: `Secret ${t.secretName}: tls.key does not belong to tls.crt`,
        explanation: 'TLS handshakes fail because the private key does not match the certificate. Re-issue the certificate so both are written together.',
        evidence: [{ ref: { kind: 'Secret', namespace: t.namespace, name: t.secretName }, path: 'data.tls.key', excerpt: `certificate sha256 ${parsed.fingerprint256}` }],
        fixId: 'cert.renew',
      }),
    );
  }
  const production = ctx.options.production || ctx.inst.profile.production;
  if (production && !t.expected?.isCA && !parsed.isCA) {
    const issuerRef = { kind: str(field(t.cert, 'spec', 'issuerRef', 'kind')) ?? 'Issuer', name: str(field(t.cert, 'spec', 'issuerRef', 'name')) ?? '' };
    const issuerObj = issuerRef.name ? issuerObject(ctx, issuerRef.kind, issuerRef.name, t.namespace) : undefined;
    const selfSignedIssuer = field(issuerObj, 'spec', 'selfSigned') !== undefined;
    if (parsed.selfSigned || selfSignedIssuer) {
      out.push(
        finding(ctx, {
          ...base,
          checkId: 'cert.self-signed-production',
          severity: 'error',
          name: t.name,
          title: `Certificate ${t.name} is self-signed in a production install`,
          explanation: `${selfSignedIssuer ? `${issuerRef.kind} ${issuerRef.name} is a selfSigned issuer` : 'The certificate signs itself'}; browsers and agents will not trust it without --skip-verify. Use an issuer backed by the site's CA or ACME.`,
          evidence: [secretEvidence, ...(issuerObj ? [evidence(issuerObj, 'spec', field(issuerObj, 'spec'))] : [])],
        }),
      );
    }
  }
  return out;
}

function secretExpired(secret: KubeObject | undefined, now: Date): boolean {
  const crt = secretValue(secret, 'tls.crt');
  if (!crt) return false;
  try {
    return parseCertificate(crt).notAfter.getTime() <= now.getTime();
  } catch {
    return false;
  }
}

export const certificatesCheck: Check = {
  area: 'certificates',
  checkIds: ['cert.manager-missing', 'cert.webhook-not-ready', 'cert.issuer-not-ready', 'cert.not-ready', 'cert.missing', 'cert.secret-invalid', 'cert.expired', 'cert.expiring', 'cert.san-mismatch', 'cert.key-mismatch', 'cert.self-signed-production', 'cert.jwt-sign-cert-missing'],
  run(ctx) {
    const profile = ctx.inst.profile;
    const namespaces = [...new Set(ctx.inst.components.map((c) => c.namespace))];
    const hasCerts = profile.certificates.length > 0 || namespaces.some((ns) => ctx.view.list(CERT, ns).length > 0);
    if (!profile.prerequisites.certManager && !hasCerts) return [];
    const manager = managerAndWebhook(ctx);
    if (manager.some((f) => f.checkId === 'cert.manager-missing' || f.checkId === 'inspect.forbidden')) return manager;
    const all = targets(ctx);
    const secrets = all.length > 0 ? forbiddenFinding(ctx, 'Secret', 'the certificates stored in Secrets (expiry, names, key pair)') : undefined;
    return [...manager, ...(secrets ? [secrets] : []), ...issuers(ctx, all.flatMap((t) => (t.cert ? [t.cert] : []))), ...all.flatMap((t) => certificateFindings(ctx, t))];
  },
};
