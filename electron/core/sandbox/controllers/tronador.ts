/**
 * Tronador: an Environment (tronador.stakater.com/v1alpha2, cluster-scoped) becomes a namespace
 * (named after the Environment) holding a Flux GitRepository and HelmRelease `dte-<branch>`,
 * plus copies of the Secrets TronadorConfig lists; its status mirrors the HelmRelease's Ready
 * condition. The deprecated EnvironmentProvisioner (v1alpha1) gets a namespace and the
 * applicationStatus fields its docs show.
 */
import type { KubeObject } from '../../cluster/view.ts';
import { GR, type ControllerApi } from './api.ts';
import { plantFor, plantTable } from './plants.ts';
import { primaryReconciler, sameGr } from './reconciler.ts';
import { conditionOf, controllerOf, mergeConditions, ownerRef, status, type Condition, type Json } from './util.ts';

export const TRONADOR_NAMESPACE = 'tronador';
export const TRONADOR_CONFIG = 'tronador-config';
const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'tronador.stakater.com' };

interface EnvironmentSpec {
  application?: { gitRepository?: Json & { ref?: { branch?: string } }; release?: Json & { chart?: { spec?: Json } } };
  namespaceLabels?: Record<string, string>;
}

const branchName = (b: string) => b.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'main';

function ensureNamespace(api: ControllerApi, name: string, labels: Record<string, string>, owner: KubeObject): void {
  const existing = api.get(GR.namespaces, undefined, name);
  if (existing?.metadata.deletionTimestamp) return;
  api.ensure(GR.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { ...labels, ...MANAGED_BY, 'kubernetes.io/metadata.name': name }, ownerReferences: [ownerRef(owner)] } });
}

/** TronadorConfig `secrets[]`: copied into every environment namespace. */
function copyConfiguredSecrets(api: ControllerApi, namespace: string): void {
  const config = api.get({ group: 'tronador.stakater.com', resource: 'tronadorconfigs' }, TRONADOR_NAMESPACE, TRONADOR_CONFIG);
  const wanted = ((config?.spec as { secrets?: Array<{ name: string; namespace?: string }> } | undefined)?.secrets ?? []);
  for (const ref of wanted) {
    const source = api.get(GR.secrets, ref.namespace ?? TRONADOR_NAMESPACE, ref.name);
    if (!source) continue;
    api.ensure(GR.secrets, { apiVersion: 'v1', kind: 'Secret', metadata: { name: ref.name, namespace, labels: { ...MANAGED_BY } }, type: source.type, data: source.data } as KubeObject);
  }
}

export const environmentsController = () =>
  primaryReconciler({
    name: 'tronador-environment',
    source: { component: 'tronador' },
    primary: GR.environments,
    related: (event, store) => {
      if (!sameGr(event.gr, GR.helmreleases) || !store.resourceType(GR.environments)) return [];
      const owner = controllerOf(event.object);
      return owner?.kind === 'Environment' ? [owner.name] : [];
    },
    reconcile(env, api) {
      const spec = (env.spec ?? {}) as EnvironmentSpec;
      const ns = env.metadata.name;
      const git = spec.application?.gitRepository ?? {};
      const branch = branchName(git.ref?.branch ?? 'main');
      const name = `dte-${branch}`;
      ensureNamespace(api, ns, spec.namespaceLabels ?? {}, env);
      copyConfiguredSecrets(api, ns);
      if (api.served(GR.gitrepositories)) {
        api.ensure(GR.gitrepositories, {
          apiVersion: 'source.toolkit.fluxcd.io/v1beta2',
          kind: 'GitRepository',
          metadata: { name, namespace: ns, labels: { ...MANAGED_BY }, ownerReferences: [ownerRef(env)] },
          spec: { interval: '1m0s', timeout: '60s', ...git },
        });
      }
      const release = spec.application?.release ?? {};
      let hr: KubeObject | undefined;
      if (api.served(GR.helmreleases)) {
        hr = api.ensure(GR.helmreleases, {
          apiVersion: 'helm.toolkit.fluxcd.io/v2beta1',
          kind: 'HelmRelease',
          metadata: { name, namespace: ns, labels: { ...MANAGED_BY }, ownerReferences: [ownerRef(env)] },
          spec: {
            interval: '1m0s',
            install: { remediation: { retries: 60 } },
            ...release,
            chart: { spec: { ...(release.chart?.spec ?? {}), sourceRef: { kind: 'GitRepository', name, namespace: ns } } },
          },
        });
      }
      const hrReady = hr ? conditionOf(hr, 'Ready') : undefined;
      const ready: Condition = hrReady
        ? { type: 'Ready', status: hrReady.status, reason: hrReady.reason, message: hrReady.message }
        : { type: 'Ready', status: 'Unknown', reason: 'Progressing', message: `waiting for HelmRelease ${ns}/${name}` };
      const prev = status<Json>(env);
      api.setStatus(GR.environments, env, {
        conditions: mergeConditions(prev.conditions as Condition[] | undefined, [ready], api.nowIso()),
        namespace: ns,
        helmRelease: name,
        observedGeneration: env.metadata.generation,
      });
    },
  });

export const environmentProvisionersController = () =>
  primaryReconciler({
    name: 'tronador-provisioner',
    source: { component: 'tronador' },
    primary: GR.environmentprovisioners,
    reconcile(ep, api) {
      const labels = ((ep.spec as { namespaceLabels?: Record<string, string> } | undefined)?.namespaceLabels) ?? {};
      ensureNamespace(api, ep.metadata.name, labels, ep);
      copyConfiguredSecrets(api, ep.metadata.name);
      const plant = plantFor(plantTable(api), api.store, ep);
      const failed = plant?.fault === 'InstallFailed';
      api.setStatus(GR.environmentprovisioners, ep, {
        applicationStatus: failed ? 'failed' : 'deployed',
        applicationStatusMsg: failed ? (plant!.message ?? 'Helm install failed: context deadline exceeded') : 'Application deployed successfully',
        currentPhase: 'Waiting For Next Reconciliation Loop',
        namespaceLabels: labels,
      });
    },
  });
