/**
 * Sandbox scenarios: YAML data in resources/sandbox/scenarios/<name>.yaml that plants a
 * reference stack (and its faults) into a sandbox store. See resources/sandbox/scenarios/README.md
 * for the file format.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlantTable } from '../controllers/context.ts';
import type { SandboxStore } from '../store/types.ts';
import { applyScenario } from './apply.ts';
import { composeScenario } from './compose.ts';
import type { PlantedFault } from './schema.ts';

export { ScenarioFileSchema, FragmentFileSchema, PlantedFaultSchema, PlantSchema, type ScenarioFile, type PlantedFault } from './schema.ts';
export { ScenarioError, parseScenarioText } from './read.ts';
export { composeScenario, type ComposedScenario } from './compose.ts';

export interface ScenarioInfo {
  name: string;
  title: string;
  description: string;
  /** Stack profiles the scenario installs. */
  stacks: string[];
  /** What the controllers need: pass as ControllerContext.plants. */
  plants: PlantTable;
  /** The findings an inspection of this scenario must report (empty for a healthy one). */
  faults: PlantedFault[];
  /** How many objects were created (nodes not counted). */
  objectCount: number;
}

export interface ScenarioOptions {
  /** The application root (the repository, or the packaged app); default: found from this file. */
  appRoot?: string;
  /** The clock for `${now…}` tokens; default: now. */
  now?: Date;
}

export function scenariosDir(appRoot?: string): string {
  if (appRoot) return path.join(appRoot, 'resources', 'sandbox', 'scenarios');
  return fileURLToPath(new URL('../../../../resources/sandbox/scenarios/', import.meta.url));
}

/** Names of the built-in scenarios, sorted. */
export function listScenarios(options: ScenarioOptions = {}): string[] {
  return readdirSync(scenariosDir(options.appRoot))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** Validates the scenario and creates every object it lists in `store`. */
export function loadScenario(name: string, store: SandboxStore, options: ScenarioOptions = {}): ScenarioInfo {
  const now = options.now ?? new Date();
  const composed = composeScenario(scenariosDir(options.appRoot), name, now);
  const plants: PlantTable = { plants: composed.plants, ...(composed.mirror ? { mirror: composed.mirror } : {}), loadedAt: now.toISOString().replace(/\.\d+Z$/, 'Z') };
  const objectCount = applyScenario(store, composed, plants);
  return {
    name: composed.file.name,
    title: composed.file.title,
    description: composed.file.description,
    stacks: composed.file.stacks,
    plants,
    faults: composed.faults,
    objectCount,
  };
}
