/**
 * Nodes: the kubelet's view of itself. A scenario creates Node objects (name, labels,
 * spec.podCIDR); this fills in status the way a healthy kubelet reports it. Loopback addresses
 * (127.0.0.x) because nothing ever connects to them.
 */
import type { KubeObject } from '../../cluster/view.ts';
import { GR } from './api.ts';
import { primaryReconciler } from './reconciler.ts';
import { spec, type Condition, mergeConditions } from './util.ts';

/** Optional JSON annotation on a Node: {"cpu":"4","memory":"16Gi","pods":"110"}. */
export const NODE_CAPACITY_ANNOTATION = 'sandbox.groundcrew.dev/capacity';

export function nodeIndex(node: KubeObject): number {
  const cidr = spec<{ podCIDR?: string }>(node).podCIDR ?? '';
  const m = /^10\.244\.(\d+)\.0\/24$/.exec(cidr);
  return m ? Number(m[1]) : 0;
}

export function nodeInternalIp(node: KubeObject): string {
  return `127.0.0.${nodeIndex(node) + 2}`;
}

export const nodesController = () =>
  primaryReconciler({
    name: 'node',
    source: { component: 'kubelet' },
    primary: GR.nodes,
    reconcile(node, api) {
      const prev = (node.status ?? {}) as { conditions?: Condition[] };
      let capacity: Record<string, string> = { cpu: '4', memory: '16384Mi', pods: '110', 'ephemeral-storage': '102400Mi', 'hugepages-2Mi': '0' };
      const custom = node.metadata.annotations?.[NODE_CAPACITY_ANNOTATION];
      if (custom) {
        try {
          capacity = { ...capacity, ...(JSON.parse(custom) as Record<string, string>) };
        } catch {
          // A malformed annotation keeps the defaults; the node must still come up.
        }
      }
      const now = api.nowIso();
      const firstSeen = prev.conditions?.[0]?.lastTransitionTime ?? now;
      const pressure = (type: string, reason: string, message: string): Condition => ({ type, status: 'False', reason, message, lastHeartbeatTime: firstSeen });
      const conditions = mergeConditions(
        prev.conditions,
        [
          pressure('MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
          pressure('DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
          pressure('PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
          { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: firstSeen },
        ],
        now,
      );
      api.setStatus(GR.nodes, node, {
        capacity,
        allocatable: capacity,
        conditions,
        addresses: [
          { type: 'InternalIP', address: nodeInternalIp(node) },
          { type: 'Hostname', address: node.metadata.name },
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        nodeInfo: {
          machineID: node.metadata.uid?.replace(/-/g, '') ?? '',
          systemUUID: node.metadata.uid ?? '',
          bootID: node.metadata.uid ?? '',
          kernelVersion: '6.1.0-sandbox',
          osImage: 'Debian GNU/Linux 12 (bookworm)',
          containerRuntimeVersion: 'containerd://1.7.24',
          kubeletVersion: 'v1.32.2',
          kubeProxyVersion: 'v1.32.2',
          operatingSystem: 'linux',
          architecture: 'amd64',
        },
      });
    },
  });
