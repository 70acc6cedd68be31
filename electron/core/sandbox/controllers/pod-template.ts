/** Turns a workload's pod template into a Pod, as the ReplicaSet/StatefulSet/DaemonSet/Job controllers do. */
import type { KubeObject } from '../../cluster/view.ts';
import { ownerRef, type Json } from './util.ts';

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Json;
}

export function podFromTemplate(owner: KubeObject, template: PodTemplate | undefined, name: string, extra: { labels?: Record<string, string>; spec?: Json; generateName?: string } = {}): KubeObject {
  const tspec = structuredClone(template?.spec ?? {});
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      ...(extra.generateName ? { generateName: extra.generateName } : {}),
      namespace: owner.metadata.namespace,
      labels: { ...(template?.metadata?.labels ?? {}), ...(extra.labels ?? {}) },
      ...(template?.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [ownerRef(owner)],
    },
    spec: {
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      serviceAccountName: 'default',
      enableServiceLinks: true,
      ...tspec,
      ...(extra.spec ?? {}),
    },
  };
}

/** The template without the labels the controller adds, to compare a ReplicaSet's template with its Deployment's. */
export function templateWithoutHash(template: PodTemplate | undefined): PodTemplate {
  const t = structuredClone(template ?? {});
  if (t.metadata?.labels) {
    delete t.metadata.labels['pod-template-hash'];
  }
  return t;
}

export function isPodReady(pod: KubeObject): boolean {
  const conditions = ((pod.status as Json | undefined)?.conditions ?? []) as Array<{ type: string; status: string }>;
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

export function podPhase(pod: KubeObject): string {
  return String((pod.status as Json | undefined)?.phase ?? 'Pending');
}

export function isPodActive(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}
