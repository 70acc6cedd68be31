import { after } from 'node:test';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/core/sandbox/index.ts';
import { loadKubeconfig } from '../../electron/core/cluster/kubeconfig-load.ts';
import { resolveContext } from '../../electron/core/cluster/resolve-context.ts';
import { KubeClient, type KubeClientOptions } from '../../electron/core/cluster/kube-client.ts';

/** A sandbox cluster for one test file, closed afterwards. */
export async function testSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox(options);
  after(() => sandbox.close());
  return sandbox;
}

/** The core's own client for one of the sandbox kubeconfig's contexts ('sandbox' = token user). */
export function sandboxClient(sandbox: Sandbox, context = 'sandbox', options: KubeClientOptions = {}): KubeClient {
  const merged = loadKubeconfig({}, sandbox.kubeconfigPath);
  const client = new KubeClient(resolveContext(merged, context), options);
  after(() => client.close());
  return client;
}
