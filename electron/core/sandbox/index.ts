import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureCertificates } from './server/certs.ts';
import { startApiServer } from './server/api-server.ts';
import { Faults, type FaultConfig } from './server/faults.ts';
import { renderKubeconfig } from './server/kubeconfig.ts';
import { trackUpdate } from './server/patch-engine.ts';
import { createStore, loadState, persistState, seedCluster, type MemoryStore, type Persistence } from './store/index.ts';
import type { PlantTable } from './controllers/context.ts';
import { attachControllers, applyScenario } from './wiring.ts';

export type { FaultConfig, DenyRule, ErrorFault, ThrottleFault } from './server/faults.ts';
export { Faults } from './server/faults.ts';
export { BACKEND_ANNOTATION } from './server/proxy.ts';
export type { MemoryStore } from './store/index.ts';

export interface SandboxOptions {
  port?: number;
  host?: '127.0.0.1';
  /** Objects, certificates and the token persist here, and are reloaded on the next start. */
  stateDir?: string;
  /** Where to write the kubeconfig (default: <stateDir>/kubeconfig, or a temp file). */
  kubeconfigOut?: string;
  scenario?: string;
  faults?: FaultConfig;
  /** Run the simulated controllers (default true). */
  controllers?: boolean;
  /** Interval of BOOKMARK events on watches that allow them (default 60 s, as a real server). */
  bookmarkIntervalMs?: number;
  /** Events kept for watch resumption before 410 Gone (default 10,000). */
  eventLogSize?: number;
}

export interface Sandbox {
  url: string;
  kubeconfigPath: string;
  kubeconfig: string;
  token: string;
  store: MemoryStore;
  faults: Faults;
  appendLog(namespace: string, pod: string, container: string, line: string): void;
  close(): Promise<void>;
}

function loadOrCreateToken(stateDir: string | undefined): string {
  if (!stateDir) return randomBytes(24).toString('hex');
  const file = path.join(stateDir, 'token');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const token = randomBytes(24).toString('hex');
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    return token;
  }
}

/** Starts the sandbox cluster: store, HTTPS API server, kubeconfig, and (when present) controllers and a scenario. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const stateDir = options.stateDir && path.resolve(options.stateDir);
  if (stateDir) mkdirSync(stateDir, { recursive: true });
  const store = createStore({ trackUpdate, ...(options.eventLogSize ? { eventLogSize: options.eventLogSize } : {}) });
  const restored = stateDir ? loadState(store, stateDir) : false;
  seedCluster(store);

  // A scenario plants objects once, before anything listens (a bad name fails here, leaving nothing running);
  // its plant table (what the controllers simulate) is kept with the state.
  let plants: PlantTable = { plants: [] };
  const plantsFile = stateDir && path.join(stateDir, 'plants.json');
  if (options.scenario && !restored) {
    plants = await applyScenario(options.scenario, store);
    if (plantsFile) writeFileSync(plantsFile, JSON.stringify(plants));
  } else if (restored && plantsFile && existsSync(plantsFile)) {
    plants = JSON.parse(readFileSync(plantsFile, 'utf8')) as PlantTable;
  }
  const persistence: Persistence | undefined = stateDir ? persistState(store, stateDir) : undefined;

  const certs = ensureCertificates(stateDir ? path.join(stateDir, 'pki') : undefined);
  const token = loadOrCreateToken(stateDir);
  const faults = new Faults(options.faults ?? {});
  const server = await startApiServer({
    store,
    faults,
    token,
    certs,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    ...(options.bookmarkIntervalMs ? { bookmarkIntervalMs: options.bookmarkIntervalMs } : {}),
  });

  let stopControllers: (() => void) | undefined;
  let kubeconfig: string;
  let kubeconfigPath: string;
  try {
    kubeconfig = renderKubeconfig(server.url, token, certs);
    kubeconfigPath = path.resolve(
      options.kubeconfigOut ?? (stateDir ? path.join(stateDir, 'kubeconfig') : path.join(os.tmpdir(), `groundcrew-sandbox-${process.pid}-${server.port}.kubeconfig`)),
    );
    mkdirSync(path.dirname(kubeconfigPath), { recursive: true });
    writeFileSync(`${kubeconfigPath}.tmp`, kubeconfig, { mode: 0o600 });
    renameSync(`${kubeconfigPath}.tmp`, kubeconfigPath);
    if (options.controllers !== false) stopControllers = await attachControllers(store, plants);
  } catch (err) {
    await server.close();
    persistence?.close();
    throw err;
  }

  let closed = false;
  return {
    url: server.url,
    kubeconfigPath,
    kubeconfig,
    token,
    store,
    faults,
    appendLog: (namespace, pod, container, line) => store.logs.append(namespace, pod, container, line),
    async close() {
      if (closed) return;
      closed = true;
      stopControllers?.();
      await server.close();
      persistence?.close();
    },
  };
}
