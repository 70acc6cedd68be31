/**
 * Fault injection for tests and the demo: slow or failing verbs, throttling, dropped watches,
 * RBAC denials and expiring tokens. Mutable at run time through `Faults`.
 */
export interface VerbResourceMatch {
  /** get, list, watch, create, update, patch, delete, deletecollection; absent = any. */
  verb?: string;
  /** Plural resource, e.g. 'pods'; absent = any. */
  resource?: string;
  /** API group ('' = core); absent = any. */
  group?: string;
  namespace?: string;
}

export interface ErrorFault extends VerbResourceMatch {
  /** Probability 0..1 that a matching request fails with 500. */
  rate: number;
  message?: string;
}

export interface ThrottleFault extends VerbResourceMatch {
  /** Probability 0..1 that a matching request gets 429. */
  rate: number;
  retryAfterSeconds?: number;
}

export interface DenyRule {
  /** User name the rule applies to; absent = every user. */
  user?: string;
  verbs: string[];
  group: string;
  resource: string;
  namespace?: string;
}

export interface FaultConfig {
  /** Added to every API request: a fixed delay or a range picked at random. */
  latencyMs?: number | { min: number; max: number };
  errors?: ErrorFault[];
  throttle?: ThrottleFault[];
  /** Close every watch stream this long after it opened. */
  dropWatchesAfterMs?: number;
  deny?: DenyRule[];
  /** Bearer tokens stop working this long after the sandbox started (401 Unauthorized). */
  tokenTtlMs?: number;
}

export interface RequestAttributes {
  user: string;
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
}

function matches(m: VerbResourceMatch, a: RequestAttributes): boolean {
  return (m.verb === undefined || m.verb === a.verb) && (m.resource === undefined || m.resource === a.resource) && (m.group === undefined || m.group === a.group) && (m.namespace === undefined || m.namespace === a.namespace);
}

export class Faults {
  private config: FaultConfig = {};
  private tokenExpiresAt: number | undefined;
  private readonly watchClosers = new Set<() => void>();

  constructor(initial: FaultConfig = {}, private readonly random: () => number = Math.random) {
    this.set(initial);
  }

  /** Replaces the whole configuration. */
  set(config: FaultConfig): void {
    this.config = structuredClone(config);
    this.tokenExpiresAt = config.tokenTtlMs === undefined ? undefined : Date.now() + config.tokenTtlMs;
  }

  /** Merges into the configuration (arrays replace). */
  update(partial: Partial<FaultConfig>): void {
    this.set({ ...this.config, ...partial });
  }

  clear(): void {
    this.set({});
  }

  get(): FaultConfig {
    return structuredClone(this.config);
  }

  addDenyRule(rule: DenyRule): void {
    this.config.deny = [...(this.config.deny ?? []), rule];
  }

  /** Makes bearer tokens fail from now on (or after `inMs`). */
  expireTokens(inMs = 0): void {
    this.tokenExpiresAt = Date.now() + inMs;
  }

  tokenExpired(): boolean {
    return this.tokenExpiresAt !== undefined && Date.now() >= this.tokenExpiresAt;
  }

  /** Closes every open watch stream now, as a flaky load balancer would. */
  dropWatches(): number {
    const closers = [...this.watchClosers];
    for (const close of closers) close();
    return closers.length;
  }

  /** Internal: watches register how to close themselves. */
  trackWatch(close: () => void): () => void {
    this.watchClosers.add(close);
    return () => this.watchClosers.delete(close);
  }

  watchDropDelay(): number | undefined {
    return this.config.dropWatchesAfterMs;
  }

  latency(): number {
    const l = this.config.latencyMs;
    if (l === undefined) return 0;
    if (typeof l === 'number') return l;
    return l.min + this.random() * (l.max - l.min);
  }

  injectedError(a: RequestAttributes): ErrorFault | undefined {
    return this.config.errors?.find((e) => matches(e, a) && this.random() < e.rate);
  }

  injectedThrottle(a: RequestAttributes): ThrottleFault | undefined {
    return this.config.throttle?.find((e) => matches(e, a) && this.random() < e.rate);
  }

  denied(a: RequestAttributes): boolean {
    return (this.config.deny ?? []).some(
      (r) =>
        (r.user === undefined || r.user === a.user) &&
        (r.verbs.includes(a.verb) || r.verbs.includes('*')) &&
        (r.group === a.group || r.group === '*') &&
        (r.resource === a.resource || r.resource === '*') &&
        (r.namespace === undefined || r.namespace === a.namespace),
    );
  }
}

/** Kubernetes' wording of an RBAC denial. */
export function forbiddenMessage(a: RequestAttributes & { name?: string }): string {
  const gr = a.group ? `${a.resource}.${a.group}` : a.resource;
  const what = a.name ? `${gr} "${a.name}"` : gr;
  const where = a.namespace ? ` in the namespace "${a.namespace}"` : a.verb === 'list' || a.verb === 'watch' ? ' at the cluster scope' : '';
  return `${what} is forbidden: User "${a.user}" cannot ${a.verb} resource "${a.resource}" in API group "${a.group}"${where}`;
}
