import { effectiveServerBlocks } from './expand.ts';
import { fqdn, inZone, isHostname } from './names.ts';
import { pluginRank } from './plugin-order.ts';
import { forwardPlugin } from './plugins/forward.ts';
import { hostsPlugin } from './plugins/hosts.ts';
import { kubernetesPlugin } from './plugins/kubernetes.ts';
import { rewritePlugin } from './plugins/rewrite.ts';
import { templatePlugin } from './plugins/template.ts';
import { bare, type ClusterDns, type PluginHandler, type PluginOutcome, type QueryState, type Resolution } from './resolve-types.ts';
import type { Corefile, Directive, ServerBlock } from './types.ts';

/** Plugins that can change or answer an A query. The rest (errors, cache, health…) pass it on. */
const HANDLERS: Record<string, PluginHandler> = {
  rewrite: rewritePlugin,
  template: templatePlugin,
  hosts: hostsPlugin,
  kubernetes: kubernetesPlugin,
  forward: forwardPlugin,
  local: (_lines, state) => {
    if (state.qname !== 'localhost.') return { kind: 'next' };
    state.via.push('local: localhost → 127.0.0.1');
    return { kind: 'answer', owner: state.qname, address: '127.0.0.1' };
  },
  whoami: (_lines, state) => {
    state.via.push('whoami: answers with the client address only (no A record for the name)');
    return { kind: 'rcode', rcode: 'NOERROR' };
  },
  erratic: (_lines, state) => {
    state.via.push('erratic: fixed test answer');
    return { kind: 'answer', owner: state.qname, address: '192.0.2.53' };
  },
};

/** Plugins CoreDNS allows once per server block; a second line makes it reject the Corefile. */
const ONCE = new Set(['hosts', 'kubernetes', 'forward', 'cache', 'health', 'ready', 'prometheus', 'reload', 'loop', 'errors', 'loadbalance']);

/** Backends whose data we do not have offline: they are noted and passed through. */
const OPAQUE = new Set(['file', 'auto', 'secondary', 'etcd', 'route53', 'azure', 'clouddns', 'k8s_external', 'grpc', 'acl', 'view', 'sign', 'on', 'dns64']);

/**
 * Answer an A query the way CoreDNS would with this Corefile, without any network:
 * pick the server block on port 53 whose zone matches the name most closely (none → REFUSED),
 * then run its plugins in plugin.cfg order (not line order): rewrite → template → hosts →
 * kubernetes → forward, each answering, failing or passing on as its docs describe.
 * A chain that ends without an answer is SERVFAIL, as in CoreDNS.
 */
export function resolveName(corefile: Corefile, name: string, cluster: ClusterDns): Resolution {
  const via: string[] = [];
  const original = fqdn(name);
  if (!isHostname(original)) return { rcode: 'SERVFAIL', via: [`"${name}" is not a valid domain name`] };
  const notes: string[] = [];
  const blocks = effectiveServerBlocks(corefile, { overrides: cluster.overrides, files: cluster.importFiles }, notes);
  const clash = duplicateAddress(blocks);
  if (clash) return { rcode: 'SERVFAIL', via: [`Corefile rejected by CoreDNS: ${clash}`] };
  const chosen = chooseBlock(blocks, original);
  if (!chosen) return { rcode: 'REFUSED', via: [`no server block serves ${bare(original)} on port 53`] };
  via.push(`server block ${chosen.keys.join(' ')}`);
  via.push(...notes.map((n) => `note: ${n}`));

  const groups = groupPlugins(chosen.plugins);
  for (const [plugin, lines] of groups) {
    if (ONCE.has(plugin) && lines.length > 1) {
      via.push(`Corefile rejected by CoreDNS: "${plugin}" appears ${lines.length} times in server block ${chosen.keys.join(' ')} (lines ${lines.map((l) => l.line).join(', ')})`);
      return { rcode: 'SERVFAIL', via };
    }
    if (pluginRank(plugin) === undefined) {
      via.push(`Corefile rejected by CoreDNS: unknown plugin "${plugin}" (line ${lines[0]!.line})`);
      return { rcode: 'SERVFAIL', via };
    }
  }
  const zoneOfCluster = fqdn(cluster.zone ?? 'cluster.local');
  const k8s = groups.get('kubernetes')?.[0];
  if (inZone(original, zoneOfCluster) && (!k8s || !(k8s.args.length ? k8s.args.map(fqdn) : chosen.zones).includes(zoneOfCluster))) {
    via.push(`note: the kubernetes plugin of this block does not serve the cluster domain ${bare(zoneOfCluster)}`);
  }

  const state: QueryState = { original, qname: original, block: chosen, cluster, via, answerRewrites: [] };
  const ordered = [...groups.entries()].sort(([a], [b]) => pluginRank(a)! - pluginRank(b)!);
  for (const [plugin, lines] of ordered) {
    const handler = HANDLERS[plugin];
    if (!handler) {
      if (OPAQUE.has(plugin)) via.push(`${plugin}: its data is not available offline (passed on)`);
      continue;
    }
    const outcome: PluginOutcome = handler(lines, state);
    if (outcome.kind === 'next') continue;
    if (outcome.kind === 'rcode') return { rcode: outcome.rcode, via };
    let owner = outcome.owner;
    for (const rewriteBack of [...state.answerRewrites].reverse()) owner = rewriteBack(owner);
    const result: Resolution = { rcode: outcome.rcode ?? 'NOERROR', answerName: bare(owner), via };
    if (outcome.address !== undefined) result.answer = outcome.address;
    if (outcome.cname !== undefined) result.cname = outcome.cname;
    if (owner !== original && outcome.address !== undefined) {
      via.push(`answer is owned by ${bare(owner)}, not the name asked (${bare(original)}): strict resolvers ignore it`);
    }
    return result;
  }
  via.push('no plugin answered (CoreDNS: "no next plugin found")');
  return { rcode: 'SERVFAIL', via };
}

/** The block on port 53 (plain DNS) with the longest zone containing `name`. */
export function chooseBlock(blocks: ServerBlock[], name: string): ServerBlock | undefined {
  let best: { block: ServerBlock; zone: string } | undefined;
  for (const block of blocks) {
    for (const address of block.addresses) {
      if (address.port !== 53 || address.transport !== 'dns') continue;
      for (const zone of address.zones) {
        if (inZone(name, zone) && (!best || zone.length > best.zone.length)) best = { block, zone };
      }
    }
  }
  return best?.block;
}

/** CoreDNS refuses two blocks serving the same zone on the same transport and port. */
function duplicateAddress(blocks: ServerBlock[]): string | undefined {
  const seen = new Map<string, ServerBlock>();
  for (const block of blocks) {
    for (const address of block.addresses) {
      if (address.port === 0) continue; // {$PORT}: unknown offline
      for (const zone of address.zones) {
        const id = `${address.transport}://${zone}:${address.port}`;
        const other = seen.get(id);
        if (other && other !== block) return `${id} is defined by both "${other.keys.join(' ')}" (line ${other.line}) and "${block.keys.join(' ')}" (line ${block.line})`;
        seen.set(id, block);
      }
    }
  }
  return undefined;
}

/** Lines of each plugin, in line order, keyed by plugin name. */
function groupPlugins(plugins: Directive[]): Map<string, Directive[]> {
  const groups = new Map<string, Directive[]>();
  for (const d of plugins) groups.set(d.name, [...(groups.get(d.name) ?? []), d]);
  return groups;
}
