import type { ContextsList, KubeContext } from '../../../shared/model/context.ts';
import type { MergedKubeconfig } from './kubeconfig-merge.ts';

/** The contexts list the UI shows: names, servers and namespaces only, never credentials. */
export function listContexts(config: MergedKubeconfig, selected: string | null): ContextsList {
  const contexts: KubeContext[] = [...config.contexts.values()].map((entry) => {
    const clusterName = String(entry.value.cluster ?? '');
    const cluster = config.clusters.get(clusterName);
    return {
      name: entry.name,
      cluster: clusterName,
      server: typeof cluster?.value.server === 'string' ? cluster.value.server : '',
      user: String(entry.value.user ?? ''),
      namespace: typeof entry.value.namespace === 'string' && entry.value.namespace !== '' ? entry.value.namespace : 'default',
      current: entry.name === config.currentContext,
      file: entry.file,
    };
  });
  const known = (name: string | null) => (name !== null && config.contexts.has(name) ? name : null);
  return {
    files: config.files,
    warnings: config.warnings,
    kubeconfigCurrent: config.currentContext,
    selected: known(selected) ?? known(config.currentContext) ?? contexts[0]?.name ?? null,
    contexts,
  };
}
