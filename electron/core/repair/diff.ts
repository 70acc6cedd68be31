import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import { createHash } from 'node:crypto';
import { describeRef } from './resources.ts';

/** Metadata the server owns: it changes on every write and only hides the real change in a diff. */
const SERVER_METADATA = ['managedFields', 'resourceVersion', 'creationTimestamp', 'generation', 'uid', 'selfLink', 'deletionTimestamp'];

type Json = Record<string, unknown>;

/** A copy without server-owned metadata, with Secret values replaced by a fingerprint. */
export function forDisplay(obj: Json | undefined): Json | undefined {
  if (!obj) return undefined;
  const copy = structuredClone(obj);
  const meta = copy.metadata as Json | undefined;
  if (meta) for (const key of SERVER_METADATA) delete meta[key];
  if (copy.kind === 'Secret') {
    for (const field of ['data', 'stringData']) {
      const values = copy[field] as Record<string, string> | undefined;
      if (!values) continue;
      for (const [k, v] of Object.entries(values)) values[k] = fingerprint(field === 'data' ? Buffer.from(v, 'base64') : Buffer.from(v, 'utf8'));
    }
  }
  return copy;
}

// A Secret's value never appears in a preview; a changed value still shows as a changed line.
function fingerprint(bytes: Buffer): string {
  return `<redacted: ${bytes.length} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}>`;
}

/** YAML as a reviewer reads it: multi-line strings (a Corefile) as literal blocks, no wrapping. */
export function toYaml(obj: Json | undefined): string {
  if (!obj) return '';
  return stringify(obj, { blockQuote: 'literal', lineWidth: 0, aliasDuplicateObjects: false });
}

/** Unified diff of two object states; `before` absent = created, `after` absent = deleted. */
export function renderDiff(ref: { kind: string; namespace?: string; name: string }, before: Json | undefined, after: Json | undefined): string {
  const label = describeRef(ref);
  const oldText = toYaml(forDisplay(before));
  const newText = toYaml(forDisplay(after));
  return createTwoFilesPatch(before ? `a/${label}` : '/dev/null', after ? `b/${label}` : '/dev/null', oldText, newText, undefined, undefined, { context: 3 });
}
