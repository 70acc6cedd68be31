import { KubeClient, type KubeClientOptions } from './kube-client.ts';
import { loadKubeconfig } from './kubeconfig-load.ts';
import { execSearchPath } from './login-shell-path.ts';
import { resolveContext } from './resolve-context.ts';

export interface OpenClientOptions {
  env: NodeJS.ProcessEnv;
  /** Like kubectl's --kubeconfig; otherwise KUBECONFIG / ~/.kube/config. */
  kubeconfig?: string;
  /** A context name; null or absent = current-context. */
  context?: string | null;
  /** Started from a desktop launcher (Electron): exec plugins are searched on the login shell's PATH too. */
  desktop?: boolean;
  client?: KubeClientOptions;
}

/**
 * The one-call way to get a client for a context, as kubectl would build it: load and merge the
 * kubeconfig files, resolve the context, and pick the PATH exec plugins are searched on
 * (login-shell PATH with GROUNDCREW_LOGIN_SHELL_PATH=1 or a desktop launch).
 * Throws ContractError('invalid_config') for kubeconfig problems.
 */
export async function openKubeClient(options: OpenClientOptions): Promise<KubeClient> {
  const resolved = resolveContext(loadKubeconfig(options.env, options.kubeconfig), options.context ?? null);
  const clientOptions: KubeClientOptions = { env: options.env, ...options.client };
  if (resolved.auth.exec && clientOptions.exec?.searchPath === undefined) {
    const searchPath = await execSearchPath(options.env, options.desktop ?? false);
    clientOptions.exec = { ...clientOptions.exec, ...(searchPath ? { searchPath } : {}) };
  }
  return new KubeClient(resolved, clientOptions);
}
