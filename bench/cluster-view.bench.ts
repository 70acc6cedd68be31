// Cold and warm ClusterView over 20,000 objects (time, requests, memory), beside
// `kubectl get pods,configmaps,namespaces -A -o json` on the same sandbox.
import { loadKubeconfig } from '../electron/core/cluster/kubeconfig-load.ts';
import { resolveContext } from '../electron/core/cluster/resolve-context.ts';
import { KubeClient } from '../electron/core/cluster/kube-client.ts';
import { kubeListWatch } from '../electron/core/cluster/source/kube-list-watch.ts';
import { LiveClusterSource } from '../electron/core/cluster/source/live-source.ts';
import { median, printTable, sandboxProcess, timeKubectl } from './support/sandbox-process.ts';

const NAMESPACES = 20;
const PODS = 12_000;
const CONFIGMAPS = 8_000;

console.log(`starting a sandbox holding ${NAMESPACES + PODS + CONFIGMAPS} extra objects…`);
const sandbox = await sandboxProcess({ namespaces: NAMESPACES, pods: PODS, configmaps: CONFIGMAPS });
try {
  const kinds = ['Pod', 'ConfigMap', 'Namespace'];
  const kubectlRuns = [0, 1, 2].map(() => timeKubectl(sandbox.kubeconfig, ['get', 'pods,configmaps,namespaces', '-A', '-o', 'json']));
  const kubectlMs = median(kubectlRuns.map((r) => r.ms));

  const cold: number[] = [];
  const warm: number[] = [];
  let requestsCold = 0;
  let requestsWarm = 0;
  let heapMb = 0;
  let objects = 0;
  for (let run = 0; run < 3; run++) {
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const client = new KubeClient(resolveContext(loadKubeconfig({}, sandbox.kubeconfig), 'sandbox'));
    const source = new LiveClusterSource(kubeListWatch(client), { name: 'bench' });
    let t = performance.now();
    const lease = await source.acquire(kinds);
    const view = lease.view();
    cold.push(performance.now() - t);
    requestsCold = client.requestCount;
    objects = kinds.reduce((n, k) => n + view.list(k).length, 0);
    global.gc?.();
    heapMb = Math.max(heapMb, (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024);
    const before = client.requestCount;
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      t = performance.now();
      lease.view();
      samples.push(performance.now() - t);
    }
    warm.push(median(samples));
    requestsWarm = client.requestCount - before;
    lease.release();
    source.close();
    client.close();
  }
  printTable(`ClusterView over ${objects} objects (${kinds.join(', ')}), median of 3 runs`, [
    { what: 'kubectl get -A -o json (same kinds)', 'time ms': Math.round(kubectlMs), requests: 'n/a', 'ratio vs kubectl': '1.00' },
    { what: 'Groundcrew cold view (list + watch)', 'time ms': Math.round(median(cold)), requests: requestsCold, 'ratio vs kubectl': (median(cold) / kubectlMs).toFixed(2) },
    { what: 'Groundcrew warm view (from the cache)', 'time ms': Number(median(warm).toFixed(3)), requests: requestsWarm, 'ratio vs kubectl': (median(warm) / kubectlMs).toFixed(4) },
  ]);
  console.log(`client heap held by the cold view: ${heapMb.toFixed(1)} MiB (kubectl printed ${(kubectlRuns[0]!.bytes / 1024 / 1024).toFixed(1)} MiB of JSON)`);
} finally {
  sandbox.stop();
}
process.exit(0);
