import type { CliContext } from '../context.ts';
import { canICommand } from './can-i.ts';
import { connectCommand } from './connect.ts';
import { contextsCommand } from './contexts.ts';
import { demoCommand } from './demo.ts';
import { inspectCommand } from './inspect.ts';
import { journalCommand } from './journal.ts';
import { repairCommand } from './repair.ts';
import { undoCommand } from './undo.ts';
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
  connect: {
    summary: 'Diagnose the connection to a context: version, identity, round trip, or why it fails',
    usage: 'groundcrew connect [--context C] [--json]',
    run: (ctx, args) => connectCommand(ctx, args),
  },
  'can-i': {
    summary: 'What this identity may do: each Groundcrew operation and the permissions it lacks',
    usage: 'groundcrew can-i [--context C] [--json]',
    run: (ctx, args) => canICommand(ctx, args),
  },
  inspect: {
    summary: 'Inspect the stacks installed in a context (exit 0 healthy, 3 errors, 4 only warnings)',
    usage: 'groundcrew inspect [--context C] [--profile P] [--json]',
    run: (ctx, args) => inspectCommand(ctx, args),
  },
  repair: {
    summary: 'Fix a finding: show the exact change and its server dry run, apply on confirmation, verify, journal',
    usage: 'groundcrew repair <finding-id> [--context C] [--dry-run] [--yes] [--json]',
    run: (ctx, args) => repairCommand(ctx, args),
  },
  journal: {
    summary: 'Every change Groundcrew made in a context (this workstation and others)',
    usage: 'groundcrew journal [--context C] [--json]',
    run: (ctx, args) => journalCommand(ctx, args),
  },
  undo: {
    summary: 'Undo a journaled change (refused if the object changed since)',
    usage: 'groundcrew undo <entry-id> [--context C] [--json]',
    run: (ctx, args) => undoCommand(ctx, args),
  },
  demo: {
    summary: 'The console on the built-in sandbox cluster (a broken scenario), in your browser',
    usage: 'groundcrew demo [--scenario tracetest-broken] [--port N] [--state-dir DIR]',
    run: (ctx, args) => demoCommand(ctx, args),
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
