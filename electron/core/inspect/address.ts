/**
 * Host and port out of the ways a consumer names a provider: `host:port`, a URL
 * (`nats://host:4222`, `https://host`), a DSN with credentials and several hosts
 * (`mongodb://u:p@h1:27017,h2:27017/db?x=y`), or a libpq keyword string (`host=h port=5432`).
 */
export interface HostPort {
  host: string;
  port?: number;
}

export function parseAddresses(value: string): HostPort[] {
  const text = value.trim();
  if (!text || text.includes('$(')) return [];
  if (/(^|\s)host=/.test(text)) {
    const host = /(?:^|\s)host=([^\s]+)/.exec(text)?.[1];
    const port = /(?:^|\s)port=(\d+)/.exec(text)?.[1];
    return host ? [{ host, ...(port ? { port: Number(port) } : {}) }] : [];
  }
  const afterScheme = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const authority = afterScheme.split(/[/?#]/)[0] ?? '';
  const rest = authority.slice(authority.lastIndexOf('@') + 1);
  return rest
    .split(',')
    .filter(Boolean)
    .flatMap((part) => {
      const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(part);
      if (!m?.[1]) return [];
      return [{ host: m[1].toLowerCase(), ...(m[2] ? { port: Number(m[2]) } : {}) }];
    });
}

/** Whether `host` names Service `name` in `namespace`, in any of the forms cluster DNS answers. */
export function namesService(host: string, name: string, namespace: string, consumerNamespace: string, clusterDomain = 'cluster.local'): boolean {
  const h = host.replace(/\.$/, '').toLowerCase();
  const forms = [`${name}.${namespace}`, `${name}.${namespace}.svc`, `${name}.${namespace}.svc.${clusterDomain}`];
  if (namespace === consumerNamespace) forms.push(name);
  return forms.includes(h);
}
