import type { KubeObject } from '../../cluster/view.ts';

/**
 * Defaults the real API server fills in on create that kubectl output depends on
 * (a Namespace's phase, a Service's clusterIP, a new Pod's Pending phase).
 */
let nextServiceIp = 10;

export function applyCreateDefaults(resourceKey: string, object: KubeObject): void {
  const hadSpec = object.spec !== undefined;
  const spec = (object.spec ??= {}) as Record<string, unknown>;
  switch (resourceKey) {
    case 'namespaces':
      if (!hadSpec && Object.keys(spec).length === 0) spec.finalizers = ['kubernetes'];
      spec.finalizers ??= ['kubernetes'];
      object.status = { phase: 'Active' };
      break;
    case 'secrets':
      if (!object.type) object.type = 'Opaque';
      if (!hadSpec) delete object.spec;
      break;
    case 'pods': {
      defaultPodSpec(spec);
      const status = (object.status ??= {}) as Record<string, unknown>;
      status.phase ??= 'Pending';
      break;
    }
    case 'services': {
      spec.type ??= 'ClusterIP';
      if (spec.type !== 'ExternalName' && spec.clusterIP === undefined) {
        const n = nextServiceIp++;
        spec.clusterIP = `10.96.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
        spec.clusterIPs = [spec.clusterIP];
      }
      spec.sessionAffinity ??= 'None';
      for (const port of asArray(spec.ports)) {
        port.protocol ??= 'TCP';
        port.targetPort ??= port.port;
      }
      break;
    }
    case 'deployments.apps':
      defaultPodSpec(asRecord(asRecord(spec.template).spec));
      spec.replicas ??= 1;
      if (isEmpty(spec.strategy)) spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      break;
    case 'replicasets.apps':
    case 'statefulsets.apps':
      defaultPodSpec(asRecord(asRecord(spec.template).spec));
      spec.replicas ??= 1;
      break;
    default:
      if (!hadSpec) delete object.spec;
  }
}

type Rec = Record<string, unknown>;
const asRecord = (v: unknown): Rec => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const asArray = (v: unknown): Rec[] => (Array.isArray(v) ? v.filter((x): x is Rec => x !== null && typeof x === 'object') : []);

/** Port protocols default to TCP, as `kubectl describe` shows them (80/TCP). */
function defaultPodSpec(spec: Rec): void {
  for (const container of [...asArray(spec.containers), ...asArray(spec.initContainers)]) {
    for (const port of asArray(container.ports)) port.protocol ??= 'TCP';
  }
}

const isEmpty = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'object' && Object.keys(v as object).length === 0);
