/**
 * One line of a Corefile (a plugin or a line inside a plugin's block).
 * All offsets in this module are string indices into `Corefile.text`; Corefiles are ASCII in
 * practice, where they equal byte offsets.
 */
export interface Directive {
  name: string;
  /** Arguments as CoreDNS sees them: quotes removed, `{$VAR}` left as written. */
  args: string[];
  /** The lines inside `{ … }`, when the directive has a block. */
  block?: Directive[];
  /** Offsets [start of the name, end of the last token or of the closing `}`]. */
  range: [number, number];
  /** 1-based line of the name. */
  line: number;
}

/** A plugin line directly inside a server block. `import` lines stay here as written. */
export type PluginDirective = Directive;

/** One listening address of a server block key, e.g. `dns://example.com:53`. */
export interface ServerAddress {
  key: string;
  transport: 'dns' | 'tls' | 'grpc' | 'https' | 'quic';
  /** Lower-case, fully qualified (`.`, `cluster.local.`); reverse zones for CIDR keys. */
  zones: string[];
  /** 0 when the port is an environment placeholder such as `{$DNS_PORT}`. */
  port: number;
}

export interface ServerBlock {
  /** The keys as written, e.g. `['.:53']` or `['example.com', 'example.org:5353']`. */
  keys: string[];
  /** Every zone of every key, normalised (see ServerAddress). */
  zones: string[];
  /** Port of the first key (53 unless stated). */
  port: number;
  addresses: ServerAddress[];
  plugins: PluginDirective[];
  /** [offset of the first key, offset just past the closing `}`]. */
  range: [number, number];
  /** [offset just past `{`, offset of the closing `}`]. */
  bodyRange: [number, number];
  line: number;
}

/** `(name) { … }`: a snippet, pasted where `import name` appears. */
export interface Snippet {
  name: string;
  body: Directive[];
  range: [number, number];
  line: number;
}

/** An `import` between server blocks (e.g. k3s's `import /etc/coredns/custom/*.server`). */
export interface TopLevelImport {
  args: string[];
  range: [number, number];
  line: number;
}

export interface Corefile {
  serverBlocks: ServerBlock[];
  snippets: Snippet[];
  imports: TopLevelImport[];
  text: string;
  source: string;
}
