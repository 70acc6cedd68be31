/**
 * Flux, as far as Tronador needs it: GitRepositories report a stored artifact (or, planted
 * BranchDeleted, the clone failure a merged pull request's deleted branch causes), and
 * HelmReleases install (Ready True / Released True) or fail as planted (InstallFailed). A
 * successful release deploys a small application: a Deployment and Service named after the
 * release, from the values' image.
 */
import type { KubeObject } from '../../cluster/view.ts';
import { GR, type ControllerApi } from './api.ts';
import { plantFor, plantTable } from './plants.ts';
import { primaryReconciler, sameGr } from './reconciler.ts';
import { conditionOf, fnv32a, keyOf, mergeConditions, status, type Condition, type Json } from './util.ts';

interface GitRepositorySpec {
  url?: string;
  ref?: { branch?: string; tag?: string; commit?: string };
}
interface HelmReleaseSpec {
  releaseName?: string;
  targetNamespace?: string;
  chart?: { spec?: { chart?: string; version?: string; sourceRef?: { kind?: string; name?: string; namespace?: string } } };
  values?: { image?: { repository?: string; tag?: string }; imagePullSecrets?: Array<{ name: string }>; replicaCount?: number; service?: { port?: number } };
}

const sha = (text: string) => [0, 1, 2, 3, 4].map((i) => fnv32a(`${text}#${i}`).toString(16).padStart(8, '0')).join('');

export const gitRepositoriesController = () =>
  primaryReconciler({
    name: 'flux-source',
    source: { component: 'source-controller' },
    primary: GR.gitrepositories,
    reconcile(repo, api) {
      const spec = (repo.spec ?? {}) as GitRepositorySpec;
      const branch = spec.ref?.branch ?? 'main';
      const plant = plantFor(plantTable(api), api.store, repo);
      const prev = status<Json>(repo);
      const now = api.nowIso();
      let ready: Condition;
      let artifact = prev.artifact as Json | undefined;
      const revision = `${branch}@sha1:${sha(`${spec.url}|${branch}`)}`;
      if (plant?.fault === 'BranchDeleted') {
        // The branch went away after a successful fetch: the last artifact stays served.
        artifact ??= { revision, lastUpdateTime: now };
        ready = { type: 'Ready', status: 'False', reason: 'GitOperationFailed', message: plant.message ?? `failed to checkout and determine revision: unable to clone '${spec.url}': couldn't find remote ref "refs/heads/${branch}"` };
      } else {
        if (!artifact || artifact.revision !== revision) {
          artifact = { path: `gitrepository/${repo.metadata.namespace}/${repo.metadata.name}/${sha(revision).slice(0, 12)}.tar.gz`, url: `http://source-controller.flux-system.svc.cluster.local./gitrepository/${repo.metadata.namespace}/${repo.metadata.name}/${sha(revision).slice(0, 12)}.tar.gz`, revision, digest: `sha256:${sha(revision)}${sha(revision).slice(0, 24)}`, lastUpdateTime: now, size: 48213 };
        }
        ready = { type: 'Ready', status: 'True', reason: 'Succeeded', message: `stored artifact for revision '${revision}'` };
      }
      const before = conditionOf(repo, 'Ready');
      api.setStatus(GR.gitrepositories, repo, {
        observedGeneration: repo.metadata.generation,
        conditions: mergeConditions(prev.conditions as Condition[] | undefined, [{ ...ready, observedGeneration: repo.metadata.generation }], now),
        ...(artifact ? { artifact } : {}),
      });
      if (before?.reason !== ready.reason) api.event(repo, ready.status === 'True' ? 'Normal' : 'Warning', ready.reason!, ready.message!);
    },
  });

function deployApplication(hr: KubeObject, api: ControllerApi): void {
  const spec = (hr.spec ?? {}) as HelmReleaseSpec;
  const ns = spec.targetNamespace ?? hr.metadata.namespace!;
  const name = spec.releaseName ?? hr.metadata.name;
  const image = spec.values?.image;
  if (!image?.repository) return;
  const labels = { 'app.kubernetes.io/name': spec.chart?.spec?.chart?.split('/').pop() ?? name, 'app.kubernetes.io/instance': name };
  const meta = {
    labels: { ...labels, 'app.kubernetes.io/managed-by': 'Helm', 'helm.toolkit.fluxcd.io/name': hr.metadata.name, 'helm.toolkit.fluxcd.io/namespace': hr.metadata.namespace! },
    annotations: { 'meta.helm.sh/release-name': name, 'meta.helm.sh/release-namespace': ns },
  };
  const port = spec.values?.service?.port ?? 8080;
  api.ensure(GR.deployments, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns, ...meta },
    spec: {
      replicas: spec.values?.replicaCount ?? 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          ...(spec.values?.imagePullSecrets?.length ? { imagePullSecrets: spec.values.imagePullSecrets } : {}),
          containers: [{ name: labels['app.kubernetes.io/name'], image: `${image.repository}:${image.tag ?? 'latest'}`, ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }] }],
        },
      },
    },
  });
  api.ensure(GR.services, { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns, ...meta }, spec: { type: 'ClusterIP', selector: labels, ports: [{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }] } });
}

export const helmReleasesController = () =>
  primaryReconciler({
    name: 'flux-helm',
    source: { component: 'helm-controller' },
    primary: GR.helmreleases,
    related: (event, store) =>
      sameGr(event.gr, GR.gitrepositories) && store.resourceType(GR.helmreleases)
        ? store
            .list(GR.helmreleases, event.object.metadata.namespace)
            .filter((hr) => (hr.spec as HelmReleaseSpec | undefined)?.chart?.spec?.sourceRef?.name === event.object.metadata.name)
            .map((hr) => keyOf(hr.metadata.namespace, hr.metadata.name))
        : [],
    reconcile(hr, api) {
      const spec = (hr.spec ?? {}) as HelmReleaseSpec;
      const ns = hr.metadata.namespace!;
      const name = spec.releaseName ?? hr.metadata.name;
      const chart = spec.chart?.spec ?? {};
      const plant = plantFor(plantTable(api), api.store, hr);
      const prev = status<Json>(hr);
      const now = api.nowIso();
      const sourceRef = chart.sourceRef ?? {};
      const source = sourceRef.kind === 'GitRepository' ? api.get(GR.gitrepositories, sourceRef.namespace ?? ns, sourceRef.name ?? '') : undefined;
      const installed = conditionOf(hr, 'Released')?.status === 'True';
      const helmChart = `${ns}/${ns}-${hr.metadata.name}`;
      const version = chart.version ?? '0.1.0';
      let conditions: Condition[];
      let extra: Json = {};
      if (plant?.fault === 'InstallFailed') {
        const message = plant.message ?? `Helm install failed for release ${ns}/${name} with chart ${chart.chart}@${version}: context deadline exceeded`;
        conditions = [
          { type: 'Ready', status: 'False', reason: 'InstallFailed', message },
          { type: 'Released', status: 'False', reason: 'InstallFailed', message },
        ];
        extra = { installFailures: 1, lastAttemptedRevision: version, lastAttemptedValuesChecksum: sha(JSON.stringify(spec.values ?? {})).slice(0, 40) };
      } else if (!installed && source && conditionOf(source, 'Ready')?.status !== 'True' && !status<Json>(source).artifact) {
        const message = `HelmChart '${helmChart}' is not ready: ${conditionOf(source, 'Ready')?.message ?? 'source not ready'}`;
        conditions = [{ type: 'Ready', status: 'False', reason: 'ArtifactFailed', message }];
      } else {
        deployApplication(hr, api);
        conditions = [
          { type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message: 'Release reconciliation succeeded' },
          { type: 'Released', status: 'True', reason: 'InstallSucceeded', message: 'Helm install succeeded' },
        ];
        extra = { lastAppliedRevision: version, lastAttemptedRevision: version, lastAttemptedValuesChecksum: sha(JSON.stringify(spec.values ?? {})).slice(0, 40), lastReleaseRevision: 1 };
      }
      const fresh = api.get(GR.helmreleases, ns, hr.metadata.name);
      if (!fresh) return;
      const before = conditionOf(fresh, 'Ready');
      api.setStatus(GR.helmreleases, fresh, {
        observedGeneration: fresh.metadata.generation,
        helmChart,
        ...extra,
        conditions: mergeConditions(prev.conditions as Condition[] | undefined, conditions.map((c) => ({ ...c, observedGeneration: fresh.metadata.generation })), now),
      });
      const ready = conditions[0]!;
      if (before?.reason !== ready.reason) api.event(fresh, ready.status === 'True' ? 'Normal' : 'Warning', ready.reason!, ready.message!);
    },
  });
