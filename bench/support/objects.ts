import type { KubeObject } from '../../electron/core/cluster/view.ts';

/** A pod that is already running (a settled cluster), so the simulated kubelet has nothing to do for it. */
export function pod(namespace: string, name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: 'filler', shard: String(name.length % 7) } },
    spec: { nodeName: 'sandbox-node-1', containers: [{ name: 'main', image: 'registry.airgap.local:5000/busybox:1.36', ports: [{ containerPort: 8080, name: 'http' }] }] },
    status: {
      phase: 'Running',
      podIP: '10.244.9.9',
      hostIP: '127.0.0.1',
      conditions: ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'].map((type) => ({ type, status: 'True' })),
      containerStatuses: [{ name: 'main', ready: true, started: true, restartCount: 0, image: 'registry.airgap.local:5000/busybox:1.36', state: { running: { startedAt: '2026-11-01T00:00:00Z' } } }],
    },
  } as KubeObject;
}

export function configMap(namespace: string, name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { 'app.conf': `name=${name}\nlevel=info\n` } } as KubeObject;
}

export function namespace(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } as KubeObject;
}
