import os from 'node:os';
import path from 'node:path';

/**
 * The kubeconfig files kubectl would read, in order: an explicit --kubeconfig wins alone;
 * otherwise every entry of KUBECONFIG (path-list separator, empty entries skipped, duplicates
 * dropped); otherwise ~/.kube/config.
 */
export function kubeconfigPaths(env: NodeJS.ProcessEnv, explicit?: string): string[] {
  if (explicit) return [path.resolve(explicit)];
  const fromEnv = env.KUBECONFIG;
  if (fromEnv && fromEnv.trim() !== '') {
    const seen = new Set<string>();
    for (const entry of fromEnv.split(path.delimiter)) {
      if (entry.trim() === '') continue;
      seen.add(path.resolve(entry));
    }
    return [...seen];
  }
  const home = env.HOME ?? os.homedir();
  return [path.join(home, '.kube', 'config')];
}
