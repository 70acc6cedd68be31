import fs from 'node:fs';
import { ContractError } from '../../../shared/contract/errors.ts';
import { kubeconfigPaths } from './kubeconfig-paths.ts';
import { parseKubeconfig, type KubeconfigFile } from './kubeconfig-parse.ts';
import { mergeKubeconfigs, type MergedKubeconfig } from './kubeconfig-merge.ts';

/**
 * Read and merge the kubeconfig files kubectl would read. Like kubectl, a KUBECONFIG entry
 * that does not exist is skipped, but an explicit --kubeconfig that does not exist is an error.
 */
export function loadKubeconfig(env: NodeJS.ProcessEnv, explicit?: string): MergedKubeconfig {
  const paths = kubeconfigPaths(env, explicit);
  const parsed: KubeconfigFile[] = [];
  for (const file of paths) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && !explicit) continue;
      const why = code === 'ENOENT' ? 'file does not exist' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory, not a file' : (err as Error).message;
      throw new ContractError('invalid_config', `${file}: cannot read kubeconfig: ${why}`, file);
    }
    parsed.push(parseKubeconfig(file, text));
  }
  return mergeKubeconfigs(parsed);
}
