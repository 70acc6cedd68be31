/**
 * Turns a scenario file into the final object list: the scenario it extends first, then its
 * fragment files, then its own objects (same identity replaces), then patches and removals,
 * with `${now}` / `${now-2h}` / `${now+30d}` time tokens expanded.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { KubeObject } from '../../cluster/view.ts';
import type { MirrorRegistry, Plant } from '../controllers/context.ts';
import { readFragmentFile, readScenarioFile, ScenarioError } from './read.ts';
import type { ObjectRef, PlantedFault, ScenarioFile } from './schema.ts';

export interface ScenarioNode {
  name: string;
  labels: Record<string, string>;
  capacity?: Record<string, string>;
  controlPlane: boolean;
}

export interface ComposedScenario {
  file: ScenarioFile;
  path: string;
  nodes: ScenarioNode[];
  mirror?: MirrorRegistry;
  objects: Array<{ object: KubeObject; source: string }>;
  plants: Plant[];
  faults: PlantedFault[];
}

const DEFAULT_NODES: ScenarioNode[] = [{ name: 'sandbox-control-plane', labels: {}, controlPlane: true }];

export const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');
const identity = (o: KubeObject) => `${groupOf(o.apiVersion)}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const refMatches = (o: KubeObject, ref: ObjectRef) => o.kind === ref.kind && o.metadata.name === ref.name && (o.metadata.namespace ?? undefined) === (ref.namespace ?? undefined);

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Replaces `${now}`, `${now-2h}`, `${now+30d}` in every string. */
export function expandTimes<T>(value: T, now: Date): T {
  if (typeof value === 'string') {
    return value.replace(/\$\{now(?:([+-])(\d+)([smhd]))?\}/g, (_m, sign: string | undefined, n: string | undefined, unit: string | undefined) => {
      const offset = sign ? (sign === '-' ? -1 : 1) * Number(n) * UNITS[unit!]! : 0;
      return new Date(now.getTime() + offset).toISOString().replace(/\.\d+Z$/, 'Z');
    }) as T;
  }
  if (Array.isArray(value)) return value.map((v) => expandTimes(v, now)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandTimes(v, now)])) as T;
  return value;
}

function registryOf(spec: ScenarioFile, inherited: MirrorRegistry | undefined, file: string): MirrorRegistry | undefined {
  const r = spec.registry;
  if (!r) return inherited;
  const host = r.mirror ?? inherited?.host;
  if (!host) throw new ScenarioError('registry.mirror is required (no scenario to inherit it from)', file);
  const airGapped = r.airGapped ?? inherited?.airGapped;
  return { host, images: r.images ?? inherited?.images ?? [], ...(airGapped !== undefined ? { airGapped } : {}) };
}

export function composeScenario(dir: string, name: string, now: Date, seen: string[] = []): ComposedScenario {
  if (seen.includes(name)) throw new ScenarioError(`scenario "${name}" extends itself (${[...seen, name].join(' → ')})`);
  const file = path.join(dir, `${name}.yaml`);
  if (!existsSync(file)) throw new ScenarioError(`unknown sandbox scenario "${name}" (no ${file})`);
  const spec = readScenarioFile(file);
  if (spec.name !== name) throw new ScenarioError(`name is "${spec.name}" but the file is ${name}.yaml`, file);
  const base = spec.extends ? composeScenario(dir, spec.extends, now, [...seen, name]) : undefined;

  const objects = new Map<string, { object: KubeObject; source: string }>(base?.objects.map((o) => [identity(o.object), o]) ?? []);
  const add = (object: KubeObject, source: string) => {
    const key = identity(object);
    objects.delete(key); // keep "last definition wins" in creation order too
    objects.set(key, { object, source });
  };
  for (const include of spec.include) {
    const fragment = path.join(dir, include);
    if (!existsSync(fragment)) throw new ScenarioError(`include: no fragment file ${include}`, file);
    readFragmentFile(fragment).objects.forEach((o, i) => add(o as KubeObject, `${fragment} objects[${i}]`));
  }
  spec.objects.forEach((o, i) => add(o as KubeObject, `${file} objects[${i}]`));
  spec.patches.forEach((p, i) => {
    const hit = [...objects.entries()].find(([, o]) => refMatches(o.object, p.target));
    if (!hit) throw new ScenarioError(`patches[${i}]: no object ${p.target.kind} ${p.target.namespace ?? ''}/${p.target.name} to patch`, file);
    objects.set(hit[0], { object: mergePatch(hit[1].object, p.patch) as KubeObject, source: `${file} patches[${i}]` });
  });
  spec.remove.forEach((ref, i) => {
    const hit = [...objects.entries()].find(([, o]) => refMatches(o.object, ref));
    if (!hit) throw new ScenarioError(`remove[${i}]: no object ${ref.kind} ${ref.namespace ?? ''}/${ref.name} to remove`, file);
    objects.delete(hit[0]);
  });

  return {
    file: spec,
    path: file,
    nodes: spec.nodes ?? base?.nodes ?? DEFAULT_NODES,
    mirror: registryOf(spec, base?.mirror, file),
    objects: [...objects.values()].map((o) => ({ ...o, object: expandTimes(o.object, now) })),
    plants: [...(base?.plants ?? []), ...spec.plants],
    faults: spec.faults,
  };
}
