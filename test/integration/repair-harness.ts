import fs from 'node:fs';
import { parse } from 'yaml';
import os from 'node:os';
import path from 'node:path';
import { buildClusterView, type ClusterView, type KubeObject } from '../../electron/core/cluster/view.ts';
import { KubeClient } from '../../electron/core/cluster/kube-client.ts';
import { loadKubeconfig } from '../../electron/core/cluster/kubeconfig-load.ts';
import { resolveContext } from '../../electron/core/cluster/resolve-context.ts';
import { inspect } from '../../electron/core/inspect/index.ts';
import { createRepairService, type RepairService, type RepairServiceOptions } from '../../electron/core/repair/index.ts';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/index.ts';
import { loadBuiltinProfiles } from '../../electron/core/stacks/load.ts';
import type { Finding } from '../../shared/model/finding.ts';
import type { StackProfile } from '../../shared/model/profile.ts';

/**
 * A sandbox cluster plus a repair service talking to it over HTTPS with the real cluster client,
 * the real inspection checks and the built-in profiles: what the console does, minus the UI.
 */
export interface RepairRig {
  sandbox: Sandbox;
  client: KubeClient;
  service: RepairService;
  profiles: StackProfile[];
  dir: string;
  home: string;
  view(): Promise<ClusterView>;
  findings(): Promise<Finding[]>;
  /** Creates objects straight in the sandbox's store (the cluster as it was installed). */
  seed(...objects: KubeObject[]): void;
  /** Serves a CRD fragment of the sandbox scenarios (cert-manager, flux-tronador, traefik, testkube). */
  seedCrds(fragment: string): void;
  /** Plants sandbox faults by name (kube-system/sandbox-scenario plants.json), replacing earlier ones. */
  plant(plants: Array<{ kind: string; namespace?: string; name: string; fault: string }>, mirror?: { host: string; images: string[] }): Promise<void>;
  /** The live object, read through the API. */
  get(path: string): Promise<KubeObject>;
  newService(home: string, extra?: Partial<RepairServiceOptions>): RepairService;
  close(): Promise<void>;
}

export function viewOfStore(sandbox: Sandbox): ClusterView {
  const types = sandbox.store.resourceTypes();
  const objects = types.flatMap((t) => sandbox.store.list({ group: t.group, resource: t.resource }));
  // Every served kind was listed, empty or not (a live source says the same).
  const kindStates = Object.fromEntries(types.map((t) => [t.group ? `${t.group}/${t.kind}` : t.kind, { state: 'listed' as const }]));
  return buildClusterView(objects, { source: { kind: 'live', name: 'sandbox' }, kindStates });
}

export async function startRig(extra: Partial<RepairServiceOptions> = {}, rigOptions: { controllers?: boolean } = {}): Promise<RepairRig> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-repair-'));
  const sandbox = await startSandbox({ controllers: rigOptions.controllers ?? false, kubeconfigOut: path.join(dir, 'kubeconfig') });
  const clients: KubeClient[] = [];
  const clientFor = () => {
    const c = new KubeClient(resolveContext(loadKubeconfig({ KUBECONFIG: sandbox.kubeconfigPath }), 'sandbox'), { env: {} });
    clients.push(c);
    return c;
  };
  const client = clientFor();
  const profiles = loadBuiltinProfiles();
  const view = async () => viewOfStore(sandbox);
  const runChecks = (v: ClusterView, p: readonly StackProfile[]) => inspect(v, p).findings;
  const home = path.join(dir, 'home-a');
  const newService = (h: string, more: Partial<RepairServiceOptions> = {}) =>
    createRepairService({
      client: clientFor(),
      home: h,
      context: 'sandbox',
      viewProvider: view,
      profiles,
      runChecks,
      options: { verifyTimeoutMs: 10_000, verifyIntervalMs: 50, dnsLookupTimeoutMs: 5_000 },
      ...extra,
      ...more,
    });
  const seed = (...objects: KubeObject[]) => {
    for (const o of objects) {
      const type = sandbox.store.resourceTypeForKind(o.apiVersion, o.kind);
      if (!type) throw new Error(`sandbox does not serve ${o.apiVersion} ${o.kind}`);
      sandbox.store.create({ group: type.group, resource: type.resource }, structuredClone(o));
    }
  };
  return {
    sandbox,
    client,
    profiles,
    dir,
    home,
    service: newService(home),
    view,
    findings: async () => runChecks(await view(), profiles) as Finding[],
    seed,
    seedCrds(fragment) {
      const file = new URL(`../../resources/sandbox/scenarios/fragments/crds-${fragment}.yaml`, import.meta.url);
      seed(...(parse(fs.readFileSync(file, 'utf8')) as { objects: KubeObject[] }).objects);
    },
    async plant(plants, mirror) {
      const path = '/api/v1/namespaces/kube-system/configmaps/sandbox-scenario';
      const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'sandbox-scenario', namespace: 'kube-system' }, data: { 'plants.json': JSON.stringify({ plants, ...(mirror ? { mirror } : {}) }) } };
      try {
        await client.request({ method: 'PUT', path, body });
      } catch {
        await client.request({ method: 'POST', path: '/api/v1/namespaces/kube-system/configmaps', body });
      }
    },
    get: (p) => client.request<KubeObject>({ path: p }),
    newService,
    async close() {
      for (const c of clients) c.close();
      await sandbox.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * An object as a person compares it: without what the server sets on every write, and (with
 * `withoutStatus`) without what controllers keep moving (status, the Deployment revision).
 */
export function comparable(obj: KubeObject, withoutStatus = false): unknown {
  const copy = structuredClone(obj) as KubeObject;
  for (const k of ['resourceVersion', 'managedFields', 'creationTimestamp', 'generation', 'uid']) delete (copy.metadata as Record<string, unknown>)[k];
  if (withoutStatus) {
    delete (copy as Record<string, unknown>).status;
    delete copy.metadata.annotations?.['deployment.kubernetes.io/revision'];
    if (copy.metadata.annotations && Object.keys(copy.metadata.annotations).length === 0) delete copy.metadata.annotations;
  }
  return copy;
}

/** Polls until `probe` returns a value (controllers work asynchronously); fails after `ms`. */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
