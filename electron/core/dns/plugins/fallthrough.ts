import { fqdn, inZone } from '../names.ts';
import type { Directive } from '../types.ts';

/**
 * Whether a plugin's `fallthrough [ZONES…]` line lets `qname` go to the next plugin: absent →
 * never; without zones → always; with zones → only names inside them.
 */
export function fallsThrough(block: Directive[] | undefined, qname: string): boolean {
  const line = block?.find((d) => d.name === 'fallthrough');
  if (!line) return false;
  if (line.args.length === 0) return true;
  return line.args.some((zone) => inZone(qname, fqdn(zone)));
}
