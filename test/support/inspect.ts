import type { KubeObject, ViewOptions } from '../../electron/core/cluster/view.ts';
import { buildClusterView } from '../../electron/core/cluster/view.ts';
import { inspect, type InspectOptions } from '../../electron/core/inspect/index.ts';
import { StackProfileSchema, type StackProfile, type StackProfileInput } from '../../shared/model/profile.ts';
import type { Finding } from '../../shared/model/finding.ts';
import { deployment, endpoints, pod, service, statefulSet } from './objects.ts';

/**
 * A small profile ("demo", release "d" in namespace "app") and a healthy install of it, so each
 * check test starts from a world with no findings and changes only what its scenario needs.
 */
export const demoProfileInput: StackProfileInput = {
  name: 'demo',
  title: 'Demo stack',
  components: [
    { id: 'web', title: 'Web', kind: 'Deployment', anchor: true, find: { name: '{release}-web' }, ports: [{ name: 'http', number: 80, targetPort: 'http' }], replicas: 1 },
    { id: 'db', title: 'Database', kind: 'StatefulSet', find: { name: '{release}-db' }, ports: [{ name: 'db', number: 5432 }] },
  ],
  edges: [{ consumer: 'web', provider: 'db', port: 'db', purpose: 'data', configuredBy: { env: ['DB_URL'], configMapKeys: [{ name: '{release}-config', key: 'db.host' }], secretKeys: [{ name: '{release}-secret', key: 'dsn' }] } }],
};

export function demoProfile(extra: Partial<StackProfileInput> = {}): StackProfile {
  return StackProfileSchema.parse({ ...demoProfileInput, ...extra });
}

/** The demo profile with a hostname and wildcard routed to its web Service (for DNS checks and fixes). */
export const demoDnsProfile = (): StackProfile => demoProfile({ hostnames: { domain: 'demo.localdev', wildcard: true, ingressService: { name: '{release}-web' } } });

export const NS = 'app';

/** The healthy demo install plus `add`; then `replace` swaps objects by kind/namespace/name (appending unknown ones) and `drop` removes them. */
export function demoObjects(o: { replace?: KubeObject[]; add?: KubeObject[]; drop?: string[] } = {}): KubeObject[] {
  const webLabels = { app: 'd-web' };
  const dbLabels = { app: 'd-db' };
  const base: KubeObject[] = [
    deployment('d-web', NS, { podLabels: webLabels, containers: [{ name: 'web', image: 'example/web:1.0', ports: [{ name: 'http', containerPort: 8080 }], env: [{ name: 'DB_URL', value: 'postgres://user@d-db:5432/app' }] }] }),
    pod('d-web-6f7c9-abcde', NS, { labels: webLabels, owner: { kind: 'ReplicaSet', name: 'd-web-6f7c9' }, ip: '10.42.0.11', containers: [{ name: 'web', image: 'example/web:1.0', ports: [{ name: 'http', containerPort: 8080 }] }] }),
    service('d-web', NS, { selector: webLabels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }),
    endpoints('d-web', NS, { ready: ['10.42.0.11'], ports: [{ name: 'http', port: 8080 }] }),
    statefulSet('d-db', NS, { podLabels: dbLabels, containers: [{ name: 'db', image: 'example/db:16', ports: [{ name: 'db', containerPort: 5432 }] }] }),
    pod('d-db-0', NS, { labels: dbLabels, owner: { kind: 'StatefulSet', name: 'd-db' }, ip: '10.42.0.12', containers: [{ name: 'db', image: 'example/db:16', ports: [{ name: 'db', containerPort: 5432 }] }] }),
    service('d-db', NS, { selector: dbLabels, clusterIP: '10.43.0.12', ports: [{ name: 'db', port: 5432, targetPort: 5432 }] }),
    endpoints('d-db', NS, { ready: ['10.42.0.12'], ports: [{ name: 'db', port: 5432 }] }),
  ];
  const key = (x: KubeObject) => `${x.kind}/${x.metadata.namespace ?? ''}/${x.metadata.name}`;
  const replaced = new Map((o.replace ?? []).map((x) => [key(x), x]));
  const kept = [...base, ...(o.add ?? [])].filter((x) => !(o.drop ?? []).includes(key(x))).map((x) => replaced.get(key(x)) ?? x);
  const used = new Set(kept.map(key));
  return [...kept, ...(o.replace ?? []).filter((x) => !used.has(key(x)))];
}

export function runInspect(objects: KubeObject[], profile: StackProfile = demoProfile(), options: InspectOptions & { areas?: string[] } = {}, viewOptions: ViewOptions = {}) {
  const view = buildClusterView(objects, { capturedAt: '2026-11-22T00:00:00Z', ...viewOptions });
  return inspect(view, [profile], options);
}

/** The findings of one area (e.g. "edges") for a set of objects. */
export function findingsOf(area: string, objects: KubeObject[], profile: StackProfile = demoProfile(), options: InspectOptions = {}, viewOptions: ViewOptions = {}): Finding[] {
  return runInspect(objects, profile, { ...options, areas: [area] }, viewOptions).findings;
}

export const ids = (findings: Finding[]) => findings.map((f) => f.id).sort();
