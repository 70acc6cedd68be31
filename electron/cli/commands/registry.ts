import type { CliContext } from '../context.ts';
import { contextsCommand } from './contexts.ts';
import { sandboxCommand } from './sandbox.ts';
import { serveCommand } from './serve.ts';
import { versionCommand } from './version.ts';

export interface Command {
  summary: string;
  usage: string;
  run(ctx: CliContext, args: string[]): Promise<number>;
}

/** Every CLI command; `groundcrew --help` is generated from this table. */
export const commands: Record<string, Command> = {
  version: { summary: 'Print the Groundcrew version', usage: 'groundcrew version [--json]', run: (ctx) => versionCommand(ctx) },
  contexts: {
    summary: 'List kubeconfig contexts (kubectl merge rules)',
    usage: 'groundcrew contexts [--kubeconfig FILE] [--json]',
    run: (ctx) => contextsCommand(ctx),
  },
  serve: {
    summary: 'Serve the console to a browser on loopback, behind a token',
    usage: 'groundcrew serve [--port N] [--host 127.0.0.1]',
    run: (ctx, args) => serveCommand(ctx, args),
  },
  sandbox: {
    summary: 'Run the sandbox Kubernetes API server (for kubectl, tests and the demo)',
    usage: 'groundcrew sandbox [--scenario NAME] [--port N] [--kubeconfig-out FILE] [--state-dir DIR]',
    run: (ctx, args) => sandboxCommand(ctx, args),
  },
};
