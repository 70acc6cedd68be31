import type { Directive, ServerBlock } from './types.ts';

export interface ClusterService {
  name: string;
  namespace: string;
  /** `None` (or `headless: true`) makes the Service headless. */
  clusterIP: string;
  headless?: boolean;
  podIPs?: string[];
}

/** What the simulated CoreDNS knows about the cluster around it (nothing is read from disk). */
export interface ClusterDns {
  /** The cluster domain Services live under; default `cluster.local`. */
  zone?: string;
  services: ClusterService[];
  /** Files the `hosts` plugin reads, by path (e.g. k3s's `/etc/coredns/NodeHosts`). */
  extraHosts?: Record<string, string>;
  /** k3s/AKS `coredns-custom` `*.override` snippets, pasted where `import …*.override` stands. */
  overrides?: string[];
  /** Other files `import` may name (e.g. `/etc/coredns/custom/team.server`), by path. */
  importFiles?: Record<string, string>;
}

export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';

export interface Resolution {
  rcode: Rcode;
  /** The A record's address, when there is one. */
  answer?: string;
  /** The owner name of that A record as the client sees it (after answer rewrites), without the final dot. */
  answerName?: string;
  /** A CNAME target the server returned without chasing it (template answers). */
  cname?: string;
  /** Human-readable trail, e.g. `server block .:53`, `rewrite name exact a → b`. */
  via: string[];
}

/** The query as it travels down the plugin chain. */
export interface QueryState {
  /** The name asked, fully qualified and lower-case. */
  original: string;
  /** The name after rewrites so far. */
  qname: string;
  block: ServerBlock;
  cluster: ClusterDns;
  via: string[];
  /** Answer-name rewrites to apply to the response, in the order the rules matched. */
  answerRewrites: Array<(owner: string) => string>;
}

/** What one plugin did with the query. */
export type PluginOutcome =
  | { kind: 'next' }
  | { kind: 'rcode'; rcode: Rcode }
  | { kind: 'answer'; owner: string; address?: string; cname?: string; rcode?: Rcode };

/** A simulated plugin: every line of that plugin in the server block, in line order. */
export type PluginHandler = (lines: Directive[], state: QueryState) => PluginOutcome;

/** Display form of a name: no final dot (except the root). */
export const bare = (name: string): string => (name.length > 1 && name.endsWith('.') ? name.slice(0, -1) : name);
