import { ContractError } from '../../../shared/contract/errors.ts';
import type { ContextsList } from '../../../shared/model/context.ts';
import type { SettingsStore } from '../settings.ts';
import { listContexts } from './contexts.ts';
import { loadKubeconfig } from './kubeconfig-load.ts';
import { kubeconfigPaths } from './kubeconfig-paths.ts';
import { watchFiles } from './kubeconfig-watch.ts';

/** Which kubeconfig contexts exist and which one Groundcrew works on (kept in its own settings, not in the user's kubeconfig). */
export class ContextService {
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly settings: SettingsStore,
    private readonly explicitKubeconfig?: string,
  ) {}

  list(): ContextsList {
    return listContexts(loadKubeconfig(this.env, this.explicitKubeconfig), this.settings.read().selectedContext);
  }

  select(name: string): ContextsList {
    const list = this.list();
    if (!list.contexts.some((c) => c.name === name)) {
      const known = list.contexts.map((c) => c.name).join(', ') || 'none';
      throw new ContractError('not_found', `no context named "${name}" in ${list.files.join(', ') || 'any kubeconfig'} (known: ${known})`);
    }
    this.settings.update({ selectedContext: name });
    return { ...list, selected: name };
  }

  /** Emits the list now and after every kubeconfig edit; a broken edit is reported, not fatal. */
  watch(onList: (list: ContextsList) => void, onError: (err: unknown) => void): () => void {
    const emit = () => {
      try {
        onList(this.list());
      } catch (err) {
        onError(err);
      }
    };
    emit();
    return watchFiles(kubeconfigPaths(this.env, this.explicitKubeconfig), emit);
  }
}
