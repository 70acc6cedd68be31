/** What a run-to-completion pod (a Job's) does: succeed, fail as planted, or answer a DNS lookup. */
import type { KubeObject } from '../../cluster/view.ts';
import { GR, type ControllerApi } from './api.ts';
import { DNS_LOOKUP_ANNOTATION, type Plant } from './context.ts';
import { jobLines } from './container-logs.ts';
import { dnsLookup } from './dns-lookup.ts';
import { plantTable } from './plants.ts';
import { controllerOf } from './util.ts';

export interface ProgramResult {
  exitCode: number;
  lines: string[];
}

export function runProgram(pod: KubeObject, plant: Plant | undefined, api: ControllerApi): ProgramResult | 'running' {
  const container = ((pod.spec as { containers?: Array<{ name: string; image: string }> }).containers ?? [])[0] ?? { name: 'main', image: '' };
  const owner = controllerOf(pod);
  const job = owner?.kind === 'Job' ? api.get(GR.jobs, pod.metadata.namespace, owner.name) : undefined;
  const lookup = pod.metadata.annotations?.[DNS_LOOKUP_ANNOTATION] ?? job?.metadata.annotations?.[DNS_LOOKUP_ANNOTATION];
  if (lookup) {
    const result = dnsLookup(lookup, api);
    return { exitCode: result.ok ? 0 : 1, lines: result.lines };
  }
  // Planted on the Job itself, the failure belongs to the run present at load time; a re-run succeeds.
  const loadedAt = plantTable(api).loadedAt;
  const rerun = plant?.kind === 'Job' && job && loadedAt !== undefined && Date.parse(job.metadata.creationTimestamp ?? '') > Date.parse(loadedAt);
  if (plant?.fault === 'JobFailed' && !rerun) return { exitCode: 1, lines: jobLines(container, false, api.now(), plant.message) };
  return { exitCode: 0, lines: jobLines(container, true, api.now()) };
}
