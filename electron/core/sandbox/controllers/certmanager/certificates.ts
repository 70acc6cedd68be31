/**
 * cert-manager Certificates: issue a real key and X.509 certificate into the target Secret,
 * keep Ready / Issuing conditions, notBefore / notAfter / renewalTime / revision, and a
 * CertificateRequest per revision. Issuance is triggered like cert-manager's policy chain
 * (Secret missing, SANs changed, renewal due) or by a client setting Issuing=True on the status
 * subresource (`cmctl renew`). Planted faults hold the first revision in a bad state — expired
 * (Ready False, reason Expired) or stale SANs (a Secret whose certificate names differ from the
 * spec) — until a manual renewal replaces it.
 */
import type { KubeObject } from '../../../cluster/view.ts';
import { GR, type ControllerApi } from '../api.ts';
import type { Reconciler } from '../manager.ts';
import { plantOn, plantTable } from '../plants.ts';
import { sameGr } from '../reconciler.ts';
import { conditionOf, isoTime, keyOf, mergeConditions, splitKey, status, type Condition, type Json } from '../util.ts';
import { issuerSecretNamespace, issuerType } from './issuers.ts';
import type { KeyAlgorithm } from './key-pool.ts';
import { fakeAcmeCa, issueCertificate, parseCertificatePem, type Signer } from './x509.ts';

interface CertificateSpec {
  secretName?: string;
  commonName?: string;
  dnsNames?: string[];
  ipAddresses?: string[];
  uris?: string[];
  emailAddresses?: string[];
  isCA?: boolean;
  duration?: string;
  renewBefore?: string;
  subject?: { organizations?: string[] };
  issuerRef?: { name?: string; kind?: string; group?: string };
  privateKey?: { algorithm?: string; size?: number; encoding?: string };
  secretTemplate?: { labels?: Record<string, string>; annotations?: Record<string, string> };
}

const DEFAULT_DURATION_MS = 2160 * 3_600_000; // 90 days

/** Go's time.ParseDuration for the units cert-manager users write (h, m, s). */
export function parseGoDuration(text: string | undefined): number | undefined {
  if (!text) return undefined;
  let total = 0;
  let matched = '';
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(h|m|s|ms)/g)) {
    total += Number(m[1]) * { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[m[2] as 'h' | 'm' | 's' | 'ms'];
    matched += m[0];
  }
  return matched === text ? total : undefined;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const unb64 = (s: string | undefined) => (s ? Buffer.from(s, 'base64').toString('utf8') : '');
const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

function issuerOf(cert: KubeObject, api: ControllerApi): KubeObject | undefined {
  const ref = (cert.spec as CertificateSpec).issuerRef ?? {};
  if (ref.group && ref.group !== 'cert-manager.io') return undefined;
  return ref.kind === 'ClusterIssuer' ? api.get(GR.clusterissuers, undefined, ref.name ?? '') : api.get(GR.issuers, cert.metadata.namespace, ref.name ?? '');
}

async function signerFor(issuer: KubeObject, api: ControllerApi): Promise<Signer | undefined> {
  const type = issuerType(issuer);
  if (type === 'acme') return fakeAcmeCa();
  if (type !== 'ca') return undefined;
  const secretName = ((issuer.spec as { ca?: { secretName?: string } }).ca?.secretName) ?? '';
  const secret = api.get(GR.secrets, issuerSecretNamespace(issuer), secretName);
  const data = (secret?.data ?? {}) as Record<string, string>;
  const signer = { certPem: unb64(data['tls.crt']), keyPem: unb64(data['tls.key']) };
  // A CA issuer without its key pair (only reachable for a planted stale Secret): self-sign.
  return signer.certPem && signer.keyPem ? signer : undefined;
}

async function reconcileCertificate(cert: KubeObject, api: ControllerApi): Promise<void> {
  const spec = (cert.spec ?? {}) as CertificateSpec;
  const ns = cert.metadata.namespace!;
  const secretName = spec.secretName ?? cert.metadata.name;
  const prev = status<Json>(cert);
  const revision = prev.revision as number | undefined;
  const now = api.now();
  const nowIso = isoTime(now);
  const generation = cert.metadata.generation;
  const plant = plantOn(plantTable(api), cert);
  const issuer = issuerOf(cert, api);
  const issuerReady = issuer ? conditionOf(issuer, 'Ready')?.status === 'True' : false;
  const manual = conditionOf(cert, 'Issuing')?.status === 'True' && revision !== undefined;
  const secret = api.get(GR.secrets, ns, secretName);
  const data = (secret?.data ?? {}) as Record<string, string>;
  const parsed = data['tls.crt'] ? parseCertificatePem(unb64(data['tls.crt'])) : undefined;
  const durationMs = parseGoDuration(spec.duration) ?? DEFAULT_DURATION_MS;
  const renewBeforeMs = parseGoDuration(spec.renewBefore) ?? durationMs / 3;
  const dnsNames = spec.dnsNames ?? [];
  // A planted fault holds the first revision until a manual renewal.
  const holdPlant = plant && (plant.fault === 'Expired' || plant.fault === 'WrongSANs') && (revision ?? 1) <= 1 && !manual;

  let trigger: { reason: string; message: string } | undefined;
  if (manual) trigger = { reason: 'ManuallyTriggered', message: 'Certificate re-issuance manually triggered' };
  else if (!secret) trigger = { reason: 'DoesNotExist', message: 'Issuing certificate as Secret does not exist' };
  else if (!parsed || !data['tls.key']) trigger = { reason: 'MissingData', message: 'Issuing certificate as Secret does not contain a certificate' };
  else if (!holdPlant && !sameSet(parsed.dnsNames, dnsNames)) trigger = { reason: 'RequestChanged', message: 'Fields on existing CertificateRequest resource not up to date: [spec.dnsNames]' };
  else if (!holdPlant && now.getTime() >= parsed.notAfter.getTime() - renewBeforeMs) {
    trigger = { reason: 'Renewing', message: `Renewing certificate as renewal was scheduled at ${isoTime(new Date(parsed.notAfter.getTime() - renewBeforeMs))}` };
  }

  const writeStatus = (conditions: Condition[], extra: Json) => {
    const fresh = api.get(GR.certificates, ns, cert.metadata.name);
    if (!fresh) return;
    const next: Json = { ...extra, conditions: mergeConditions(status<Json>(fresh).conditions as Condition[] | undefined, conditions.map((c) => ({ ...c, observedGeneration: generation })), nowIso) };
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    api.setStatus(GR.certificates, fresh, next);
  };
  const timesOf = (p: { notBefore: Date; notAfter: Date }) => ({
    notBefore: isoTime(p.notBefore),
    notAfter: isoTime(p.notAfter),
    renewalTime: isoTime(new Date(p.notAfter.getTime() - renewBeforeMs)),
  });

  if (!trigger) {
    // Up to date (or held in its planted state).
    const expired = parsed!.notAfter.getTime() <= now.getTime();
    const ready: Condition = expired
      ? { type: 'Ready', status: 'False', reason: 'Expired', message: `Certificate expired on ${parsed!.notAfter.toUTCString().replace('GMT', 'UTC')}` }
      : { type: 'Ready', status: 'True', reason: 'Ready', message: 'Certificate is up to date and has not expired' };
    writeStatus([ready], { ...timesOf(parsed!), revision: revision ?? 1 });
    return;
  }

  // A planted first revision stands for a Secret issued long ago: it exists whatever state the
  // issuer is in now.
  const plantedInitial = holdPlant && revision === undefined;
  if ((!issuer || !issuerReady) && !plantedInitial) {
    const ref = spec.issuerRef ?? {};
    const why = !issuer ? `Referenced "${ref.kind ?? 'Issuer'}" not found: ${(ref.kind ?? 'issuer').toLowerCase()}.cert-manager.io "${ref.name}" not found` : `Referenced issuer does not have a Ready status condition`;
    const ready: Condition = parsed
      ? { type: 'Ready', status: 'False', reason: trigger.reason, message: trigger.message }
      : { type: 'Ready', status: 'False', reason: 'DoesNotExist', message: 'Issuing certificate as Secret does not exist' };
    const before = conditionOf(cert, 'Issuing');
    writeStatus([ready, { type: 'Issuing', status: 'True', reason: trigger.reason, message: trigger.message }], { ...(parsed ? timesOf(parsed) : {}), revision });
    if (before?.status !== 'True') api.event(cert, 'Normal', 'Issuing', trigger.message);
    if (!before || before.message !== trigger.message) api.event(cert, 'Warning', 'IssuerNotReady', why);
    return;
  }

  // Issue: a fresh key and certificate (planted: expired or with stale names on the first revision).
  const nextRevision = (revision ?? 0) + 1;
  const planted = plantedInitial ? plant : undefined;
  const notBefore = planted?.fault === 'Expired' ? new Date(now.getTime() - durationMs - 86_400_000) : now;
  const notAfter = new Date(notBefore.getTime() + durationMs);
  const names = planted?.fault === 'WrongSANs' ? (planted.dnsNames ?? dnsNames.map((n) => n.replace(/^[^.]+\./, 'old.'))) : dnsNames;
  const algorithm: KeyAlgorithm = spec.privateKey?.algorithm === 'ECDSA' ? 'ECDSA' : 'RSA';
  api.event(cert, 'Normal', 'Issuing', trigger.message);
  const issued = await issueCertificate({
    commonName: spec.commonName,
    organizations: spec.subject?.organizations,
    dnsNames: names,
    ipAddresses: spec.ipAddresses ?? [],
    uris: spec.uris ?? [],
    emailAddresses: spec.emailAddresses ?? [],
    isCA: spec.isCA === true,
    notBefore,
    notAfter,
    key: { algorithm, size: spec.privateKey?.size ?? (algorithm === 'RSA' ? 2048 : 256) },
    encoding: spec.privateKey?.encoding === 'PKCS8' ? 'PKCS8' : 'PKCS1',
    signer: issuer ? await signerFor(issuer, api) : undefined,
  });
  const ref = spec.issuerRef ?? {};
  const secretDoc: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: secretName,
      namespace: ns,
      labels: { ...(spec.secretTemplate?.labels ?? {}), 'controller.cert-manager.io/fao': 'true' },
      annotations: {
        ...(spec.secretTemplate?.annotations ?? {}),
        'cert-manager.io/alt-names': names.join(','),
        'cert-manager.io/certificate-name': cert.metadata.name,
        'cert-manager.io/common-name': spec.commonName ?? '',
        'cert-manager.io/ip-sans': (spec.ipAddresses ?? []).join(','),
        'cert-manager.io/issuer-group': ref.group ?? 'cert-manager.io',
        'cert-manager.io/issuer-kind': ref.kind ?? 'Issuer',
        'cert-manager.io/issuer-name': ref.name ?? '',
        'cert-manager.io/uri-sans': (spec.uris ?? []).join(','),
      },
    },
    type: 'kubernetes.io/tls',
    data: { 'ca.crt': b64(issued.caPem), 'tls.crt': b64(issued.certPem), 'tls.key': b64(issued.keyPem) },
  };
  const current = api.get(GR.secrets, ns, secretName);
  if (current) api.ensure(GR.secrets, { ...secretDoc, metadata: { ...secretDoc.metadata, labels: { ...(current.metadata.labels ?? {}), ...secretDoc.metadata.labels }, annotations: { ...(current.metadata.annotations ?? {}), ...secretDoc.metadata.annotations } } });
  else api.create(GR.secrets, secretDoc);

  if (api.served(GR.certificaterequests)) {
    const crName = `${cert.metadata.name}-${nextRevision}`;
    if (!api.get(GR.certificaterequests, ns, crName)) {
      const cr = api.create(GR.certificaterequests, {
        apiVersion: 'cert-manager.io/v1',
        kind: 'CertificateRequest',
        metadata: {
          name: crName,
          namespace: ns,
          annotations: { 'cert-manager.io/certificate-name': cert.metadata.name, 'cert-manager.io/certificate-revision': String(nextRevision), 'cert-manager.io/private-key-secret-name': `${cert.metadata.name}-sandbox` },
          ownerReferences: [{ apiVersion: cert.apiVersion, kind: cert.kind, name: cert.metadata.name, uid: cert.metadata.uid!, controller: true }],
        },
        spec: { issuerRef: ref, isCA: spec.isCA === true, duration: spec.duration ?? '2160h0m0s', usages: spec.isCA ? ['digital signature', 'cert sign', 'crl sign'] : ['digital signature', 'key encipherment'], request: '' },
      });
      api.setStatus(GR.certificaterequests, cr, {
        conditions: [
          { type: 'Approved', status: 'True', reason: 'cert-manager.io', message: 'Certificate request has been approved by cert-manager.io', lastTransitionTime: nowIso },
          { type: 'Ready', status: 'True', reason: 'Issued', message: 'Certificate fetched from issuer successfully', lastTransitionTime: nowIso },
        ],
        certificate: b64(issued.certPem),
        ca: b64(issued.caPem),
      });
      api.event(cert, 'Normal', 'Requested', `Created new CertificateRequest resource "${crName}"`);
    }
  }
  const expired = notAfter.getTime() <= now.getTime();
  const ready: Condition = expired
    ? { type: 'Ready', status: 'False', reason: 'Expired', message: `Certificate expired on ${notAfter.toUTCString().replace('GMT', 'UTC')}` }
    : { type: 'Ready', status: 'True', reason: 'Ready', message: 'Certificate is up to date and has not expired' };
  writeStatus([ready], { ...timesOf({ notBefore, notAfter }), revision: nextRevision });
  api.event(cert, 'Normal', 'Issuing', 'The certificate has been successfully issued');
}

export function certificatesController(): Reconciler {
  return {
    name: 'cert-manager-certificates',
    source: { component: 'cert-manager-certificates-issuing' },
    keysFor(event, store) {
      if (sameGr(event.gr, GR.certificates)) return event.type === 'DELETED' ? [] : [keyOf(event.object.metadata.namespace, event.object.metadata.name)];
      if (!store.resourceType(GR.certificates)) return [];
      if (sameGr(event.gr, GR.secrets)) {
        return store
          .list(GR.certificates, event.object.metadata.namespace)
          .filter((c) => ((c.spec as CertificateSpec).secretName ?? c.metadata.name) === event.object.metadata.name)
          .map((c) => keyOf(c.metadata.namespace, c.metadata.name));
      }
      if (sameGr(event.gr, GR.issuers) || sameGr(event.gr, GR.clusterissuers)) {
        const kind = event.object.kind;
        return store
          .list(GR.certificates, kind === 'Issuer' ? event.object.metadata.namespace : undefined)
          .filter((c) => {
            const ref = (c.spec as CertificateSpec).issuerRef ?? {};
            return ref.name === event.object.metadata.name && (ref.kind ?? 'Issuer') === kind;
          })
          .map((c) => keyOf(c.metadata.namespace, c.metadata.name));
      }
      return [];
    },
    allKeys(store) {
      return store.resourceType(GR.certificates) ? store.list(GR.certificates).map((c) => keyOf(c.metadata.namespace, c.metadata.name)) : [];
    },
    async reconcile(key, api) {
      const { namespace, name } = splitKey(key);
      const cert = api.get(GR.certificates, namespace, name);
      if (cert && !cert.metadata.deletionTimestamp) await reconcileCertificate(cert, api);
    },
  };
}
