// A sandbox in its own process for benchmarks: argv[2] is JSON { scenario?, namespaces, pods, configmaps }.
// Prints "ready <kubeconfig>" once the objects exist and the controllers have had time to settle.
import { startSandbox } from '../../electron/core/sandbox/index.ts';
import { core } from '../../electron/core/sandbox/store/types.ts';
import { configMap, namespace, pod } from './objects.ts';

const spec = JSON.parse(process.argv[2] ?? '{}') as { scenario?: string; namespaces: number; pods: number; configmaps: number };
// Without a scenario nothing needs controllers: the filler objects are already settled.
const sandbox = await startSandbox(spec.scenario ? { scenario: spec.scenario } : { controllers: false });
const ns = Math.max(1, spec.namespaces);
for (let i = 0; i < ns; i++) sandbox.store.create(core('namespaces'), namespace(`bench-${i}`));
for (let i = 0; i < spec.pods; i++) sandbox.store.create(core('pods'), pod(`bench-${i % ns}`, `filler-${i}`));
for (let i = 0; i < spec.configmaps; i++) sandbox.store.create(core('configmaps'), configMap(`bench-${i % ns}`, `conf-${i}`));
await new Promise((r) => setTimeout(r, 3000));
process.stdout.write(`ready ${sandbox.kubeconfigPath}\n`);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
