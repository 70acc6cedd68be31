import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../../core/core.ts';
import { startSandbox } from '../../core/sandbox/index.ts';
import { startBrowserHost } from '../../host/http/browser-host.ts';
import { appRoot, type CliContext } from '../context.ts';
import { parsePort } from '../parse-port.ts';
import { waitForSignal } from '../signals.ts';

/**
 * `groundcrew demo`: the sandbox cluster with a broken scenario plus the browser host pointed at
 * it, so every view has something to show with no cluster at all. Uses its own Groundcrew home
 * so the demo never touches the user's settings or kubeconfig.
 */
export async function demoCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { scenario: { type: 'string', default: 'tracetest-broken' }, port: { type: 'string' }, 'state-dir': { type: 'string' } },
    strict: true,
  });
  const port = parsePort(values.port, '--port');
  const stateDir = values['state-dir'] ? path.resolve(values['state-dir']) : fs.mkdtempSync(path.join(os.tmpdir(), 'groundcrew-demo-'));
  ctx.err(`Starting the sandbox cluster (scenario ${values.scenario})…`);
  const sandbox = await startSandbox({ scenario: values.scenario, stateDir: path.join(stateDir, 'cluster') });
  const core = createCore({ appRoot, host: 'browser', env: { ...process.env, GROUNDCREW_HOME: path.join(stateDir, 'home') }, kubeconfig: sandbox.kubeconfigPath });
  const server = await startBrowserHost({ core, staticDir: path.join(appRoot, 'dist', 'renderer'), port });
  ctx.out(`Sandbox cluster: ${sandbox.url} (kubectl --kubeconfig ${sandbox.kubeconfigPath} get pods -A)`);
  ctx.out(`Groundcrew is serving on ${server.url}`);
  ctx.out(`Open: ${server.loginUrl}`);
  ctx.out('ready');
  await waitForSignal();
  await server.close();
  core.close();
  await sandbox.close();
  if (!values['state-dir']) fs.rmSync(stateDir, { recursive: true, force: true });
  return 0;
}
