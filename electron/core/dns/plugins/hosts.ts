import { fqdn, longestZone } from '../names.ts';
import { bare, type PluginHandler } from '../resolve-types.ts';
import { fallsThrough } from './fallthrough.ts';

const OPTIONS = new Set(['ttl', 'reload', 'no_reverse', 'fallthrough']);

/** Parse hosts-file text into name → addresses (`#` comments, several names per line). */
export function parseHostsFile(text: string): Map<string, string[]> {
  const entries = new Map<string, string[]>();
  for (const raw of text.split(/\r?\n/)) {
    const fields = raw.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (fields.length < 2) continue;
    const [ip, ...names] = fields;
    for (const name of names) addEntry(entries, name, ip!);
  }
  return entries;
}

function addEntry(entries: Map<string, string[]>, name: string, ip: string): void {
  const key = fqdn(name);
  const list = entries.get(key) ?? [];
  if (!list.includes(ip)) list.push(ip);
  entries.set(key, list);
}

const isIPv4 = (ip: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(ip);

/**
 * `hosts [FILE [ZONE…]] { IP NAME…; ttl; reload; no_reverse; fallthrough [ZONE…] }`: inline
 * entries plus the file (default /etc/hosts, content from `extraHosts`). Inside its zones a
 * name with no entry gets NXDOMAIN unless `fallthrough` covers it (hosts plugin docs).
 */
export const hostsPlugin: PluginHandler = (lines, state) => {
  const d = lines[0]!;
  const file = d.args[0] ?? '/etc/hosts';
  const zones = d.args.length > 1 ? d.args.slice(1).map(fqdn) : state.block.zones;
  const zone = longestZone(state.qname, zones);
  if (zone === undefined) return { kind: 'next' };
  const content = state.cluster.extraHosts?.[file];
  const entries = content === undefined ? new Map<string, string[]>() : parseHostsFile(content);
  for (const line of d.block ?? []) {
    if (OPTIONS.has(line.name)) continue;
    for (const name of line.args) addEntry(entries, name, line.name);
  }
  const source = content === undefined && d.args[0] ? `hosts ${file} (file not provided)` : `hosts ${d.args[0] ?? 'inline'}`;
  const addresses = entries.get(state.qname) ?? [];
  const v4 = addresses.find(isIPv4);
  if (v4) {
    state.via.push(`${source}: ${bare(state.qname)} → ${v4}`);
    return { kind: 'answer', owner: state.qname, address: v4 };
  }
  if (addresses.length > 0) {
    state.via.push(`${source}: ${bare(state.qname)} has only IPv6 entries (no A record)`);
    return { kind: 'rcode', rcode: 'NOERROR' };
  }
  if (fallsThrough(d.block, state.qname)) return { kind: 'next' };
  state.via.push(`${source}: no entry for ${bare(state.qname)} in zone ${bare(zone)} and no fallthrough`);
  return { kind: 'rcode', rcode: 'NXDOMAIN' };
};
