// Warm inspection over a sandbox holding the Tracetest stack plus 10,000 unrelated pods: time per
// inspection and API requests made, beside a kubectl script gathering the same kinds as JSON.
import { loadKubeconfig } from '../electron/core/cluster/kubeconfig-load.ts';
import { resolveContext } from '../electron/core/cluster/resolve-context.ts';
import { KubeClient } from '../electron/core/cluster/kube-client.ts';
import { kubeListWatch } from '../electron/core/cluster/source/kube-list-watch.ts';
import { LiveClusterSource } from '../electron/core/cluster/source/live-source.ts';
import { INSPECTION_KINDS } from '../electron/core/session/inspection-kinds.ts';
import { runInspection } from '../electron/core/session/inspection.ts';
import { loadBuiltinProfiles } from '../electron/core/stacks/load.ts';
import { median, printTable, sandboxProcess, timeKubectl } from './support/sandbox-process.ts';

const PODS = 10_000;
console.log(`starting a sandbox with tracetest-broken plus ${PODS} unrelated pods…`);
const sandbox = await sandboxProcess({ scenario: 'tracetest-broken', namespaces: 10, pods: PODS, configmaps: 0 });
try {
  // What a script would run to gather the same objects with kubectl (one get per kind group, as JSON).
  const resources = [
    'namespaces,nodes,pods,services,endpoints,configmaps,secrets,persistentvolumeclaims',
    'endpointslices.discovery.k8s.io,deployments.apps,statefulsets.apps,daemonsets.apps,jobs.batch,cronjobs.batch,ingresses.networking.k8s.io',
    'customresourcedefinitions.apiextensions.k8s.io,mutatingwebhookconfigurations,validatingwebhookconfigurations',
    'certificates.cert-manager.io,issuers.cert-manager.io,clusterissuers.cert-manager.io,ingressroutes.traefik.io',
  ];
  const kubectlRuns = [0, 1, 2].map(() => resources.reduce((ms, r) => ms + timeKubectl(sandbox.kubeconfig, ['get', r, '-A', '-o', 'json']).ms, 0));
  const kubectlMs = median(kubectlRuns);

  const profiles = loadBuiltinProfiles();
  const client = new KubeClient(resolveContext(loadKubeconfig({}, sandbox.kubeconfig), 'sandbox'));
  const source = new LiveClusterSource(kubeListWatch(client), { name: 'bench' });
  let t = performance.now();
  const lease = await source.acquire(INSPECTION_KINDS);
  let result = runInspection('sandbox', lease.view(), profiles);
  const coldMs = performance.now() - t;
  const coldRequests = client.requestCount;
  // Let every watch open before counting warm requests.
  await new Promise((r) => setTimeout(r, 1000));
  const before = client.requestCount;
  const warm: number[] = [];
  for (let i = 0; i < 20; i++) {
    t = performance.now();
    result = runInspection('sandbox', lease.view(), profiles);
    warm.push(performance.now() - t);
  }
  const warmRequests = client.requestCount - before;
  printTable(`Inspection: ${result.report.findings.length} findings over ${INSPECTION_KINDS.length} kinds (${lease.view().list('Pod').length} pods)`, [
    { what: 'kubectl script: get <same kinds> -A -o json', 'time ms': Math.round(kubectlMs), 'API requests': 'n/a', 'ratio vs kubectl': '1.00' },
    { what: 'Groundcrew cold inspection (list + watch + checks)', 'time ms': Math.round(coldMs), 'API requests': coldRequests, 'ratio vs kubectl': (coldMs / kubectlMs).toFixed(2) },
    { what: 'Groundcrew warm inspection (median of 20)', 'time ms': Number(median(warm).toFixed(1)), 'API requests': warmRequests, 'ratio vs kubectl': (median(warm) / kubectlMs).toFixed(4) },
  ]);
  console.log(`target: warm inspection makes no API request and takes under 100 ms → ${warmRequests === 0 && median(warm) < 100 ? 'met' : 'NOT met'}`);
  lease.release();
  source.close();
  client.close();
} finally {
  sandbox.stop();
}
process.exit(0);
