/** DNS name helpers shared by the parser, the resolver and the editor. */

/** Lower-case and fully qualify a name: `Example.COM` → `example.com.`; `.` stays `.`. */
export function fqdn(name: string): string {
  const lower = name.trim().toLowerCase();
  if (lower === '' || lower === '.') return '.';
  return lower.endsWith('.') ? lower : `${lower}.`;
}

/** Whether `name` is `zone` or below it (both fully qualified). */
export function inZone(name: string, zone: string): boolean {
  if (zone === '.') return true;
  return name === zone || name.endsWith(`.${zone}`);
}

/** The longest of `zones` that contains `name`, or undefined. */
export function longestZone(name: string, zones: string[]): string | undefined {
  let best: string | undefined;
  for (const zone of zones) {
    if (inZone(name, zone) && (best === undefined || zone.length > best.length)) best = zone;
  }
  return best;
}

/** Escape a literal for a Go RE2 / JavaScript regular expression. */
export function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compile a Go (RE2) regular expression as CoreDNS plugins use it. The common differences
 * are handled: a leading `(?i)` flag group and `(?P<name>…)` named groups.
 */
export function goRegex(pattern: string): RegExp {
  let flags = '';
  let body = pattern;
  const flag = /^\(\?([imsU]+)\)/.exec(body);
  if (flag) {
    body = body.slice(flag[0].length);
    if (flag[1]!.includes('i')) flags += 'i';
    if (flag[1]!.includes('s')) flags += 's';
    if (flag[1]!.includes('m')) flags += 'm';
  }
  body = body.replace(/\(\?P</g, '(?<');
  return new RegExp(body, flags);
}

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/i;

/** Whether `name` is a syntactically valid host name (labels of letters, digits, `-`, `_`). */
export function isHostname(name: string): boolean {
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  if (bare === '' || bare.length > 253) return false;
  return bare.split('.').every((label) => LABEL.test(label));
}
