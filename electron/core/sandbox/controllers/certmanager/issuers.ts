/**
 * cert-manager Issuers and ClusterIssuers: a single Ready condition with cert-manager's reasons.
 * selfSigned is always ready; ca needs its Secret (tls.crt + tls.key, in the cluster resource
 * namespace for a ClusterIssuer); acme is "registered" unless planted NotReady (an air-gapped
 * cluster cannot reach the ACME directory).
 */
import type { KubeObject } from '../../../cluster/view.ts';
import { GR, type ControllerApi } from '../api.ts';
import type { Reconciler } from '../manager.ts';
import { plantOn, plantTable } from '../plants.ts';
import { sameGr } from '../reconciler.ts';
import { keyOf, mergeConditions, splitKey, status, type Condition, type Json } from '../util.ts';
import { parseCertificatePem } from './x509.ts';

/** Where ClusterIssuers read their Secrets (cert-manager's --cluster-resource-namespace). */
export const CLUSTER_RESOURCE_NAMESPACE = 'cert-manager';

interface IssuerSpec {
  selfSigned?: object;
  ca?: { secretName?: string };
  acme?: { server?: string; email?: string };
  vault?: object;
}

export function issuerType(issuer: KubeObject): 'selfSigned' | 'ca' | 'acme' | 'other' {
  const s = (issuer.spec ?? {}) as IssuerSpec;
  return s.selfSigned ? 'selfSigned' : s.ca ? 'ca' : s.acme ? 'acme' : 'other';
}

export function issuerSecretNamespace(issuer: KubeObject): string {
  return issuer.kind === 'ClusterIssuer' ? CLUSTER_RESOURCE_NAMESPACE : issuer.metadata.namespace!;
}

function readiness(issuer: KubeObject, api: ControllerApi): Condition {
  const plant = plantOn(plantTable(api), issuer);
  const s = (issuer.spec ?? {}) as IssuerSpec;
  switch (issuerType(issuer)) {
    case 'selfSigned':
      return { type: 'Ready', status: 'True', reason: 'IsReady', message: '' };
    case 'ca': {
      const name = s.ca?.secretName ?? '';
      const secret = api.get(GR.secrets, issuerSecretNamespace(issuer), name);
      if (!secret) return { type: 'Ready', status: 'False', reason: 'ErrGetKeyPair', message: `Error getting keypair for CA issuer: secret "${name}" not found` };
      const data = (secret.data ?? {}) as Record<string, string>;
      const crt = data['tls.crt'] ? Buffer.from(data['tls.crt'], 'base64').toString('utf8') : '';
      if (!crt || !data['tls.key'] || !parseCertificatePem(crt)) {
        return { type: 'Ready', status: 'False', reason: 'ErrInvalidKeyPair', message: 'Error getting keypair for CA issuer: error decoding certificate PEM block' };
      }
      return { type: 'Ready', status: 'True', reason: 'KeyPairVerified', message: 'Signing CA verified' };
    }
    case 'acme': {
      const server = s.acme?.server ?? 'https://acme-v02.api.letsencrypt.org/directory';
      if (plant?.fault === 'NotReady') {
        const host = new URL(server).host;
        return { type: 'Ready', status: 'False', reason: 'ErrRegisterACMEAccount', message: plant.message ?? `Failed to register ACME account: Get "${server}": dial tcp: lookup ${host} on 10.96.0.10:53: no such host` };
      }
      return { type: 'Ready', status: 'True', reason: 'ACMEAccountRegistered', message: 'The ACME account was registered with the ACME server' };
    }
    default:
      return { type: 'Ready', status: 'False', reason: 'IssuerNotSupported', message: 'The sandbox simulates selfSigned, ca and acme issuers only' };
  }
}

function reconcileIssuer(issuer: KubeObject, api: ControllerApi, gr: typeof GR.issuers): void {
  const prev = status<{ conditions?: Condition[] }>(issuer).conditions;
  const ready = { ...readiness(issuer, api), observedGeneration: issuer.metadata.generation };
  const st: Json = { ...(issuer.status as Json | undefined), conditions: mergeConditions(prev, [ready], api.nowIso()) };
  if (issuerType(issuer) === 'acme') st.acme = { uri: `https://acme-v02.api.letsencrypt.org/acme/acct/${issuer.metadata.uid?.slice(0, 8)}`, lastRegisteredEmail: ((issuer.spec as IssuerSpec).acme?.email ?? '') };
  const before = prev?.find((c) => c.type === 'Ready');
  api.setStatus(gr, issuer, st);
  if (before?.status !== ready.status || before?.reason !== ready.reason) {
    api.event(issuer, ready.status === 'True' ? 'Normal' : 'Warning', ready.reason!, ready.message || 'Issuer is ready');
  }
}

export function issuersController(): Reconciler {
  const grs = [GR.issuers, GR.clusterissuers];
  const key = (gr: typeof GR.issuers, o: KubeObject) => `${gr.resource}|${keyOf(o.metadata.namespace, o.metadata.name)}`;
  return {
    name: 'cert-manager-issuers',
    source: { component: 'cert-manager-issuers' },
    keysFor(event, store) {
      const gr = grs.find((g) => sameGr(g, event.gr));
      if (gr) return event.type === 'DELETED' ? [] : [key(gr, event.object)];
      if (!sameGr(event.gr, GR.secrets)) return [];
      const ns = event.object.metadata.namespace;
      return [
        ...(store.resourceType(GR.issuers) ? store.list(GR.issuers, ns).map((i) => key(GR.issuers, i)) : []),
        ...(ns === CLUSTER_RESOURCE_NAMESPACE && store.resourceType(GR.clusterissuers) ? store.list(GR.clusterissuers).map((i) => key(GR.clusterissuers, i)) : []),
      ];
    },
    allKeys(store) {
      return grs.flatMap((gr) => (store.resourceType(gr) ? store.list(gr).map((o) => key(gr, o)) : []));
    },
    reconcile(k, api) {
      const [resource, rest] = k.split('|') as [string, string];
      const gr = resource === 'issuers' ? GR.issuers : GR.clusterissuers;
      const { namespace, name } = splitKey(rest);
      const issuer = api.get(gr, namespace, name);
      if (issuer) reconcileIssuer(issuer, api, gr);
    },
  };
}
