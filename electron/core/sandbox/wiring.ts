import type { MemoryStore } from './store/index.ts';

/**
 * Hooks to the simulated controllers (electron/core/sandbox/controllers/) and scenarios
 * (electron/core/sandbox/scenarios/, not written yet: `applyScenario` is the hook to wire to
 * its `loadScenario(name, store)`).
 */

/** Starts the controllers; returns their stop function. */
export async function attachControllers(store: MemoryStore, resyncIntervalMs?: number): Promise<() => void> {
  // Loaded on demand: a sandbox started without controllers does not load them (nor their X.509 code).
  const { startControllers } = await import('./controllers/index.ts');
  return startControllers(store, {
    now: () => new Date(),
    appendLog: (namespace, pod, container, line) => store.logs.append(namespace, pod, container, line),
    restartLog: (namespace, pod, container) => store.logs.restart(namespace, pod, container),
    plants: { plants: [] },
    ...(resyncIntervalMs !== undefined ? { resyncIntervalMs } : {}),
  });
}

/** Loads a named scenario into a fresh store. */
export async function applyScenario(name: string, _store: MemoryStore): Promise<void> {
  throw new Error(`sandbox scenario "${name}" cannot be loaded: no scenarios module is wired yet (electron/core/sandbox/wiring.ts)`);
}
