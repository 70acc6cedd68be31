/**
 * The order CoreDNS runs plugins in, fixed when it is compiled (plugin.cfg), whatever order the
 * Corefile lists them in. Plugins not listed here are unknown to a stock build.
 */
export const PLUGIN_ORDER: readonly string[] = [
  'root', 'metadata', 'geoip', 'cancel', 'tls', 'quic', 'timeouts', 'multisocket', 'reload', 'nsid', 'bufsize', 'bind', 'debug',
  'trace', 'ready', 'health', 'pprof', 'prometheus', 'errors', 'log', 'dnstap', 'local', 'dns64', 'acl', 'any',
  'chaos', 'loadbalance', 'tsig', 'cache', 'rewrite', 'header', 'dnssec', 'autopath', 'minimal', 'template',
  'transfer', 'hosts', 'route53', 'azure', 'clouddns', 'k8s_external', 'kubernetes', 'file', 'auto', 'secondary',
  'etcd', 'loop', 'forward', 'grpc', 'erratic', 'whoami', 'on', 'sign', 'view',
];

const RANK = new Map(PLUGIN_ORDER.map((name, index) => [name, index]));

/** Position of a plugin in the chain, or undefined for a plugin a stock CoreDNS does not have. */
export function pluginRank(name: string): number | undefined {
  return RANK.get(name);
}
