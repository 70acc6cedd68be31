/**
 * Runs a built-in sandbox scenario to convergence on a hand-driven clock: a fresh store, the
 * scenario's objects, every simulated controller. Used by the scenario tests and anything else
 * that wants a populated sandbox without a server.
 */
import { buildClusterView, type ClusterView, type KubeObject } from '../../electron/core/cluster/view.ts';
import { startControllerManager, type ControllerManager } from '../../electron/core/sandbox/controllers/index.ts';
import { loadScenario, type ScenarioInfo } from '../../electron/core/sandbox/scenarios/index.ts';
import { createStore, seedCluster, type MemoryStore } from '../../electron/core/sandbox/store/index.ts';

export interface RunningScenario {
  info: ScenarioInfo;
  store: MemoryStore;
  manager: ControllerManager;
  clock: { now: Date };
  /** Advances the clock, re-evaluates time-driven state, waits for convergence. */
  tick(ms: number): Promise<void>;
  view(): ClusterView;
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  list(apiVersion: string, kind: string, namespace?: string): KubeObject[];
  logs(namespace: string, pod: string, container: string): string[];
  stop(): void;
}

export const SCENARIO_EPOCH = new Date('2026-11-22T10:00:00Z');

export async function runScenario(name: string, options: { settleMinutes?: number } = {}): Promise<RunningScenario> {
  const clock = { now: new Date(SCENARIO_EPOCH) };
  const store = createStore({ now: () => clock.now.toISOString().replace(/\.\d+Z$/, 'Z') });
  seedCluster(store);
  const info = loadScenario(name, store, { now: clock.now });
  const manager = startControllerManager(store, {
    now: () => clock.now,
    appendLog: (ns, pod, container, line) => store.logs.append(ns, pod, container, line, clock.now.toISOString()),
    restartLog: (ns, pod, container) => store.logs.restart(ns, pod, container),
    plants: info.plants,
    resyncIntervalMs: 0,
    onError(controller, key, error) {
      process.stderr.write(`controller ${controller} ${key}: ${error instanceof Error ? error.stack : String(error)}\n`);
    },
  });
  const tick = async (ms: number) => {
    clock.now = new Date(clock.now.getTime() + ms);
    manager.resync();
    await manager.settle();
  };
  await manager.settle();
  // Let time-driven state develop: image pull back-off, crash loops, cron schedules.
  for (let i = 0; i < (options.settleMinutes ?? 3); i++) await tick(60_000);
  const grOf = (apiVersion: string, kind: string) => {
    const t = store.resourceTypeForKind(apiVersion, kind);
    if (!t) throw new Error(`not served: ${apiVersion} ${kind}`);
    return { group: t.group, resource: t.resource };
  };
  return {
    info,
    store,
    manager,
    clock,
    tick,
    view() {
      const objects = store.resourceTypes().flatMap((t) => {
        try {
          return store.list({ group: t.group, resource: t.resource });
        } catch {
          return [];
        }
      });
      return buildClusterView(objects, { capturedAt: clock.now.toISOString(), source: { kind: 'fixture', name: `scenario ${name}` } });
    },
    get: (apiVersion, kind, namespace, n) => store.get(grOf(apiVersion, kind), namespace, n),
    list: (apiVersion, kind, namespace) => store.list(grOf(apiVersion, kind), namespace),
    logs: (ns, pod, container) => store.logs.read(ns, pod, container).map((l) => l.text),
    stop: () => manager.stop(),
  };
}
