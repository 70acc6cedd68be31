import path from 'node:path';
import { parseArgs } from 'node:util';
import { startBrowserHost } from '../../host/http/browser-host.ts';
import { appRoot, type CliContext } from '../context.ts';
import { parsePort } from '../parse-port.ts';
import { waitForSignal } from '../signals.ts';

export async function serveCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' } }, strict: true });
  const host = values.host ?? '127.0.0.1';
  const port = parsePort(values.port, '--port');
  if (!isLoopback(host)) ctx.err(`warning: --host ${host} is not a loopback address; anyone who can reach it and has the URL's token can use this console.`);
  const server = await startBrowserHost({ core: ctx.core, staticDir: path.join(appRoot, 'dist', 'renderer'), host, port });
  ctx.out(`Groundcrew is serving on ${server.url}`);
  ctx.out(`Open: ${server.loginUrl}`);
  await waitForSignal();
  await server.close();
  return 0;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

