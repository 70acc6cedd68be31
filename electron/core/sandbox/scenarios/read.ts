/** Reads and validates scenario and fragment files; errors name the file, line and field. */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { parseYamlWithPositions, positionOf } from '../../stacks/yaml-positions.ts';
import { FragmentFileSchema, ScenarioFileSchema, type ScenarioFile } from './schema.ts';

export class ScenarioError extends Error {
  constructor(
    message: string,
    /** `file:line:column` of the first problem, when known. */
    readonly where?: string,
  ) {
    super(where ? `${where}: ${message}` : message);
    this.name = 'ScenarioError';
  }
}

function parseWith<T extends z.ZodType>(schema: T, text: string, file: string): z.output<T> {
  const yaml = parseYamlWithPositions(text);
  if (yaml.doc.errors.length > 0) {
    const e = yaml.doc.errors[0]!;
    const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
    throw new ScenarioError(e.message.split('\n')[0]!, `${file}:${pos.line}:${pos.col}`);
  }
  const result = schema.safeParse(yaml.doc.toJS());
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const pos = positionOf(yaml, issue.path);
      return { where: `${file}:${pos.line}:${pos.col}`, text: `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}` };
    });
    throw new ScenarioError(problems.map((p, i) => (i === 0 ? p.text : `${p.where}: ${p.text}`)).join('; '), problems[0]!.where);
  }
  return result.data;
}

export function parseScenarioText(text: string, file: string): ScenarioFile {
  return parseWith(ScenarioFileSchema, text, file);
}

export function readScenarioFile(file: string): ScenarioFile {
  return parseScenarioText(readFileSync(file, 'utf8'), file);
}

export function readFragmentFile(file: string) {
  return parseWith(FragmentFileSchema, readFileSync(file, 'utf8'), file);
}
