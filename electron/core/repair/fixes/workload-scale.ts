import { patchChange } from '../changes.ts';
import { installationFor, PlanError, type Fix } from '../fix.ts';
import { workloadOf } from './targets.ts';

/** Scales a Deployment or StatefulSet to the replicas its stack profile expects (1 when it says nothing). */
export const workloadScale: Fix = {
  id: 'workload.scale',
  title: 'Scale to the expected replicas',
  checks: ['workload.not-ready', 'workload.missing'],
  plan(view, finding, ctx) {
    const w = workloadOf(view, finding);
    if (w.kind === 'DaemonSet') throw new PlanError(`DaemonSet ${w.metadata.namespace}/${w.metadata.name} cannot be scaled`);
    const what = `${w.kind} ${w.metadata.namespace}/${w.metadata.name}`;
    const inst = installationFor(view, finding, ctx.profiles, w.metadata.namespace);
    const component = inst?.components.find((c) => c.workload?.metadata.name === w.metadata.name && c.workload.kind === w.kind) ?? inst?.component(finding.component);
    const wanted = component?.spec.replicas ?? 1;
    const current = (w.spec as { replicas?: number }).replicas ?? 1;
    if (current === wanted) throw new PlanError(`${what} already has ${wanted} replica(s)`);
    const change = patchChange(
      w,
      (draft) => {
        (draft.spec as { replicas: number }).replicas = wanted;
      },
      `scale ${what} ${current} → ${wanted}`,
    );
    const source = component?.spec.replicas !== undefined ? `profile ${finding.profile} expects ${wanted}` : 'the profile names no count, so 1';
    return { changes: [change], explanation: `${what} runs ${current} replica(s); ${source}.` };
  },
};
