import { ContractError } from '../../shared/contract/errors.ts';
import { commands } from './commands/registry.ts';
import { createCliContext } from './context.ts';
import { UsageError } from './usage-error.ts';

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

function helpText(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'Groundcrew: install, inspect, repair and observe on-prem test-platform stacks on Kubernetes.',
    '',
    'Usage: groundcrew <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Global options:',
    '  --kubeconfig FILE  use this kubeconfig file only (like kubectl)',
    '  --json             machine-readable output',
    '  -h, --help         show help (also: groundcrew <command> --help)',
    '',
    'Exit codes: 0 success, 1 failure, 2 usage error.',
  ].join('\n');
}

/** Splits global options from the command's own; unknown options are left for the command. */
function splitGlobals(argv: string[]) {
  const rest: string[] = [];
  let kubeconfig: string | undefined;
  let json = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '-h' || a === '--help') help = true;
    else if (a === '--kubeconfig') {
      kubeconfig = argv[++i];
      if (kubeconfig === undefined) throw new UsageError('--kubeconfig needs a file path');
    } else if (a.startsWith('--kubeconfig=')) kubeconfig = a.slice('--kubeconfig='.length);
    else rest.push(a);
  }
  return { rest, kubeconfig, json, help };
}

export async function runCli(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = splitGlobals(argv);
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    return EXIT_USAGE;
  }
  const [name, ...args] = parsed.rest;
  if (name === undefined) {
    (parsed.help ? process.stdout : process.stderr).write(`${helpText()}\n`);
    return parsed.help ? EXIT_OK : EXIT_USAGE;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`error: unknown command "${name}"\nRun 'groundcrew --help' for the list of commands.\n`);
    return EXIT_USAGE;
  }
  if (parsed.help) {
    process.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return EXIT_OK;
  }
  const ctx = createCliContext({ json: parsed.json, ...(parsed.kubeconfig ? { kubeconfig: parsed.kubeconfig } : {}) });
  try {
    return await command.run(ctx, args);
  } catch (err) {
    if (err instanceof UsageError || isParseArgsError(err)) {
      process.stderr.write(`error: ${(err as Error).message}\nUsage: ${command.usage}\n`);
      return EXIT_USAGE;
    }
    const message = err instanceof ContractError || err instanceof Error ? err.message : String(err);
    if (parsed.json) process.stdout.write(`${JSON.stringify({ error: err instanceof ContractError ? err.toBody() : { code: 'internal', message } })}\n`);
    process.stderr.write(`error: ${message}\n`);
    return EXIT_FAILURE;
  } finally {
    ctx.core.close();
  }
}

function isParseArgsError(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

// Exit explicitly: servers and watches that were closed may still hold the event loop briefly.
const code = await runCli(process.argv.slice(2));
process.exitCode = code;
if (code !== 0 || !['serve', 'sandbox', 'demo'].includes(process.argv[2] ?? '')) process.exit(code);
