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
    case 'pods': {
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
      break;
    }
    case 'deployments.apps':
      spec.replicas ??= 1;
      spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      break;
    case 'replicasets.apps':
    case 'statefulsets.apps':
      spec.replicas ??= 1;
      break;
    default:
      if (!hadSpec) delete object.spec;
  }
}
