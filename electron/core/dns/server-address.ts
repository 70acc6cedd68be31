import type { ServerAddress } from './types.ts';
import { fqdn } from './names.ts';

const DEFAULT_PORTS: Record<ServerAddress['transport'], number> = { dns: 53, tls: 853, grpc: 443, https: 443, quic: 853 };

/**
 * Read one server block key the way CoreDNS does: `[transport://]zone[:port]`, where the zone
 * may be a CIDR that stands for reverse zones (`10.0.0.0/8` → `10.in-addr.arpa.`).
 * Returns an error string instead of throwing so the parser can attach a position.
 */
export function parseServerKey(key: string): ServerAddress | string {
  let rest = key;
  let transport: ServerAddress['transport'] = 'dns';
  const scheme = /^([a-z0-9+]+):\/\//i.exec(rest);
  if (scheme) {
    const name = scheme[1]!.toLowerCase();
    if (!(name in DEFAULT_PORTS)) return `unknown transport "${name}://" in server key "${key}" (expected dns, tls, grpc, https or quic)`;
    transport = name as ServerAddress['transport'];
    rest = rest.slice(scheme[0].length);
  }
  let port = DEFAULT_PORTS[transport];
  const colon = rest.lastIndexOf(':');
  if (colon >= 0 && colon > rest.lastIndexOf('/')) {
    const portText = rest.slice(colon + 1);
    // A `{$PORT}` placeholder cannot be known offline: port 0 means "unknown", never 53.
    if (/^\d+$/.test(portText)) port = Number(portText);
    else if (/^\{[$%].*\}$/.test(portText)) port = 0;
    else return `invalid port "${portText}" in server key "${key}" (expected a number)`;
    rest = rest.slice(0, colon);
  }
  if (rest === '') rest = '.';
  return { key, transport, zones: zonesOf(rest), port };
}

/** Zones a key's host part stands for; CIDRs become reverse zones on octet boundaries. */
function zonesOf(host: string): string[] {
  const cidr = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(host);
  if (!cidr) return [fqdn(host)];
  const octets = cidr[1]!.split('.');
  const bits = Number(cidr[2]);
  const whole = Math.floor(bits / 8);
  if (bits % 8 === 0) return [fqdn([...octets.slice(0, whole).reverse(), 'in-addr.arpa'].join('.'))];
  // Not on an octet boundary: CoreDNS expands to every covered /(whole+1)*8 zone.
  const base = Number(octets[whole] ?? 0);
  const span = 2 ** (8 - (bits % 8));
  const zones: string[] = [];
  for (let v = base; v < base + span && v < 256; v++) {
    zones.push(fqdn([String(v), ...octets.slice(0, whole).reverse(), 'in-addr.arpa'].join('.')));
  }
  return zones;
}
