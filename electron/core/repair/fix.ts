import type { ClusterView } from '../cluster/view.ts';
import type { Finding } from '../../../shared/model/finding.ts';
import type { StackProfile } from '../../../shared/model/profile.ts';
import type { Change } from '../../../shared/model/repair.ts';
import { detectInstallations, type Installation } from '../stacks/detect.ts';
import type { KubeWriter } from './kube-writer.ts';
import type { ResourceResolver } from './resources.ts';

/** Site settings a fix may need; every one has a sensible default. */
export interface RepairOptions {
  /** Image of the in-cluster DNS lookup Job (air-gapped sites point it at their mirror). */
  dnsLookupImage: string;
  /** Registry images are rewritten to by image.use-mirror; defaults to the profile's airGap.mirrorRegistry. */
  mirrorRegistry?: string;
  /** Pull secret added with the mirrored image and by tronador.add-pull-secret. */
  pullSecretName?: string;
  /** Namespace the DNS lookup Job runs in. */
  dnsLookupNamespace: string;
  /** How long to wait for the DNS lookup Job. */
  dnsLookupTimeoutMs: number;
  /** The cluster's DNS zone, for in-cluster Service names. */
  clusterDomain: string;
  /** How long verification polls the originating check before reporting failure. */
  verifyTimeoutMs: number;
  verifyIntervalMs: number;
}

export const defaultRepairOptions: RepairOptions = {
  dnsLookupImage: 'busybox:1.36',
  dnsLookupNamespace: 'default',
  dnsLookupTimeoutMs: 60_000,
  clusterDomain: 'cluster.local',
  verifyTimeoutMs: 60_000,
  verifyIntervalMs: 500,
};

/** What `plan` may read: the profiles, site options and a clock (so plans are reproducible in tests). */
export interface PlanContext {
  profiles: readonly StackProfile[];
  options: RepairOptions;
  now: () => Date;
}

/** What `afterApply` and `verify` get: the API, to act and to look. */
export interface RunContext extends PlanContext {
  client: KubeWriter;
  resources: ResourceResolver;
  finding: Finding;
  changes: readonly Change[];
  /** Reports a progress line (shown while applying). */
  report: (message: string) => void;
}

export interface FixResult {
  changes: Change[];
  /** Why this plan looks the way it does (shown above the diff). */
  explanation: string;
  /** Set when undo cannot bring everything back (a re-issued certificate, a deleted namespace's contents). */
  undoNote?: string;
}

export interface Fix {
  id: string;
  title: string;
  /** The checks whose findings this fix can repair. */
  checks: readonly string[];
  /** Pure: exact object edits computed from the view. Throws PlanError when it cannot fix this finding. */
  plan(view: ClusterView, finding: Finding, ctx: PlanContext): FixResult;
  /** Work after the writes that is not an object edit of its own (waiting for a rollout, ...). */
  afterApply?(ctx: RunContext): Promise<void>;
  /** Extra proof beyond the re-run check (e.g. a real DNS lookup from inside the cluster). */
  verify?(ctx: RunContext): Promise<{ ok: boolean; message: string }>;
}

/** A fix cannot be planned for this finding as the cluster is now. */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

/** The installation of the finding's profile that owns `namespace` (or the only one). */
export function installationFor(view: ClusterView, finding: Finding, profiles: readonly StackProfile[], namespace?: string): Installation | undefined {
  const profile = profiles.find((p) => p.name === finding.profile);
  if (!profile) return undefined;
  const all = detectInstallations(view, profile);
  return all.find((i) => i.namespace === namespace) ?? all[0];
}

export function profileOf(finding: Finding, profiles: readonly StackProfile[]): StackProfile | undefined {
  return profiles.find((p) => p.name === finding.profile);
}

/** The first evidence object of one of `kinds` (ClusterView kind keys). */
export function evidenceOf(finding: Finding, ...kinds: string[]) {
  return finding.evidence.map((e) => e.ref).find((r) => kinds.includes(r.kind));
}

/** Splits a finding id `<checkId>/<namespace or _>/<name>[/<detail>]`. */
export function parseFindingId(id: string): { checkId: string; namespace?: string; name: string; detail?: string } {
  const [checkId = '', ns = '_', name = '', ...rest] = id.split('/');
  return { checkId, namespace: ns === '_' ? undefined : ns, name, detail: rest.length ? rest.join('/') : undefined };
}
