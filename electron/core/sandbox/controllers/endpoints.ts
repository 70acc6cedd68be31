/**
 * Service → Endpoints and discovery.k8s.io/v1 EndpointSlices, like the endpoint and
 * endpointslice controllers: pods matching the selector, named targetPorts resolved against each
 * pod's container ports (a pod where a port does not resolve is left out for that port), ready
 * pods as addresses and unready ones as notReadyAddresses.
 */
import type { KubeObject } from '../../cluster/view.ts';
import { GR } from './api.ts';
import { isPodReady, podPhase } from './pod-template.ts';
import { primaryReconciler, sameGr } from './reconciler.ts';
import { fnv32a, keyOf, matchesMap, ownedBy, ownerRef, type Json } from './util.ts';

interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
  targetPort?: number | string;
  appProtocol?: string;
}
interface ServiceSpec {
  selector?: Record<string, string>;
  ports?: ServicePort[];
  clusterIP?: string;
  type?: string;
  publishNotReadyAddresses?: boolean;
}
interface PodSpec {
  nodeName?: string;
  hostname?: string;
  subdomain?: string;
  containers?: Array<{ ports?: Array<{ name?: string; containerPort: number; protocol?: string }> }>;
}

/** podutil.FindPort: a number is used as is; a name must match a container port of the same protocol. */
export function resolveTargetPort(pod: KubeObject, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = port.protocol ?? 'TCP';
  for (const c of (pod.spec as PodSpec).containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

interface Member {
  pod: KubeObject;
  ip: string;
  ready: boolean;
  ports: Array<{ name?: string; port: number; protocol: string; appProtocol?: string }>;
}

export const endpointsController = () =>
  primaryReconciler({
    name: 'endpoint',
    source: { component: 'endpoint-controller' },
    primary: GR.services,
    related(event, store) {
      if (!sameGr(event.gr, GR.pods)) return [];
      // Before and after: a pod whose labels changed may have left a Service's selection.
      const labelSets = [event.object.metadata.labels, event.previous?.metadata.labels];
      return store
        .list(GR.services, event.object.metadata.namespace)
        .filter((s) => labelSets.some((labels) => matchesMap(labels, (s.spec as ServiceSpec | undefined)?.selector)))
        .map((s) => keyOf(s.metadata.namespace, s.metadata.name));
    },
    reconcile(svc, api) {
      const spec = (svc.spec ?? {}) as ServiceSpec;
      if (!spec.selector || Object.keys(spec.selector).length === 0 || spec.type === 'ExternalName') return;
      const ns = svc.metadata.namespace!;
      const members: Member[] = [];
      for (const pod of api.list(GR.pods, ns)) {
        const ip = (pod.status as Json | undefined)?.podIP as string | undefined;
        if (!ip || pod.metadata.deletionTimestamp || !matchesMap(pod.metadata.labels, spec.selector)) continue;
        if (podPhase(pod) === 'Succeeded' || podPhase(pod) === 'Failed') continue;
        const ports = (spec.ports ?? []).flatMap((p) => {
          const n = resolveTargetPort(pod, p);
          return n === undefined ? [] : [{ ...(p.name ? { name: p.name } : {}), port: n, protocol: p.protocol ?? 'TCP', ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) }];
        });
        if ((spec.ports ?? []).length > 0 && ports.length === 0) continue;
        members.push({ pod, ip, ready: spec.publishNotReadyAddresses === true || isPodReady(pod), ports });
      }
      members.sort((a, b) => a.ip.localeCompare(b.ip, undefined, { numeric: true }));
      const groups = new Map<string, Member[]>();
      for (const m of members) {
        const sig = JSON.stringify(m.ports);
        groups.set(sig, [...(groups.get(sig) ?? []), m]);
      }
      const headless = spec.clusterIP === 'None';
      const labels = { ...(svc.metadata.labels ?? {}), ...(headless ? { 'service.kubernetes.io/headless': '' } : {}) };
      const address = (m: Member) => {
        const ps = m.pod.spec as PodSpec;
        return {
          ip: m.ip,
          ...(ps.hostname && ps.subdomain === svc.metadata.name ? { hostname: ps.hostname } : {}),
          ...(ps.nodeName ? { nodeName: ps.nodeName } : {}),
          targetRef: { kind: 'Pod', namespace: ns, name: m.pod.metadata.name, uid: m.pod.metadata.uid },
        };
      };
      const subsets = [...groups.values()].map((g) => {
        const ready = g.filter((m) => m.ready).map(address);
        const notReady = g.filter((m) => !m.ready).map(address);
        return { ...(ready.length ? { addresses: ready } : {}), ...(notReady.length ? { notReadyAddresses: notReady } : {}), ports: g[0]!.ports };
      });
      api.ensure(GR.endpoints, {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: svc.metadata.name, namespace: ns, labels },
        ...(subsets.length ? { subsets } : { subsets: undefined }),
      } as KubeObject);

      if (!api.served(GR.endpointslices)) return;
      const wanted = new Map<string, KubeObject>();
      const sigs = groups.size ? [...groups.keys()] : [''];
      for (const sig of sigs) {
        const g = groups.get(sig) ?? [];
        const name = `${svc.metadata.name}-${fnv32a(sig).toString(36).slice(0, 5).padStart(5, '0')}`;
        wanted.set(name, {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: {
            name,
            namespace: ns,
            labels: { ...labels, 'kubernetes.io/service-name': svc.metadata.name, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
            ownerReferences: [ownerRef(svc)],
          },
          addressType: 'IPv4',
          endpoints: g.map((m) => {
            const ps = m.pod.spec as PodSpec;
            return {
              addresses: [m.ip],
              conditions: { ready: m.ready, serving: m.ready, terminating: false },
              ...(ps.hostname && ps.subdomain === svc.metadata.name ? { hostname: ps.hostname } : {}),
              ...(ps.nodeName ? { nodeName: ps.nodeName } : {}),
              targetRef: { kind: 'Pod', namespace: ns, name: m.pod.metadata.name, uid: m.pod.metadata.uid },
            };
          }),
          ports: g[0]?.ports ?? [],
        });
      }
      for (const slice of api.list(GR.endpointslices, ns)) {
        if (ownedBy(slice, svc) && !wanted.has(slice.metadata.name)) api.delete(GR.endpointslices, ns, slice.metadata.name);
      }
      for (const slice of wanted.values()) api.ensure(GR.endpointslices, slice);
    },
  });
