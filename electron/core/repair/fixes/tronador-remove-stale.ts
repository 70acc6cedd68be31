import type { Change } from '../../../../shared/model/repair.ts';
import { deleteChange } from '../changes.ts';
import type { Fix } from '../fix.ts';
import { targetOf } from './targets.ts';

/** Tronador's rule: an environment deploys into spec.namespace, else the namespace named after it. */
function namespaceOf(env: { metadata: { name: string }; spec?: unknown }): string {
  const spec = (env.spec ?? {}) as { namespace?: string; application?: { release?: { targetNamespace?: string } } };
  return spec.namespace ?? spec.application?.release?.targetNamespace ?? env.metadata.name;
}

/** A stale dynamic test environment: its Environment CR and its namespace are deleted. */
export const tronadorRemoveStale: Fix = {
  id: 'tronador.remove-stale',
  title: 'Remove the stale environment',
  checks: ['tronador.stale-environment'],
  plan(view, finding) {
    const env = targetOf(view, finding, ['tronador.stakater.com/Environment', 'tronador.stakater.com/EnvironmentProvisioner']);
    const ns = view.get('Namespace', undefined, namespaceOf(env));
    const changes: Change[] = [deleteChange(env, `delete ${env.kind} ${env.metadata.name}`)];
    if (ns) changes.push(deleteChange(ns, `delete Namespace ${ns.metadata.name} and everything in it`));
    return {
      changes,
      explanation: `${env.kind} ${env.metadata.name} has not been reconciled for a long time; its pull request is probably closed. Deleting it${ns ? ` and Namespace ${ns.metadata.name}` : ''} frees what it holds. If the CR lives in a GitOps repository, remove it there too or it comes back.`,
      undoNote: 'Undo re-creates the Environment and its namespace and Tronador deploys it again, but what ran inside the namespace (volumes, data) is gone.',
    };
  },
};
