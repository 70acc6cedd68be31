/**
 * @peculiar/x509 resolves its algorithm providers through tsyringe, which refuses to load
 * without the Reflect metadata API (normally the `reflect-metadata` package, not installed
 * here). This is the small subset tsyringe calls; it must be imported before @peculiar/x509.
 */
type MetadataMap = Map<unknown, unknown>;
const store = new WeakMap<object, Map<string | symbol | undefined, MetadataMap>>();

function mapFor(target: object, property: string | symbol | undefined, create: boolean): MetadataMap | undefined {
  let byProperty = store.get(target);
  if (!byProperty) {
    if (!create) return undefined;
    store.set(target, (byProperty = new Map()));
  }
  let map = byProperty.get(property);
  if (!map && create) byProperty.set(property, (map = new Map()));
  return map;
}

const R = Reflect as unknown as Record<string, unknown>;
if (typeof R.getMetadata !== 'function') {
  const getOwnMetadata = (key: unknown, target: object, property?: string | symbol) => mapFor(target, property, false)?.get(key);
  const getMetadata = (key: unknown, target: object, property?: string | symbol): unknown => {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t) as object | null) {
      const map = mapFor(t, property, false);
      if (map?.has(key)) return map.get(key);
    }
    return undefined;
  };
  Object.assign(R, {
    defineMetadata: (key: unknown, value: unknown, target: object, property?: string | symbol) => void mapFor(target, property, true)!.set(key, value),
    getOwnMetadata,
    getMetadata,
    hasOwnMetadata: (key: unknown, target: object, property?: string | symbol) => mapFor(target, property, false)?.has(key) ?? false,
    hasMetadata: (key: unknown, target: object, property?: string | symbol) => getMetadata(key, target, property) !== undefined,
    metadata: (key: unknown, value: unknown) => (target: object, property?: string | symbol) => void mapFor(target, property, true)!.set(key, value),
  });
}

export {};
