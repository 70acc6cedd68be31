import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OperationName, OpInput, OpOutput } from '../../shared/contract/index.ts';
import { ContractError } from '../../shared/contract/errors.ts';
import { createCore, type Core } from '../core/core.ts';

/** The repository (or unpacked app) root: two folders up from electron/cli (or dist/cli). */
export const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface GlobalOptions {
  kubeconfig?: string;
  json: boolean;
}

export interface CliContext {
  core: Core;
  options: GlobalOptions;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Invoke a contract operation; a contract error is thrown so the CLI maps it to exit code 1. */
  call<N extends OperationName>(op: N, input: OpInput<N>): Promise<OpOutput<N>>;
}

export function createCliContext(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): CliContext {
  const core = createCore({ appRoot, host: 'cli', env, ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}) });
  return {
    core,
    options,
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    async call(op, input) {
      const outcome = await core.invoke(op, input);
      if (!outcome.ok) throw new ContractError(outcome.error.code, outcome.error.message, outcome.error.where);
      return outcome.result as OpOutput<typeof op>;
    },
  };
}
