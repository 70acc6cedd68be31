import type { MemoryStore } from './store/index.ts';

/**
 * Hooks to the simulated controllers and scenarios (electron/core/sandbox/controllers/ and
 * scenarios/). They are wired here once those modules export
 * `startControllers(store, ctx): () => void` and `loadScenario(name, store)`.
 */

/** Starts the controllers; returns their stop function. No controllers yet: nothing to stop. */
export async function attachControllers(_store: MemoryStore): Promise<(() => void) | undefined> {
  return undefined;
}

/** Loads a named scenario into a fresh store. */
export async function applyScenario(name: string, _store: MemoryStore): Promise<void> {
  throw new Error(`sandbox scenario "${name}" cannot be loaded: no scenarios module is wired yet (electron/core/sandbox/wiring.ts)`);
}
