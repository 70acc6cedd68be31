/**
 * Splits an API path the way the API server's RequestInfoFactory does:
 * /api/v1/namespaces/ns/pods/name/log → group '', version v1, namespace ns, resource pods, name, subresource log.
 */
export interface ResourceRequest {
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
  /** Path after `proxy` for proxy subresources, always starting with '/'. */
  proxyPath?: string;
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function parseResourcePath(pathname: string): ResourceRequest | undefined {
  const parts = pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);
  let group = '';
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else {
    return undefined;
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1]!;
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2]!)) {
      rest = rest.slice(2);
    } else {
      // /api/v1/namespaces/<name>[/status]: the namespace object itself.
      return { group, version, resource: 'namespaces', name: namespace, ...(rest[2] ? { subresource: rest[2] } : {}) };
    }
  }
  const [resource, name, subresource] = rest;
  if (!resource) return undefined;
  const req: ResourceRequest = { group, version, resource };
  if (namespace !== undefined) req.namespace = namespace;
  if (name !== undefined) req.name = name;
  if (subresource !== undefined) req.subresource = subresource;
  if (subresource === 'proxy') {
    const raw = pathname.split('/');
    const at = raw.indexOf('proxy', raw.indexOf(encodeURIComponent(name!)) + 1);
    req.proxyPath = `/${raw.slice(at + 1).join('/')}`;
  } else if (rest.length > 3) {
    return undefined;
  }
  return req;
}
