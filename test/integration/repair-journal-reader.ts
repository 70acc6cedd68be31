// A second workstation: its own process and Groundcrew home, the same cluster. Prints the merged
// journal as JSON, after undoing an entry when asked: `<kubeconfig> <home> [undo <entryId>]`.
import { KubeClient } from '../../electron/core/cluster/kube-client.ts';
import { loadKubeconfig } from '../../electron/core/cluster/kubeconfig-load.ts';
import { resolveContext } from '../../electron/core/cluster/resolve-context.ts';
import { buildClusterView } from '../../electron/core/cluster/view.ts';
import { createRepairService } from '../../electron/core/repair/index.ts';

const [kubeconfig, home, action, id] = process.argv.slice(2);
const client = new KubeClient(resolveContext(loadKubeconfig({ KUBECONFIG: kubeconfig }), 'sandbox'), { env: {} });
const service = createRepairService({ client, home: home!, context: 'sandbox', viewProvider: async () => buildClusterView([]), profiles: [], runChecks: () => [] });
try {
  const undone = action === 'undo' ? await service.undo(id!) : undefined;
  process.stdout.write(JSON.stringify({ undone, ...(await service.journal()) }));
} finally {
  client.close();
}
