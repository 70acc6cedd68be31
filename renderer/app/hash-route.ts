/** Routes live in the URL hash (`#/findings?id=…`) so every view can be linked to and reloaded. */

/** Where the console opens: the stack's health at a glance. */
export const DEFAULT_ROUTE = 'overview';

export interface HashRoute {
  route: string;
  params: Record<string, string>;
}

/** `#/findings?id=a/b` → { route: "findings", params: { id: "a/b" } }. */
export function parseHash(hash: string): HashRoute {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const route = (q < 0 ? raw : raw.slice(0, q)) || DEFAULT_ROUTE;
  const params = q < 0 ? {} : Object.fromEntries(new URLSearchParams(raw.slice(q + 1)));
  return { route, params };
}

/** The hash for a route and its parameters; the inverse of parseHash. */
export function hrefOf(route: string, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return `#/${route}${query ? `?${query}` : ''}`;
}
