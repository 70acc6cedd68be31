import type { ClusterView, KubeObject } from '../../cluster/view.ts';
import type { Installation } from '../../stacks/detect.ts';
import { patchChange } from '../changes.ts';
import { installationFor, PlanError, type Fix } from '../fix.ts';
import { podTemplateOf, targetOf, WORKLOAD_KINDS } from './targets.ts';

/** The component whose main Service, or one of whose port Services, is `service`. */
function componentWorkload(inst: Installation | undefined, service: string, hint: string | undefined): KubeObject | undefined {
  if (!inst) return undefined;
  const byHint = hint ? inst.component(hint) : undefined;
  if (byHint?.workload) return byHint.workload;
  for (const c of inst.components) {
    const names = [c.spec.service ?? c.spec.find.name, ...c.spec.ports.map((p) => p.service).filter((s): s is string => !!s)].map((p) => inst.name(p));
    if (names.includes(service) && c.workload) return c.workload;
  }
  return undefined;
}

function sameNameWorkload(view: ClusterView, ns: string, name: string): KubeObject | undefined {
  for (const kind of WORKLOAD_KINDS) {
    const w = view.get(kind, ns, name);
    if (w) return w;
  }
  return undefined;
}

/** A Service whose selector matches no pods gets the selector of the component's pods. */
export const serviceFixSelector: Fix = {
  id: 'service.fix-selector',
  title: "Select the component's pods",
  checks: ['edge.selector-no-pods'],
  plan(view, finding, ctx) {
    const svc = targetOf(view, finding, ['Service']);
    const ns = svc.metadata.namespace!;
    const name = svc.metadata.name;
    const inst = installationFor(view, finding, ctx.profiles, ns);
    const workload = componentWorkload(inst, name, finding.edge?.provider ?? finding.component) ?? sameNameWorkload(view, ns, name);
    if (!workload) throw new PlanError(`cannot tell which workload Service ${ns}/${name} should select`);
    const selectorLabels = (workload.spec as { selector?: { matchLabels?: Record<string, string> } }).selector?.matchLabels;
    const labels = selectorLabels && Object.keys(selectorLabels).length ? selectorLabels : podTemplateOf(workload)?.metadata?.labels;
    if (!labels || Object.keys(labels).length === 0) throw new PlanError(`${workload.kind} ${ns}/${workload.metadata.name} has no pod labels to select`);
    const current = (svc.spec as { selector?: Record<string, string> }).selector ?? {};
    const show = (m: Record<string, string>) => Object.entries(m).map(([k, v]) => `${k}=${v}`).join(',') || '(none)';
    const change = patchChange(
      svc,
      (draft) => {
        (draft.spec as { selector: Record<string, string> }).selector = { ...labels };
      },
      `set Service ${ns}/${name} selector ${show(current)} → ${show(labels)}`,
    );
    return {
      changes: [change],
      explanation: `Service ${ns}/${name} selects ${show(current)}, which matches no pod. ${workload.kind} ${workload.metadata.name} labels its pods ${show(labels)}; the Service will select those.`,
    };
  },
};
