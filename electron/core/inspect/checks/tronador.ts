import type { KubeObject } from '../../cluster/view.ts';
import type { Finding } from '../../../../shared/model/finding.ts';
import { evidence, finding, forbiddenFinding } from '../finding.ts';
import { ageMs, arr, condition, conditions, containerStates, field, ownerWorkloadName, str } from '../kube.ts';
import type { Check, CheckContext } from '../types.ts';

/**
 * Tronador dynamic test environments: each Environment (v1alpha2) or EnvironmentProvisioner
 * (v1alpha1) becomes a namespace and a Flux HelmRelease. Their status schema is undocumented,
 * so readiness is read from the HelmRelease Ready condition (and the CR's own, when present).
 */

const ENV_KINDS = ['tronador.stakater.com/Environment', 'tronador.stakater.com/EnvironmentProvisioner'];
const HR_KINDS = ['helm.toolkit.fluxcd.io/HelmRelease', 'helm.fluxcd.io/HelmRelease'];
const DAY = 86_400_000;

/** The namespace an environment deploys into: as its status or spec names it, else (Tronador's rule) its own name. */
const envNamespace = (env: KubeObject) => str(field(env, 'status', 'namespace')) ?? str(field(env, 'spec', 'namespace')) ?? str(field(env, 'spec', 'application', 'release', 'targetNamespace')) ?? env.metadata.name;

function releasesOf(ctx: CheckContext, env: KubeObject): KubeObject[] {
  const ns = envNamespace(env);
  const releaseName = str(field(env, 'spec', 'application', 'release', 'releaseName'));
  const out = new Map<string, KubeObject>();
  for (const kind of HR_KINDS) {
    for (const hr of ctx.view.list(kind)) {
      const labelled = Object.entries(hr.metadata.labels ?? {}).some(([k, v]) => k.includes('tronador') && v === env.metadata.name);
      if (hr.metadata.namespace === ns || labelled || (releaseName !== undefined && hr.metadata.name === releaseName)) out.set(`${hr.metadata.namespace}/${hr.metadata.name}`, hr);
    }
  }
  return [...out.values()];
}

/** The most recent sign of reconciliation on the environment or its releases. */
function lastActivity(env: KubeObject, releases: KubeObject[]): string | undefined {
  const stamps = [env, ...releases].flatMap((o) => [
    ...conditions(o).map((c) => c.lastTransitionTime),
    str(field(o, 'status', 'lastHandledReconcileAt')),
    str(field(o, 'status', 'lastReconcileTime')),
  ]);
  return stamps.filter((s): s is string => !!s && !Number.isNaN(Date.parse(s))).sort().at(-1);
}

/** The environment's Flux GitRepository when it reports that its branch is gone (merged or closed pull request). */
function branchGone(ctx: CheckContext, env: KubeObject): KubeObject | undefined {
  const ns = envNamespace(env);
  return ctx.view.list('source.toolkit.fluxcd.io/GitRepository', ns).find((repo) => {
    const ready = condition(repo, 'Ready');
    return ready?.status === 'False' && /couldn't find remote ref|remote ref.*not found|reference not found|branch .* not found/i.test(ready.message ?? '');
  });
}

function pullSecretsRequired(ctx: CheckContext): { names: string[]; config?: KubeObject } {
  const configName = ctx.inst.profile.tronador?.configName ?? 'tronador-config';
  const configs = ctx.view.list('tronador.stakater.com/TronadorConfig');
  const config = configs.find((c) => c.metadata.name === configName) ?? configs[0];
  const names = arr(field(config, 'spec', 'mappings')).flatMap((m) => {
    const s = field(m, 'imagePullSecret');
    const name = typeof s === 'string' ? s : str(field(s, 'name'));
    return name ? [name] : [];
  });
  return { names: [...new Set(names)], config };
}

function environmentFindings(ctx: CheckContext, env: KubeObject, required: { names: string[]; config?: KubeObject }): Finding[] {
  const out: Finding[] = [];
  const releases = releasesOf(ctx, env);
  const base = { component: 'environments' };
  for (const hr of releases) {
    const ready = condition(hr, 'Ready');
    if (!ready || ready.status === 'True') continue;
    out.push(
      finding(ctx, {
        ...base,
        checkId: 'tronador.release-not-ready',
        severity: 'error',
        namespace: hr.metadata.namespace,
        name: hr.metadata.name,
        title: `HelmRelease ${hr.metadata.name} of environment ${env.metadata.name} is not ready`,
        explanation: `${ready.reason ?? 'NotReady'}: ${ready.message ?? ''} The environment's application is not deployed; Flux retries (install remediation) until the chart or its values are fixed.`,
        evidence: [evidence(hr, 'status.conditions', ready), evidence(env, 'metadata.name', env.metadata.name)],
      }),
    );
  }
  const envReady = condition(env, 'Ready');
  const appStatus = str(field(env, 'status', 'applicationStatus'));
  const failed = (envReady?.status === 'False' || (appStatus !== undefined && appStatus !== 'deployed')) && !out.length;
  if (failed) {
    out.push(
      finding(ctx, {
        ...base,
        checkId: 'tronador.release-not-ready',
        severity: 'error',
        namespace: undefined,
        name: env.metadata.name,
        title: `${env.kind} ${env.metadata.name} is not ready`,
        explanation: envReady?.status === 'False' ? `${envReady.reason ?? 'NotReady'}: ${envReady.message ?? ''}` : `applicationStatus is ${appStatus}: ${str(field(env, 'status', 'applicationStatusMsg')) ?? ''}`,
        evidence: [evidence(env, 'status', field(env, 'status') ?? {})],
      }),
    );
  }

  const staleDays = ctx.options.tronadorStaleDays ?? ctx.inst.profile.tronador?.staleAfterDays ?? 7;
  const created = ageMs(ctx.now, env.metadata.creationTimestamp) ?? 0;
  const last = lastActivity(env, releases);
  const idle = ageMs(ctx.now, last) ?? created;
  const gone = branchGone(ctx, env);
  // A deleted branch is stale at once; otherwise age and inactivity decide.
  const stale = gone
    ? {
        title: `Environment ${env.metadata.name}: its branch no longer exists`,
        explanation: `GitRepository ${gone.metadata.namespace}/${gone.metadata.name} cannot fetch its branch (${condition(gone, 'Ready')?.message ?? ''}). The pull request was merged or closed; remove the Environment from the GitOps repository so it is pruned.`,
        evidence: [evidence(gone, 'status.conditions', condition(gone, 'Ready') ?? {}), evidence(env, 'metadata.name', env.metadata.name)],
      }
    : created > staleDays * DAY && idle > staleDays * DAY
      ? {
          title: `Environment ${env.metadata.name} looks stale (${Math.floor(created / DAY)} days old)`,
          explanation: `Created ${env.metadata.creationTimestamp}, last reconciled ${last ?? 'never'}: older than ${staleDays} days with no recent activity. Its pull request is probably closed; remove the CR from the GitOps repository so the environment is pruned.`,
          evidence: [evidence(env, 'metadata.creationTimestamp', { creationTimestamp: env.metadata.creationTimestamp, lastActivity: last ?? null })],
        }
      : undefined;
  if (stale) {
    out.push(finding(ctx, { ...base, checkId: 'tronador.stale-environment', severity: 'warning', namespace: undefined, name: env.metadata.name, fixId: 'tronador.remove-stale', ...stale }));
  }

  out.push(...pullSecretFindings(ctx, env, required));
  return out;
}

/** Pods in the environment's namespace lacking the pull secrets TronadorConfig maps to the repository. */
function pullSecretFindings(ctx: CheckContext, env: KubeObject, required: { names: string[]; config?: KubeObject }): Finding[] {
  const out: Finding[] = [];
  const base = { component: 'environments' };
  const ns = envNamespace(env);
  const seen = new Set<string>();
  for (const p of ctx.view.list('Pod', ns)) {
    const has = arr(field(p, 'spec', 'imagePullSecrets')).map((s) => str(field(s, 'name')));
    const pulling = containerStates(p).some((s) => s.waiting?.reason === 'ImagePullBackOff' || s.waiting?.reason === 'ErrImagePull');
    const lacking = required.names.filter((n) => !has.includes(n));
    const missing = required.names.length > 0 ? lacking.length === required.names.length : pulling && has.length === 0;
    if (!missing) continue;
    const workload = ownerWorkloadName(p);
    if (seen.has(workload)) continue;
    seen.add(workload);
    const absent = required.names.filter((n) => !ctx.view.get('Secret', ns, n));
    out.push(
      finding(ctx, {
        ...base,
        checkId: 'tronador.pull-secret-missing',
        severity: pulling ? 'error' : 'warning',
        namespace: ns,
        name: workload,
        title: `${workload} in environment ${env.metadata.name} has no image pull secret`,
        explanation:
          `${required.names.length ? `TronadorConfig ${required.config?.metadata.name} lists ${required.names.join(', ')}, but pod ${p.metadata.name} uses ${has.length ? has.join(', ') : 'none'}.` : `Pod ${p.metadata.name} cannot pull its image and has no imagePullSecrets; no TronadorConfig mapping provides one.`}` +
          `${absent.length ? ` Secret ${absent.join(', ')} is not in namespace ${ns}; add it to TronadorConfig spec.secrets so it is copied into every environment.` : ''}`,
        evidence: [evidence(p, 'spec.imagePullSecrets', has), ...(required.config ? [evidence(required.config, 'spec.mappings', field(required.config, 'spec', 'mappings'))] : [])],
        fixId: 'tronador.add-pull-secret',
      }),
    );
  }
  return out;
}

export const tronadorCheck: Check = {
  area: 'tronador',
  checkIds: ['tronador.release-not-ready', 'tronador.stale-environment', 'tronador.pull-secret-missing'],
  run(ctx) {
    if (!ctx.inst.profile.tronador) return [];
    const out: Finding[] = [];
    const required = pullSecretsRequired(ctx);
    for (const kind of ENV_KINDS) {
      const forbidden = forbiddenFinding(ctx, kind, 'Tronador environments');
      if (forbidden) out.push(forbidden);
      for (const env of ctx.view.list(kind)) out.push(...environmentFindings(ctx, env, required));
    }
    return out;
  },
};
