import type { Change } from '../../../../shared/model/repair.ts';
import type { ClusterView, KubeObject } from '../../cluster/view.ts';
import { patchChange } from '../changes.ts';
import { parseFindingId, PlanError, profileOf, type Fix } from '../fix.ts';

interface SecretRef {
  name: string;
  namespace?: string;
}

const ENV_KINDS = ['tronador.stakater.com/Environment', 'tronador.stakater.com/EnvironmentProvisioner'];

/** Tronador's rule: an environment deploys into spec.namespace, else the namespace named after it. */
function envNamespace(env: KubeObject): string {
  const spec = (env.spec ?? {}) as { namespace?: string; application?: { release?: { targetNamespace?: string } } };
  return spec.namespace ?? spec.application?.release?.targetNamespace ?? env.metadata.name;
}

function environmentFor(view: ClusterView, namespace: string | undefined): KubeObject | undefined {
  return ENV_KINDS.flatMap((k) => view.list(k)).find((e) => envNamespace(e) === namespace);
}

/**
 * Environments whose pods lack the image pull secret TronadorConfig maps to the repository. Two
 * edits, each only when needed: TronadorConfig `spec.secrets` gets the Secret (Tronador copies it
 * into every environment namespace), and the environment's release values get
 * `imagePullSecrets` (what the chart puts on its pods).
 */
export const tronadorAddPullSecret: Fix = {
  id: 'tronador.add-pull-secret',
  title: 'Give the environment its image pull secret',
  checks: ['tronador.pull-secret-missing'],
  plan(view, finding, ctx) {
    const configName = profileOf(finding, ctx.profiles)?.tronador?.configName ?? 'tronador-config';
    const configs = view.list('tronador.stakater.com/TronadorConfig');
    const config = configs.find((c) => c.metadata.name === configName) ?? configs[0];
    if (!config) throw new PlanError(`TronadorConfig ${configName} does not exist`);
    const spec = (config.spec ?? {}) as { mappings?: Array<{ imagePullSecret?: string | { name?: string } }>; secrets?: SecretRef[] };
    const mapped = (spec.mappings ?? []).map((m) => (typeof m.imagePullSecret === 'string' ? m.imagePullSecret : m.imagePullSecret?.name)).filter((n): n is string => !!n);
    const names = [...new Set([...mapped, ...(ctx.options.pullSecretName ? [ctx.options.pullSecretName] : [])])];
    if (names.length === 0) throw new PlanError(`TronadorConfig ${config.metadata.name} maps no imagePullSecret and no pull secret is configured for this site`);
    const changes: Change[] = [];
    const why: string[] = [];

    const ns = config.metadata.namespace;
    const listed = new Set((spec.secrets ?? []).map((s) => s.name));
    const adding = names.filter((n) => !listed.has(n));
    if (adding.length) {
      const missingSource = adding.filter((n) => !view.get('Secret', ns, n));
      if (missingSource.length) throw new PlanError(`Secret ${missingSource.join(', ')} is not in namespace ${ns}: create it there first (Tronador copies it from there)`);
      changes.push(
        patchChange(
          config,
          (d) => {
            const s = (d.spec ??= {}) as { secrets?: SecretRef[] };
            s.secrets = [...(s.secrets ?? []), ...adding.map((name) => ({ name, ...(ns ? { namespace: ns } : {}) }))];
          },
          `add ${adding.join(', ')} to TronadorConfig ${config.metadata.name} spec.secrets`,
        ),
      );
      why.push(`Tronador copies every Secret in TronadorConfig spec.secrets into each environment namespace; ${adding.join(', ')} is added there.`);
    }

    const env = environmentFor(view, parseFindingId(finding.id).namespace);
    if (env) {
      const values = ((env.spec as { application?: { release?: { values?: { imagePullSecrets?: Array<{ name: string }> } } } } | undefined)?.application?.release?.values ?? {}) as { imagePullSecrets?: Array<{ name: string }> };
      const has = new Set((values.imagePullSecrets ?? []).map((s) => s.name));
      const lacking = names.filter((n) => !has.has(n));
      if (lacking.length) {
        changes.push(
          patchChange(
            env,
            (d) => {
              const app = (((d.spec ??= {}) as Record<string, unknown>).application ??= {}) as Record<string, unknown>;
              const release = (app.release ??= {}) as Record<string, unknown>;
              const v = (release.values ??= {}) as { imagePullSecrets?: Array<{ name: string }> };
              v.imagePullSecrets = [...(v.imagePullSecrets ?? []), ...lacking.map((name) => ({ name }))];
            },
            `add imagePullSecrets ${lacking.join(', ')} to the release values of ${env.kind} ${env.metadata.name}`,
          ),
        );
        why.push(`${env.kind} ${env.metadata.name}'s release values get imagePullSecrets ${lacking.join(', ')}, so its chart puts them on the pods.`);
      }
    }
    if (changes.length === 0) throw new PlanError(`TronadorConfig already copies ${names.join(', ')} and the environment's values already reference it`);
    return { changes, explanation: why.join(' ') };
  },
};
