import { ContractError } from '../../../shared/contract/errors.ts';
import type { KubeContext } from '../../../shared/model/context.ts';
import type { ContextService } from '../cluster/context-service.ts';

/** The context an operation works on: the one named, else the one selected in Groundcrew. */
export function selectedContext(contexts: ContextService, name?: string): KubeContext {
  const list = contexts.list();
  const wanted = name ?? list.selected;
  const found = list.contexts.find((c) => c.name === wanted);
  if (found) return found;
  if (wanted === null || wanted === undefined) {
    throw new ContractError('not_found', `no kubeconfig context to work on: ${list.files.length ? `${list.files.join(', ')} define none` : 'no kubeconfig file found (set KUBECONFIG or --kubeconfig)'}`);
  }
  throw new ContractError('not_found', `no context named "${wanted}" in ${list.files.join(', ') || 'any kubeconfig'} (known: ${list.contexts.map((c) => c.name).join(', ') || 'none'})`);
}
