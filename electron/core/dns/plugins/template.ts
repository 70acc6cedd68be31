import { fqdn, goRegex, longestZone } from '../names.ts';
import { bare, type PluginHandler, type Rcode } from '../resolve-types.ts';
import { fallsThrough } from './fallthrough.ts';

const RCODES: Record<string, Rcode> = { NOERROR: 'NOERROR', NXDOMAIN: 'NXDOMAIN', SERVFAIL: 'SERVFAIL', REFUSED: 'REFUSED' };

/**
 * `template CLASS TYPE [ZONE…] { match REGEX…; answer RR; rcode CODE; fallthrough [ZONE…] }`.
 * For an IN A query: templates whose class/type/zones do not apply are skipped; the first
 * `match` regex that matches builds the answer from the `answer` lines; when none matches the
 * query ends with NXDOMAIN unless `fallthrough` covers the name (template plugin docs).
 */
export const templatePlugin: PluginHandler = (lines, state) => {
  for (const d of lines) {
    const [qclass = 'IN', qtype = 'ANY', ...zoneArgs] = d.args.map((a, i) => (i < 2 ? a.toUpperCase() : a));
    if (qclass !== 'IN' && qclass !== 'ANY') continue;
    if (qtype !== 'A' && qtype !== 'ANY') continue;
    const zones = zoneArgs.length ? zoneArgs.map(fqdn) : state.block.zones;
    const zone = longestZone(state.qname, zones);
    if (zone === undefined) continue;
    const body = d.block ?? [];
    const regexes = body.filter((l) => l.name === 'match').flatMap((l) => l.args);
    let groups: RegExpExecArray | null = null;
    for (const pattern of regexes.length ? regexes : ['.*']) {
      groups = goRegex(pattern).exec(state.qname);
      if (groups) break;
    }
    if (!groups) {
      if (fallsThrough(body, state.qname)) continue;
      state.via.push(`template ${qclass} ${qtype} ${bare(zone)} (line ${d.line}): no match regex fits, no fallthrough`);
      return { kind: 'rcode', rcode: 'NXDOMAIN' };
    }
    const rcodeLine = body.find((l) => l.name === 'rcode');
    const rcode = RCODES[(rcodeLine?.args[0] ?? 'NOERROR').toUpperCase()] ?? 'NOERROR';
    const data = { name: state.qname, zone, qclass: 'IN', qtype: 'A', match: [...groups].map((g) => g ?? ''), group: groups.groups ?? {} };
    for (const line of body.filter((l) => l.name === 'answer')) {
      for (const rr of line.args) {
        const parsed = parseRecord(render(rr, data));
        if (!parsed) continue;
        if (parsed.type === 'A') {
          state.via.push(`template ${qclass} ${qtype} ${bare(zone)} (line ${d.line}): ${bare(parsed.owner)} A ${parsed.data}`);
          return { kind: 'answer', owner: parsed.owner, address: parsed.data, rcode };
        }
        if (parsed.type === 'CNAME') {
          state.via.push(`template ${qclass} ${qtype} ${bare(zone)} (line ${d.line}): ${bare(parsed.owner)} CNAME ${bare(parsed.data)} (not chased)`);
          return { kind: 'answer', owner: parsed.owner, cname: bare(fqdn(parsed.data)), rcode };
        }
      }
    }
    state.via.push(`template ${qclass} ${qtype} ${bare(zone)} (line ${d.line}): matched, no A answer, rcode ${rcode}`);
    return { kind: 'rcode', rcode };
  }
  return { kind: 'next' };
};

interface TemplateData {
  name: string;
  zone: string;
  qclass: string;
  qtype: string;
  match: string[];
  group: Record<string, string | undefined>;
}

/** Evaluate the Go-template actions CoreDNS templates use in practice. Unknown actions render empty. */
export function render(template: string, data: TemplateData): string {
  return template.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (_all, expr: string) => {
    let m: RegExpExecArray | null;
    if (expr === '.Name') return data.name;
    if (expr === '.Zone') return data.zone;
    if (expr === '.Class') return data.qclass;
    if (expr === '.Type') return data.qtype;
    if ((m = /^index \.Match (\d+)$/.exec(expr))) return data.match[Number(m[1])] ?? '';
    if ((m = /^index \.Group "([^"]+)"$/.exec(expr))) return data.group[m[1]!] ?? '';
    if ((m = /^\.Group\.(\w+)$/.exec(expr))) return data.group[m[1]!] ?? '';
    return '';
  });
}

/** Read `owner [ttl] [class] TYPE data` (zone-file style) from a rendered answer. */
export function parseRecord(text: string): { owner: string; type: string; data: string } | undefined {
  const fields = text.trim().split(/\s+/);
  const owner = fields.shift();
  if (!owner) return undefined;
  while (fields.length && (/^\d+$/.test(fields[0]!) || /^(IN|CH|HS|ANY)$/i.test(fields[0]!))) fields.shift();
  const type = fields.shift()?.toUpperCase();
  if (!type || fields.length === 0) return undefined;
  return { owner: fqdn(owner), type, data: fields.join(' ') };
}

