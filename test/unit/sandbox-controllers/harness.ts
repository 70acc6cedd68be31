/** A store plus running controllers on a hand-driven clock, for the controller tests. */
import { createStore, type MemoryStore } from '../../../electron/core/sandbox/store/index.ts';
import { startControllerManager, type ControllerManager, type Plant, type PlantTable } from '../../../electron/core/sandbox/controllers/index.ts';
import type { KubeObject } from '../../../electron/core/cluster/view.ts';

export interface Harness {
  store: MemoryStore;
  manager: ControllerManager;
  logs: Map<string, string[]>;
  clock: { now: Date; advance(ms: number): void };
  plants: PlantTable;
  settle(): Promise<void>;
  /** Advances the clock, re-evaluates time-driven state and waits for convergence. */
  tick(ms: number): Promise<void>;
  create(obj: KubeObject): KubeObject;
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  list(apiVersion: string, kind: string, namespace?: string): KubeObject[];
  stop(): void;
}

export function startHarness(opts: { nodes?: number; plants?: Plant[]; mirror?: PlantTable['mirror']; namespaces?: string[] } = {}): Harness {
  const clock = {
    now: new Date('2026-11-22T10:00:00Z'),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const store = createStore({ now: () => clock.now.toISOString().replace(/\.\d+Z$/, 'Z') });
  for (const ns of ['default', ...(opts.namespaces ?? [])]) {
    store.create({ group: '', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  }
  for (let i = 0; i < (opts.nodes ?? 1); i++) {
    store.create({ group: '', resource: 'nodes' }, { apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${i}`, labels: { 'kubernetes.io/hostname': `node-${i}` } }, spec: { podCIDR: `10.244.${i}.0/24` } });
  }
  const logs = new Map<string, string[]>();
  const plants: PlantTable = { plants: opts.plants ?? [], ...(opts.mirror ? { mirror: opts.mirror } : {}) };
  const manager = startControllerManager(store, {
    now: () => clock.now,
    appendLog(ns, pod, container, line) {
      const key = `${ns}/${pod}/${container}`;
      logs.set(key, [...(logs.get(key) ?? []), line]);
      store.logs.append(ns, pod, container, line);
    },
    restartLog: (ns, pod, container) => store.logs.restart(ns, pod, container),
    plants,
    resyncIntervalMs: 0,
    onError(controller, key, error) {
      throw new Error(`${controller} ${key}: ${error instanceof Error ? error.stack : String(error)}`);
    },
  });
  const grOf = (apiVersion: string, kind: string) => {
    const t = store.resourceTypeForKind(apiVersion, kind);
    if (!t) throw new Error(`not served: ${apiVersion} ${kind}`);
    return { group: t.group, resource: t.resource };
  };
  const h: Harness = {
    store,
    manager,
    logs,
    clock,
    plants,
    settle: () => manager.settle(),
    async tick(ms) {
      clock.advance(ms);
      manager.resync();
      await manager.settle();
    },
    create: (obj) => store.create(grOf(obj.apiVersion, obj.kind), obj),
    get: (apiVersion, kind, namespace, name) => store.get(grOf(apiVersion, kind), namespace, name),
    list: (apiVersion, kind, namespace) => store.list(grOf(apiVersion, kind), namespace),
    stop: () => manager.stop(),
  };
  return h;
}

export function deployment(name: string, namespace: string, o: { replicas?: number; image?: string; annotations?: Record<string, string>; ports?: Array<{ name?: string; containerPort: number }> } = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas: o.replicas ?? 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, ...(o.annotations ? { annotations: o.annotations } : {}) },
        spec: { containers: [{ name: 'main', image: o.image ?? `example/${name}:1.0`, ...(o.ports ? { ports: o.ports } : {}) }] },
      },
    },
  };
}
