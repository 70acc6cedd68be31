import fs from 'node:fs';
import path from 'node:path';
import { ClusterConnectionError } from './kube-errors.ts';
import type { ExecConfig } from './resolved-context.ts';

/**
 * Where an exec plugin's command is. Like client-go, a command containing a path separator is
 * relative to the kubeconfig file's folder; a bare name is looked up on PATH.
 */
export function locateExecCommand(exec: Pick<ExecConfig, 'command' | 'file'>, searchPath: string | undefined): string | null {
  const cmd = exec.command;
  if (cmd.includes('/') || (path.sep === '\\' && cmd.includes('\\'))) {
    const abs = path.isAbsolute(cmd) ? cmd : path.resolve(path.dirname(exec.file), cmd);
    return isExecutable(abs) ? abs : null;
  }
  for (const dir of (searchPath ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, cmd);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The `exec-missing` error for a command that cannot be run, with the plugin's own installHint. */
export function execMissingError(exec: ExecConfig, searchPath: string | undefined, userName: string): ClusterConnectionError {
  const shownPath = (searchPath ?? '').split(path.delimiter).filter(Boolean).slice(0, 8).join(path.delimiter);
  const hint = [
    `install "${exec.command}" or fix exec.command of user "${userName}" in ${exec.file}; then check it with \`${exec.command} --version\``,
    exec.installHint ? `install hint: ${exec.installHint}` : undefined,
    exec.command.includes('/') ? undefined : `searched PATH: ${shownPath || '(empty)'}${process.env.GROUNDCREW_LOGIN_SHELL_PATH === '1' ? '' : '; a desktop launch may miss your shell PATH: set GROUNDCREW_LOGIN_SHELL_PATH=1'}`,
  ]
    .filter(Boolean)
    .join('; ');
  return new ClusterConnectionError('exec-missing', `exec credential plugin "${exec.command}" (user "${userName}") was not found or is not executable`, hint, exec.file);
}

/** Checks before any connection that the plugin can be run: returns its path, or throws `exec-missing` with the installHint. */
export function preflightExec(exec: ExecConfig, searchPath: string | undefined, userName: string): string {
  const found = locateExecCommand(exec, searchPath);
  if (!found) throw execMissingError(exec, searchPath, userName);
  return found;
}
