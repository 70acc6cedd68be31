import type { KubeObject } from '../../electron/core/cluster/view.ts';

/**
 * Small builders for Kubernetes objects in unit tests: each takes the few fields a test cares
 * about and fills the rest the way a real cluster would, so a test reads as its scenario.
 */

type Labels = Record<string, string>;
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

function meta(name: string, namespace: string | undefined, extra: { labels?: Labels; annotations?: Labels; creationTimestamp?: string; ownerReferences?: KubeObject['metadata']['ownerReferences'] } = {}) {
  return {
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    uid: `uid-${namespace ?? '_'}-${name}`,
    creationTimestamp: extra.creationTimestamp ?? '2026-11-01T00:00:00Z',
    ...(extra.labels ? { labels: extra.labels } : {}),
    ...(extra.annotations ? { annotations: extra.annotations } : {}),
    ...(extra.ownerReferences ? { ownerReferences: extra.ownerReferences } : {}),
  };
}

export interface ContainerSpec {
  name?: string;
  image?: string;
  ports?: Array<{ name?: string; containerPort: number; protocol?: string }>;
  env?: Array<{ name: string; value?: string; valueFrom?: unknown }>;
  envFrom?: unknown[];
}

function containers(list: ContainerSpec[] | undefined, fallbackName: string) {
  return (list ?? [{}]).map((c, i) => ({
    name: c.name ?? (i === 0 ? fallbackName : `c${i}`),
    image: c.image ?? `example/${fallbackName}:1.0`,
    ...(c.ports ? { ports: c.ports.map((p) => ({ protocol: 'TCP', ...p })) } : {}),
    ...(c.env ? { env: c.env } : {}),
    ...(c.envFrom ? { envFrom: c.envFrom } : {}),
  }));
}

export interface WorkloadOptions {
  labels?: Labels;
  /** Pod template labels and selector; defaults to { app: <name> }. */
  podLabels?: Labels;
  replicas?: number;
  readyReplicas?: number;
  containers?: ContainerSpec[];
  imagePullSecrets?: string[];
  volumes?: unknown[];
}

function podTemplate(name: string, o: WorkloadOptions) {
  return {
    metadata: { labels: o.podLabels ?? { app: name } },
    spec: {
      containers: containers(o.containers, name),
      ...(o.imagePullSecrets ? { imagePullSecrets: o.imagePullSecrets.map((n) => ({ name: n })) } : {}),
      ...(o.volumes ? { volumes: o.volumes } : {}),
    },
  };
}

export function deployment(name: string, namespace: string, o: WorkloadOptions = {}): KubeObject {
  const replicas = o.replicas ?? 1;
  const ready = o.readyReplicas ?? replicas;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, namespace, { labels: o.labels }),
    spec: { replicas, selector: { matchLabels: o.podLabels ?? { app: name } }, template: podTemplate(name, o) },
    status: {
      replicas,
      readyReplicas: ready,
      availableReplicas: ready,
      updatedReplicas: replicas,
      conditions: [{ type: 'Available', status: ready >= replicas ? 'True' : 'False' }],
    },
  };
}

export function statefulSet(name: string, namespace: string, o: WorkloadOptions & { volumeClaimTemplates?: string[] } = {}): KubeObject {
  const replicas = o.replicas ?? 1;
  const ready = o.readyReplicas ?? replicas;
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta(name, namespace, { labels: o.labels }),
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: o.podLabels ?? { app: name } },
      template: podTemplate(name, o),
      ...(o.volumeClaimTemplates ? { volumeClaimTemplates: o.volumeClaimTemplates.map((n) => ({ metadata: { name: n } })) } : {}),
    },
    status: { replicas, readyReplicas: ready, currentReplicas: replicas },
  };
}

export function job(name: string, namespace: string, o: { failed?: boolean; succeeded?: boolean; owner?: string; labels?: Labels; completionTime?: string; creationTimestamp?: string; message?: string } = {}): KubeObject {
  const conditions = o.failed
    ? [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: o.message ?? 'Job has reached the specified backoff limit' }]
    : o.succeeded
      ? [{ type: 'Complete', status: 'True' }]
      : [];
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta(name, namespace, {
      labels: o.labels,
      creationTimestamp: o.creationTimestamp,
      ownerReferences: o.owner ? [{ apiVersion: 'batch/v1', kind: 'CronJob', name: o.owner, uid: `uid-${namespace}-${o.owner}`, controller: true }] : undefined,
    }),
    spec: { backoffLimit: 6, template: { metadata: { labels: { 'job-name': name } }, spec: { containers: containers(undefined, name), restartPolicy: 'Never' } } },
    status: {
      ...(o.failed ? { failed: 7 } : {}),
      ...(o.succeeded ? { succeeded: 1, completionTime: o.completionTime ?? '2026-11-01T00:01:00Z' } : {}),
      conditions,
    },
  };
}

export function cronJob(name: string, namespace: string, o: { schedule?: string; lastScheduleTime?: string; lastSuccessfulTime?: string; suspend?: boolean; containers?: ContainerSpec[] } = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta(name, namespace),
    spec: {
      schedule: o.schedule ?? '*/1 * * * *',
      ...(o.suspend ? { suspend: true } : {}),
      jobTemplate: { spec: { template: { spec: { containers: containers(o.containers, name), restartPolicy: 'OnFailure' } } } },
    },
    status: {
      ...(o.lastScheduleTime ? { lastScheduleTime: o.lastScheduleTime } : {}),
      ...(o.lastSuccessfulTime ? { lastSuccessfulTime: o.lastSuccessfulTime } : {}),
    },
  };
}

export interface ContainerStatus {
  name?: string;
  ready?: boolean;
  restartCount?: number;
  waiting?: { reason: string; message?: string };
  terminated?: { reason: string; exitCode?: number };
  lastTerminated?: { reason: string; exitCode?: number };
  image?: string;
}

export interface PodOptions {
  labels?: Labels;
  /** The owning workload, e.g. { kind: 'ReplicaSet', name: 'web-7d9f' }. */
  owner?: { kind: string; name: string; apiVersion?: string };
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  ready?: boolean;
  ip?: string;
  containers?: ContainerSpec[];
  statuses?: ContainerStatus[];
  conditions?: Array<{ type: string; status: string; reason?: string; message?: string }>;
  volumes?: unknown[];
  imagePullSecrets?: string[];
}

export function pod(name: string, namespace: string, o: PodOptions = {}): KubeObject {
  const phase = o.phase ?? 'Running';
  const ready = o.ready ?? phase === 'Running';
  const specContainers = containers(o.containers, name.replace(/-[a-z0-9]{5}$/, ''));
  const statuses = (o.statuses ?? specContainers.map((): ContainerStatus => ({}))).map((s: ContainerStatus, i) => ({
    name: s.name ?? specContainers[i]?.name ?? `c${i}`,
    image: s.image ?? specContainers[i]?.image ?? 'example/app:1.0',
    ready: s.ready ?? ready,
    restartCount: s.restartCount ?? 0,
    started: ready,
    state: s.waiting ? { waiting: s.waiting } : s.terminated ? { terminated: s.terminated } : { running: { startedAt: '2026-11-01T00:00:00Z' } },
    ...(s.lastTerminated ? { lastState: { terminated: s.lastTerminated } } : {}),
  }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(name, namespace, {
      labels: o.labels,
      ownerReferences: o.owner ? [{ apiVersion: o.owner.apiVersion ?? 'apps/v1', kind: o.owner.kind, name: o.owner.name, uid: `uid-${namespace}-${o.owner.name}`, controller: true }] : undefined,
    }),
    spec: {
      containers: specContainers,
      ...(o.volumes ? { volumes: o.volumes } : {}),
      ...(o.imagePullSecrets ? { imagePullSecrets: o.imagePullSecrets.map((n) => ({ name: n })) } : {}),
    },
    status: {
      phase,
      ...(phase === 'Running' ? { podIP: o.ip ?? '10.42.0.10' } : {}),
      conditions: o.conditions ?? [
        { type: 'PodScheduled', status: phase === 'Pending' ? 'False' : 'True' },
        { type: 'Ready', status: ready ? 'True' : 'False' },
      ],
      ...(phase === 'Pending' && !o.statuses ? {} : { containerStatuses: statuses }),
    },
  };
}

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  nodePort?: number;
}

export function service(name: string, namespace: string, o: { selector?: Labels | null; ports?: ServicePort[]; type?: string; clusterIP?: string; lbIngress?: Array<{ ip?: string; hostname?: string }>; labels?: Labels } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name, namespace, { labels: o.labels }),
    spec: {
      type: o.type ?? 'ClusterIP',
      clusterIP: o.clusterIP ?? '10.43.0.10',
      ...(o.selector === null ? {} : { selector: o.selector ?? { app: name } }),
      ports: (o.ports ?? [{ name: 'http', port: 80, targetPort: 8080 }]).map((p) => ({ protocol: 'TCP', targetPort: p.port, ...p })),
    },
    status: { loadBalancer: o.lbIngress ? { ingress: o.lbIngress } : {} },
  };
}

export function endpoints(name: string, namespace: string, o: { ready?: string[]; notReady?: string[]; ports?: Array<{ name?: string; port: number }> } = {}): KubeObject {
  const ready = o.ready ?? ['10.42.0.10'];
  const notReady = o.notReady ?? [];
  const subsets = ready.length + notReady.length === 0
    ? []
    : [
        {
          ...(ready.length ? { addresses: ready.map((ip) => ({ ip })) } : {}),
          ...(notReady.length ? { notReadyAddresses: notReady.map((ip) => ({ ip })) } : {}),
          ports: (o.ports ?? [{ name: 'http', port: 8080 }]).map((p) => ({ protocol: 'TCP', ...p })),
        },
      ];
  return { apiVersion: 'v1', kind: 'Endpoints', metadata: meta(name, namespace), subsets };
}

export function endpointSlice(service: string, namespace: string, o: { ready?: string[]; notReady?: string[]; ports?: Array<{ name?: string; port: number }> } = {}): KubeObject {
  const eps = [...(o.ready ?? ['10.42.0.10']).map((ip) => ({ addresses: [ip], conditions: { ready: true } })), ...(o.notReady ?? []).map((ip) => ({ addresses: [ip], conditions: { ready: false } }))];
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: meta(`${service}-abcde`, namespace, { labels: { 'kubernetes.io/service-name': service } }),
    addressType: 'IPv4',
    endpoints: eps,
    ports: (o.ports ?? [{ name: 'http', port: 8080 }]).map((p) => ({ protocol: 'TCP', ...p })),
  };
}

export function configMap(name: string, namespace: string, data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name, namespace), data };
}

export function secret(name: string, namespace: string, stringData: Record<string, string>, type = 'Opaque'): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: meta(name, namespace), type, data: Object.fromEntries(Object.entries(stringData).map(([k, v]) => [k, b64(v)])) };
}

export function tlsSecret(name: string, namespace: string, pem: { cert: string; key: string; ca?: string }): KubeObject {
  return secret(name, namespace, { 'tls.crt': pem.cert, 'tls.key': pem.key, ...(pem.ca ? { 'ca.crt': pem.ca } : {}) }, 'kubernetes.io/tls');
}

type Condition = { type: string; status: 'True' | 'False' | 'Unknown'; reason?: string; message?: string; lastTransitionTime?: string };

export function certificate(name: string, namespace: string, o: { secretName?: string; dnsNames?: string[]; issuer?: { kind?: string; name: string }; isCA?: boolean; ready?: boolean; reason?: string; message?: string; issuing?: Condition; notAfter?: string } = {}): KubeObject {
  const ready = o.ready ?? true;
  const conditions: Condition[] = [
    { type: 'Ready', status: ready ? 'True' : 'False', reason: o.reason ?? (ready ? 'Ready' : 'DoesNotExist'), message: o.message ?? (ready ? 'Certificate is up to date and has not expired' : 'Issuing certificate as Secret does not exist') },
    ...(o.issuing ? [o.issuing] : []),
  ];
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: meta(name, namespace),
    spec: {
      secretName: o.secretName ?? name,
      ...(o.dnsNames ? { dnsNames: o.dnsNames } : {}),
      ...(o.isCA ? { isCA: true, commonName: name } : {}),
      issuerRef: { group: 'cert-manager.io', kind: o.issuer?.kind ?? 'ClusterIssuer', name: o.issuer?.name ?? 'issuer-selfsigned' },
    },
    status: { conditions, ...(o.notAfter ? { notAfter: o.notAfter } : {}) },
  };
}

export function issuer(name: string, o: { namespace?: string; ready?: boolean; type?: 'selfSigned' | 'ca' | 'acme'; reason?: string; message?: string } = {}): KubeObject {
  const ready = o.ready ?? true;
  const type = o.type ?? 'selfSigned';
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: o.namespace ? 'Issuer' : 'ClusterIssuer',
    metadata: meta(name, o.namespace),
    spec: type === 'selfSigned' ? { selfSigned: {} } : type === 'ca' ? { ca: { secretName: `${name}-ca` } } : { acme: { server: 'https://acme.example/dir' } },
    status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', reason: o.reason ?? (ready ? 'IsReady' : 'ErrInitIssuer'), message: o.message ?? (ready ? '' : 'issuer is not ready') }] },
  };
}

export function crd(fullName: string, kind?: string): KubeObject {
  const [plural, ...group] = fullName.split('.');
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: meta(fullName, undefined),
    spec: { group: group.join('.'), names: { plural, kind: kind ?? plural }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true }] },
    status: { conditions: [{ type: 'Established', status: 'True' }] },
  };
}

export function webhookConfiguration(kind: 'ValidatingWebhookConfiguration' | 'MutatingWebhookConfiguration', name: string, caBundle: string | undefined): KubeObject {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind,
    metadata: meta(name, undefined, { labels: { 'app.kubernetes.io/name': 'webhook', 'app.kubernetes.io/instance': 'cert-manager' } }),
    webhooks: [{ name: 'webhook.cert-manager.io', clientConfig: { service: { name: 'cert-manager-webhook', namespace: 'cert-manager', path: '/validate' }, ...(caBundle ? { caBundle } : {}) } }],
  };
}

export function ingressRoute(name: string, namespace: string, o: { hosts: string[]; service?: string; port?: number | string; tls?: boolean | { secretName?: string }; match?: string } = { hosts: [] }): KubeObject {
  const match = o.match ?? o.hosts.map((h) => `Host(\`${h}\`)`).join(' || ');
  return {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRoute',
    metadata: meta(name, namespace),
    spec: {
      entryPoints: ['websecure'],
      routes: [{ kind: 'Rule', match, services: [{ name: o.service ?? 'web', port: o.port ?? 80 }] }],
      ...(o.tls === false || o.tls === undefined ? {} : { tls: o.tls === true ? {} : o.tls }),
    },
  };
}

export function ingress(name: string, namespace: string, o: { hosts: string[]; tlsHosts?: string[]; tlsSecret?: string; service?: string; port?: number; className?: string; lbIngress?: Array<{ ip?: string; hostname?: string }> }): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta(name, namespace),
    spec: {
      ingressClassName: o.className ?? 'nginx',
      rules: o.hosts.map((host) => ({ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: o.service ?? 'web', port: { number: o.port ?? 80 } } } }] } })),
      ...(o.tlsHosts ? { tls: [{ hosts: o.tlsHosts, secretName: o.tlsSecret ?? `${name}-tls` }] } : {}),
    },
    status: { loadBalancer: o.lbIngress ? { ingress: o.lbIngress } : {} },
  };
}

export function pvc(name: string, namespace: string, phase: 'Bound' | 'Pending' | 'Lost' = 'Bound', storageClassName = 'local-path'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: meta(name, namespace),
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName },
    status: { phase },
  };
}

export function namespace(name: string, o: { labels?: Labels; creationTimestamp?: string } = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: meta(name, undefined, o), status: { phase: 'Active' } };
}

export function custom(apiVersion: string, kind: string, name: string, namespace: string | undefined, body: Record<string, unknown> = {}, o: { labels?: Labels; annotations?: Labels; creationTimestamp?: string } = {}): KubeObject {
  return { apiVersion, kind, metadata: meta(name, namespace, o), ...body };
}

export function helmRelease(name: string, namespace: string, o: { ready?: boolean; reason?: string; message?: string; lastTransitionTime?: string; labels?: Labels } = {}): KubeObject {
  const ready = o.ready ?? true;
  return custom('helm.toolkit.fluxcd.io/v2', 'HelmRelease', name, namespace, {
    spec: { interval: '5m', chart: { spec: { chart: 'app' } } },
    status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', reason: o.reason ?? (ready ? 'InstallSucceeded' : 'InstallFailed'), message: o.message ?? (ready ? 'Helm install succeeded' : 'Helm install failed'), lastTransitionTime: o.lastTransitionTime ?? '2026-11-01T00:00:00Z' }] },
  }, { labels: o.labels });
}
