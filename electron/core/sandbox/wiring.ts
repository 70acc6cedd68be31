import type { PlantTable } from './controllers/context.ts';
import type { MemoryStore } from './store/index.ts';

/**
 * Hooks to the simulated controllers (electron/core/sandbox/controllers/) and scenarios
 * (electron/core/sandbox/scenarios/). Both load on demand, so a sandbox started without them
 * (most tests) does not load their code.
 */

/** Starts the controllers with a scenario's plant table; returns their stop function. */
export async function attachControllers(store: MemoryStore, plants: PlantTable = { plants: [] }, resyncIntervalMs?: number): Promise<() => void> {
  const { startControllers } = await import('./controllers/index.ts');
  return startControllers(store, {
    now: () => new Date(),
    appendLog: (namespace, pod, container, line) => store.logs.append(namespace, pod, container, line),
    restartLog: (namespace, pod, container) => store.logs.restart(namespace, pod, container),
    plants,
    ...(resyncIntervalMs !== undefined ? { resyncIntervalMs } : {}),
  });
}

/** Loads a named scenario into the store (objects may precede their namespaces while it runs); returns its plant table. */
export async function applyScenario(name: string, store: MemoryStore): Promise<PlantTable> {
  const { loadScenario } = await import('./scenarios/index.ts');
  store.bootstrapping = true;
  try {
    return loadScenario(name, store).plants;
  } finally {
    store.bootstrapping = false;
  }
}
