/**
 * Name patterns with `{placeholder}` parts, e.g. `{release}-tracetest-cloud`.
 * Matching binds placeholders from a real name; filling turns a pattern back into a name.
 */

export type Bindings = Record<string, string>;

const placeholderRe = /\{([a-zA-Z][a-zA-Z0-9]*)\}/g;
// A release name segment: DNS-label characters, shortest match first so suffixes stay literal.
const segment = '[a-z0-9](?:[a-z0-9.-]*?[a-z0-9])?';

export function placeholdersOf(pattern: string): string[] {
  return [...new Set([...pattern.matchAll(placeholderRe)].map((m) => m[1]!))];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Matches `name` against `pattern`, honouring placeholders already bound in `known`.
 * Returns the full bindings (known + newly bound) or undefined.
 */
export function matchPattern(pattern: string, name: string, known: Bindings = {}): Bindings | undefined {
  const order: string[] = [];
  let source = '^';
  let last = 0;
  for (const m of pattern.matchAll(placeholderRe)) {
    source += escape(pattern.slice(last, m.index));
    const key = m[1]!;
    if (known[key] !== undefined) source += escape(known[key]);
    else if (order.includes(key)) source += `\\${order.indexOf(key) + 1}`;
    else {
      order.push(key);
      source += `(${segment})`;
    }
    last = m.index + m[0].length;
  }
  source += escape(pattern.slice(last)) + '$';
  const match = new RegExp(source).exec(name);
  if (!match) return undefined;
  const out: Bindings = { ...known };
  order.forEach((key, i) => (out[key] = match[i + 1]!));
  return out;
}

/** The name for `pattern`, or undefined when a placeholder has no binding. */
export function fillPattern(pattern: string, bindings: Bindings): string | undefined {
  let missing = false;
  const out = pattern.replace(placeholderRe, (_, key: string) => {
    const v = bindings[key];
    if (v === undefined) missing = true;
    return v ?? '';
  });
  return missing ? undefined : out;
}
