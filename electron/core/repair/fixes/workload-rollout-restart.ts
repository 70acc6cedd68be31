import { patchChange } from '../changes.ts';
import type { Fix } from '../fix.ts';
import { workloadOf } from './targets.ts';

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** Like `kubectl rollout restart`: a new pod-template annotation makes the controller replace every pod. */
export const workloadRolloutRestart: Fix = {
  id: 'workload.rollout-restart',
  title: 'Restart the workload (rollout restart)',
  checks: ['workload.crashloop', 'workload.not-ready', 'workload.restarts', 'workload.oom-killed', 'workload.image-pull'],
  plan(view, finding, ctx) {
    const w = workloadOf(view, finding);
    const what = `${w.kind} ${w.metadata.namespace}/${w.metadata.name}`;
    const at = ctx.now().toISOString().replace(/\.\d+Z$/, 'Z');
    const change = patchChange(
      w,
      (draft) => {
        const template = (draft.spec as { template: { metadata?: { annotations?: Record<string, string> } } }).template;
        template.metadata ??= {};
        template.metadata.annotations = { ...template.metadata.annotations, [RESTARTED_AT]: at };
      },
      `restart ${what} (${RESTARTED_AT}=${at})`,
    );
    return { changes: [change], explanation: `${what} gets a new pod-template annotation ${RESTARTED_AT}, so its controller replaces every pod with a fresh one, as \`kubectl rollout restart\` does.` };
  },
};
