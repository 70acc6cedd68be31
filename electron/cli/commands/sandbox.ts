import { parseArgs } from 'node:util';
import { startSandbox } from '../../core/sandbox/index.ts';
import type { CliContext } from '../context.ts';
import { parsePort } from '../parse-port.ts';
import { waitForSignal } from '../signals.ts';

/** `groundcrew sandbox`: runs the sandbox Kubernetes API server until SIGINT/SIGTERM. */
export async function sandboxCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { scenario: { type: 'string' }, port: { type: 'string' }, 'kubeconfig-out': { type: 'string' }, 'state-dir': { type: 'string' } },
    strict: true,
  });
  const sandbox = await startSandbox({
    port: parsePort(values.port, '--port'),
    ...(values.scenario ? { scenario: values.scenario } : {}),
    ...(values['kubeconfig-out'] ? { kubeconfigOut: values['kubeconfig-out'] } : {}),
    ...(values['state-dir'] ? { stateDir: values['state-dir'] } : {}),
  });
  if (ctx.options.json) {
    ctx.out(JSON.stringify({ url: sandbox.url, kubeconfig: sandbox.kubeconfigPath }));
  } else {
    ctx.out(`Sandbox API server: ${sandbox.url}`);
    ctx.out(`Kubeconfig: ${sandbox.kubeconfigPath}`);
  }
  ctx.out('ready');
  await waitForSignal();
  await sandbox.close();
  return 0;
}
