import type { Finding } from '../../../../shared/model/finding.ts';
import type { ClusterView, KubeObject } from '../../cluster/view.ts';
import { parseFindingId, PlanError } from '../fix.ts';

/**
 * Finds the object a finding is about: the first evidence reference of one of `kinds` that still
 * exists, else the namespace/name in the finding id. Throws a PlanError naming what is missing.
 */
export function targetOf(view: ClusterView, finding: Finding, kinds: readonly string[]): KubeObject {
  for (const e of finding.evidence) {
    if (!kinds.includes(e.ref.kind)) continue;
    const obj = view.get(e.ref.kind, e.ref.namespace, e.ref.name);
    if (obj) return obj;
  }
  const { namespace, name } = parseFindingId(finding.id);
  for (const kind of kinds) {
    const obj = view.get(kind, namespace, name);
    if (obj) return obj;
  }
  throw new PlanError(`no ${kinds.join(' or ')} named by the finding exists (${finding.id})`);
}

export interface Container {
  name: string;
  image?: string;
  ports?: Array<{ name?: string; containerPort: number; protocol?: string }>;
}

interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { containers?: Container[]; initContainers?: Container[]; imagePullSecrets?: Array<{ name: string }> };
}

export const WORKLOAD_KINDS = ['apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet'] as const;

export function podTemplateOf(workload: KubeObject): PodTemplate | undefined {
  const spec = workload.spec as { template?: PodTemplate; jobTemplate?: { spec?: { template?: PodTemplate } } } | undefined;
  return spec?.template ?? spec?.jobTemplate?.spec?.template;
}

const matches = (labels: Record<string, string> | undefined, selector: Record<string, string>) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

/** Containers of the workloads and pods a Service selector reaches. */
export function containersSelectedBy(view: ClusterView, namespace: string, selector: Record<string, string>): Container[] {
  const out: Container[] = [];
  for (const kind of WORKLOAD_KINDS) {
    for (const w of view.list(kind, namespace)) {
      const t = podTemplateOf(w);
      if (matches(t?.metadata?.labels, selector)) out.push(...(t?.spec?.containers ?? []));
    }
  }
  for (const pod of view.select('Pod', selector, namespace)) {
    out.push(...(((pod.spec as PodTemplate['spec'])?.containers ?? []) as Container[]));
  }
  return out;
}

/** The Deployment/StatefulSet/DaemonSet behind a Pod (through its ReplicaSet), or undefined. */
export function workloadOfPod(view: ClusterView, pod: KubeObject): KubeObject | undefined {
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller) ?? pod.metadata.ownerReferences?.[0];
  if (!owner) return undefined;
  const ns = pod.metadata.namespace;
  if (owner.kind === 'ReplicaSet') {
    const rs = view.get('apps/ReplicaSet', ns, owner.name);
    const rsOwner = rs?.metadata.ownerReferences?.find((o) => o.kind === 'Deployment');
    return view.get('apps/Deployment', ns, rsOwner?.name ?? owner.name.replace(/-[a-z0-9]+$/, ''));
  }
  return view.get(`apps/${owner.kind}`, ns, owner.name);
}

/** The workload a finding is about: evidence workloads first, then a Pod's owner. */
export function workloadOf(view: ClusterView, finding: Finding): KubeObject {
  try {
    return targetOf(view, finding, WORKLOAD_KINDS);
  } catch (err) {
    for (const e of finding.evidence.filter((x) => x.ref.kind === 'Pod')) {
      const pod = view.get('Pod', e.ref.namespace, e.ref.name);
      const w = pod && workloadOfPod(view, pod);
      if (w) return w;
    }
    throw err;
  }
}
