import { patchChange } from '../changes.ts';
import { PlanError, profileOf, type Fix } from '../fix.ts';

interface SecretRef {
  name: string;
  namespace?: string;
}

/**
 * Environments whose pods lack the image pull secret: TronadorConfig `spec.secrets` lists Secrets
 * Tronador copies into every environment namespace, so the pull secret is added there.
 */
export const tronadorAddPullSecret: Fix = {
  id: 'tronador.add-pull-secret',
  title: 'Copy the pull secret into every environment (TronadorConfig secrets)',
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
    const ns = config.metadata.namespace;
    const listed = new Set((spec.secrets ?? []).map((s) => s.name));
    const adding = names.filter((n) => !listed.has(n));
    if (adding.length === 0) throw new PlanError(`TronadorConfig ${config.metadata.name} already lists ${names.join(', ')} in spec.secrets`);
    const missingSource = adding.filter((n) => !view.get('Secret', ns, n));
    if (missingSource.length) throw new PlanError(`Secret ${missingSource.join(', ')} is not in namespace ${ns}: create it there first (Tronador copies it from there)`);
    const change = patchChange(
      config,
      (d) => {
        const s = (d.spec ??= {}) as { secrets?: SecretRef[] };
        s.secrets = [...(s.secrets ?? []), ...adding.map((name) => ({ name, ...(ns ? { namespace: ns } : {}) }))];
      },
      `add ${adding.join(', ')} to TronadorConfig ${config.metadata.name} spec.secrets`,
    );
    return {
      changes: [change],
      explanation: `Tronador copies every Secret in TronadorConfig spec.secrets into each environment namespace; adding ${adding.join(', ')} puts the pull secret where the environment's pods can use it.`,
    };
  },
};
