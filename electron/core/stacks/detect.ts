import type { ClusterView, KubeObject } from '../cluster/view.ts';
import type { DetectedInstallation } from '../../../shared/model/finding.ts';
import type { ProfileComponent, StackProfile, WorkloadKind } from '../../../shared/model/profile.ts';
import { fillPattern, matchPattern, placeholdersOf, type Bindings } from './patterns.ts';

/** The ClusterView kind key for a workload kind. */
export const workloadKindKey: Record<WorkloadKind, string> = {
  Deployment: 'apps/Deployment',
  StatefulSet: 'apps/StatefulSet',
  DaemonSet: 'apps/DaemonSet',
  Job: 'batch/Job',
  CronJob: 'batch/CronJob',
};

export interface ResolvedComponent {
  spec: ProfileComponent;
  kindKey: string;
  /** Where the workload is, or where it is expected. */
  namespace: string;
  /** The workload's name, or the name the profile expects. */
  name: string;
  workload?: KubeObject;
}

/** One installed copy of a profile: a namespace plus placeholder bindings (release names). */
export interface Installation {
  profile: StackProfile;
  namespace: string;
  bindings: Bindings;
  components: ResolvedComponent[];
  evidence: string[];
  /** Fills a name pattern with this installation's bindings (profile defaults for unbound ones). */
  name(pattern: string): string;
  component(id: string): ResolvedComponent | undefined;
}

function labelsMatch(obj: KubeObject, labels: Record<string, string> | undefined): boolean {
  return Object.entries(labels ?? {}).every(([k, v]) => obj.metadata.labels?.[k] === v);
}

/**
 * A renamed workload (Helm fullnameOverride) no longer fits the name pattern; when the profile
 * identifies the component by labels too, its `app.kubernetes.io/instance` label gives the release.
 */
function instanceBinding(obj: KubeObject, c: ProfileComponent, known: Bindings): Bindings | undefined {
  const instance = obj.metadata.labels?.['app.kubernetes.io/instance'];
  if (!instance || Object.keys(c.find.labels ?? {}).length === 0 || !placeholdersOf(c.find.name).includes('release')) return undefined;
  if (known.release !== undefined && known.release !== instance) return undefined;
  return { ...known, release: instance };
}

/** How much of a pattern is literal text: the more, the more specific a name match is. */
const literalLength = (pattern: string) => pattern.replace(/\{[a-zA-Z][a-zA-Z0-9]*\}/g, '').length;

/**
 * Whether a workload name is better explained by another profile: `{release}-api` (Testkube)
 * also matches Tracetest's `tt-tracetest-core-api`, which `{release}-tracetest-core-api` matches
 * more specifically. An anchor never seeds an installation from such a name.
 */
function claimedElsewhere(obj: KubeObject, c: ProfileComponent, others: readonly StackProfile[]): boolean {
  const mine = literalLength(c.find.name);
  return others.some((p) => p.components.some((o) => o.kind === c.kind && literalLength(o.find.name) > mine && matchPattern(o.find.name, obj.metadata.name) !== undefined));
}

/** Workloads of a component's kind whose name (and labels) fit the component, with their bindings. */
function candidates(view: ClusterView, c: ProfileComponent, known: Bindings, namespace?: string): Array<{ obj: KubeObject; bindings: Bindings }> {
  const out: Array<{ obj: KubeObject; bindings: Bindings }> = [];
  for (const obj of view.list(workloadKindKey[c.kind], namespace)) {
    if (!labelsMatch(obj, c.find.labels)) continue;
    const bindings = matchPattern(c.find.name, obj.metadata.name, known) ?? instanceBinding(obj, c, known);
    if (bindings) out.push({ obj, bindings });
  }
  return out;
}

const compatible = (a: Bindings, b: Bindings) => Object.entries(b).every(([k, v]) => a[k] === undefined || a[k] === v);

/**
 * Finds every installation of `profile`: anchor components seed installations (one per namespace
 * and release), then every other component is looked up in that namespace (or its namespace hint),
 * binding any placeholder the anchors did not. `otherProfiles` (all profiles being detected) keep
 * a loose anchor pattern from claiming another stack's workload.
 */
export function detectInstallations(view: ClusterView, profile: StackProfile, otherProfiles: readonly StackProfile[] = []): Installation[] {
  const seeds: Array<{ namespace: string; bindings: Bindings; evidence: string[] }> = [];
  const others = otherProfiles.filter((p) => p.name !== profile.name);
  for (const anchor of profile.components.filter((c) => c.anchor)) {
    for (const { obj, bindings } of candidates(view, anchor, {})) {
      if (claimedElsewhere(obj, anchor, others)) continue;
      const namespace = obj.metadata.namespace ?? '';
      const evidence = `${workloadKindKey[anchor.kind]} ${namespace}/${obj.metadata.name}`;
      const seed = seeds.find((s) => s.namespace === namespace && compatible(s.bindings, bindings));
      if (seed) {
        Object.assign(seed.bindings, bindings);
        seed.evidence.push(evidence);
      } else seeds.push({ namespace, bindings: { ...bindings }, evidence: [evidence] });
    }
  }
  if (seeds.length === 0) {
    const kind = profile.detectByKinds.find((k) => view.list(k).length > 0);
    const anchor = profile.components.find((c) => c.anchor)!;
    if (kind) seeds.push({ namespace: anchor.find.namespace ?? 'default', bindings: {}, evidence: [`${view.list(kind).length} ${kind} object(s)`] });
  }
  const resolved = seeds.map((seed) => resolveInstallation(view, profile, seed.namespace, seed.bindings, seed.evidence));
  return dropCovered(resolved);
}

const foundKeys = (inst: Installation) => new Set(inst.components.flatMap((c) => (c.workload ? [`${c.kindKey}/${c.namespace}/${c.name}`] : [])));

/**
 * An anchor in another namespace (the Testkube agent next to its control plane) seeds a second
 * installation that finds the same workloads; keep only the first of installations whose
 * workloads another one already covers.
 */
function dropCovered(list: Installation[]): Installation[] {
  const kept: Installation[] = [];
  for (const inst of list) {
    const mine = foundKeys(inst);
    const cover = kept.find((k) => {
      const theirs = foundKeys(k);
      return [...mine].every((key) => theirs.has(key));
    });
    if (cover) cover.evidence.push(...inst.evidence.filter((e) => !cover.evidence.includes(e)));
    else kept.push(inst);
  }
  return kept;
}

/** Builds an installation at a known namespace and bindings (detection, or a site's explicit choice). */
export function resolveInstallation(view: ClusterView, profile: StackProfile, namespace: string, seedBindings: Bindings, evidence: string[] = []): Installation {
  const bindings: Bindings = { ...seedBindings };
  const found = new Map<string, { obj: KubeObject }>();
  const namespaces = new Set(view.namespaces());
  const searchOrder = (c: ProfileComponent) => [namespace, ...(c.find.namespace && c.find.namespace !== namespace ? [c.find.namespace] : [])];
  // Two passes: a component found late may bind a placeholder an earlier one needs.
  for (let pass = 0; pass < 2; pass++) {
    for (const c of profile.components) {
      if (found.has(c.id)) continue;
      for (const ns of searchOrder(c)) {
        const hit = candidates(view, c, bindings, ns)[0];
        if (hit) {
          Object.assign(bindings, hit.bindings);
          found.set(c.id, { obj: hit.obj });
          break;
        }
      }
    }
  }
  // Placeholders still unbound (their components are missing) may be bound by a Service name.
  for (const c of profile.components) {
    const pattern = c.service ?? c.find.name;
    if (placeholdersOf(pattern).every((p) => bindings[p] !== undefined)) continue;
    for (const ns of searchOrder(c)) {
      const svc = view.list('Service', ns).map((s) => matchPattern(pattern, s.metadata.name, bindings)).find(Boolean);
      if (svc) {
        Object.assign(bindings, svc);
        break;
      }
    }
  }
  const name = (pattern: string) => fillPattern(pattern, { ...profile.placeholders, ...bindings }) ?? pattern;
  const components: ResolvedComponent[] = profile.components.map((spec) => {
    const hit = found.get(spec.id);
    const hinted = spec.find.namespace && namespaces.has(spec.find.namespace) ? spec.find.namespace : namespace;
    return {
      spec,
      kindKey: workloadKindKey[spec.kind],
      namespace: hit?.obj.metadata.namespace ?? hinted,
      name: hit?.obj.metadata.name ?? name(spec.find.name),
      workload: hit?.obj,
    };
  });
  const byId = new Map(components.map((c) => [c.spec.id, c]));
  return { profile, namespace, bindings, components, evidence, name, component: (id) => byId.get(id) };
}

/** The serialisable summary of an installation, for reports. */
export function describeInstallation(inst: Installation): DetectedInstallation {
  return {
    profile: inst.profile.name,
    namespace: inst.namespace,
    releases: { ...inst.bindings },
    components: inst.components.map((c) => ({ id: c.spec.id, namespace: c.namespace, name: c.name, found: c.workload !== undefined })),
    evidence: [...inst.evidence],
  };
}
