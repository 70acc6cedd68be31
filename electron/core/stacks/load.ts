import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContractError } from '../../../shared/contract/errors.ts';
import { StackProfileSchema, type StackProfile } from '../../../shared/model/profile.ts';
import { parseYamlWithPositions, positionOf } from './yaml-positions.ts';

/** A profile that failed to parse or validate; `where` is `file:line:column` of the first problem. */
export class ProfileError extends ContractError {
  constructor(
    message: string,
    where: string,
    /** Every problem found, one "file:line:col: path: message" line each. */
    readonly problems: string[],
  ) {
    super('invalid_config', message, where);
    this.name = 'ProfileError';
  }
}

/** Parses and validates one profile; errors name the file, line and field. */
export function parseProfile(text: string, file: string): StackProfile {
  const yaml = parseYamlWithPositions(text);
  if (yaml.doc.errors.length > 0) {
    const problems = yaml.doc.errors.map((e) => {
      const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
      return `${file}:${pos.line}:${pos.col}: ${e.message.split('\n')[0]}`;
    });
    throw new ProfileError(`invalid stack profile: ${problems.join('; ')}`, problems[0]!.split(': ')[0]!, problems);
  }
  const result = StackProfileSchema.safeParse(yaml.doc.toJS());
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const pos = positionOf(yaml, issue.path);
      const field = issue.path.length ? issue.path.join('.') : '(root)';
      return `${file}:${pos.line}:${pos.col}: ${field}: ${issue.message}`;
    });
    const first = result.error.issues[0]!;
    const pos = positionOf(yaml, first.path);
    throw new ProfileError(`invalid stack profile: ${problems.join('; ')}`, `${file}:${pos.line}:${pos.col}`, problems);
  }
  return result.data;
}

export function loadProfileFile(file: string): StackProfile {
  return parseProfile(readFileSync(file, 'utf8'), file);
}

/** Every `*.yaml` / `*.yml` profile in a folder, sorted by file name. Names must be unique. */
export function loadProfileDir(dir: string): StackProfile[] {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const seen = new Map<string, string>();
  return files.map((f) => {
    const file = path.join(dir, f);
    const profile = loadProfileFile(file);
    const other = seen.get(profile.name);
    if (other) throw new ProfileError(`stack profile "${profile.name}" is defined twice (${other} and ${file})`, file, []);
    seen.set(profile.name, file);
    return profile;
  });
}

/** resources/stacks under the application root (the repository, or the packaged app). */
export function builtinStacksDir(appRoot?: string): string {
  if (appRoot) return path.join(appRoot, 'resources', 'stacks');
  return fileURLToPath(new URL('../../../resources/stacks/', import.meta.url));
}

export function loadBuiltinProfiles(appRoot?: string): StackProfile[] {
  return loadProfileDir(builtinStacksDir(appRoot));
}
