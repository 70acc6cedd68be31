import { isPlainObject, type JsonObject } from './values.ts';

/**
 * Field paths and sets in the spelling of Kubernetes' managedFields (FieldsV1): each path element
 * is `f:<field>`, `k:<json object of list-map keys>`, `v:<json value>` (set item) or `i:<index>`.
 */
export type FieldPath = readonly string[];

export const fieldElement = (name: string): string => `f:${name}`;
export const valueElement = (value: unknown): string => `v:${JSON.stringify(value)}`;
/** `k:{"containerPort":80,"protocol":"TCP"}`: key fields sorted by name, as Kubernetes writes them. */
export const keyElement = (keys: Record<string, unknown>): string =>
  `k:${JSON.stringify(Object.fromEntries(Object.keys(keys).sort().map((k) => [k, keys[k]])))}`;

const elementRank: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** Kubernetes orders path elements by kind (field < key < value < index), then by content. */
function compareElements(a: string, b: string): number {
  const rank = (elementRank[a[0]!] ?? 4) - (elementRank[b[0]!] ?? 4);
  if (rank !== 0) return rank;
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePaths(a: FieldPath, b: FieldPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareElements(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** `.spec.template.spec.containers[name="web"].image`, the form Kubernetes uses in conflict messages. */
export function describePath(path: FieldPath): string {
  return path
    .map((element) => {
      const body = element.slice(2);
      switch (element[0]) {
        case 'f':
          return `.${body}`;
        case 'k': {
          const keys = JSON.parse(body) as JsonObject;
          return `[${Object.entries(keys).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
        }
        case 'v':
          return `[=${body}]`;
        default:
          return `[${body}]`;
      }
    })
    .join('');
}

/**
 * A path's identity in a set. Elements are joined with NUL: JSON inside k:/v: elements escapes
 * it, and Kubernetes field names cannot contain it.
 */
export const pathKey = (path: FieldPath): string => path.join('\u0000');
export const childKey = (parentKey: string, element: string): string => (parentKey ? `${parentKey}\u0000${element}` : element);
const keyOf = pathKey;

/** An immutable set of field paths. */
export class FieldSet {
  private members: ReadonlyMap<string, FieldPath>;

  constructor(paths: Iterable<FieldPath> = []) {
    const members = new Map<string, FieldPath>();
    for (const path of paths) members.set(keyOf(path), path);
    this.members = members;
  }

  /** Builds a set from members keyed with pathKey (set algebra reuses keys instead of re-joining). */
  static of(members: Map<string, FieldPath>): FieldSet {
    const set = new FieldSet();
    set.members = members;
    return set;
  }

  get size(): number {
    return this.members.size;
  }

  has(path: FieldPath): boolean {
    return this.members.has(keyOf(path));
  }

  /** Members in Kubernetes' order. */
  paths(): FieldPath[] {
    return [...this.members.values()].sort(comparePaths);
  }

  union(other: FieldSet): FieldSet {
    if (other.size === 0) return this;
    if (this.size === 0) return other;
    return FieldSet.of(new Map([...this.members, ...other.members]));
  }

  difference(other: FieldSet): FieldSet {
    if (other.size === 0 || this.size === 0) return this;
    return FieldSet.of(new Map([...this.members].filter(([key]) => !other.members.has(key))));
  }

  intersection(other: FieldSet): FieldSet {
    return FieldSet.of(new Map([...this.members].filter(([key]) => other.members.has(key))));
  }

  equals(other: FieldSet): boolean {
    if (this.size !== other.size) return false;
    for (const key of this.members.keys()) if (!other.members.has(key)) return false;
    return true;
  }

  /** Whether `prefix` itself or anything beneath it is a member. */
  hasAtOrUnder(prefix: FieldPath): boolean {
    for (const path of this.members.values()) {
      if (path.length >= prefix.length && prefix.every((element, i) => path[i] === element)) return true;
    }
    return false;
  }

  /** The FieldsV1 object: nested elements, `{}` for a leaf, `".": {}` for a member with children. */
  toFieldsV1(): JsonObject {
    interface Node { member: boolean; children: Map<string, Node> }
    const root: Node = { member: false, children: new Map() };
    for (const path of this.members.values()) {
      let node = root;
      for (const element of path) {
        let child = node.children.get(element);
        if (!child) node.children.set(element, (child = { member: false, children: new Map() }));
        node = child;
      }
      node.member = true;
    }
    const encode = (node: Node): JsonObject => {
      const out: JsonObject = {};
      if (node.member && node.children.size > 0) out['.'] = {};
      for (const element of [...node.children.keys()].sort(compareElements)) out[element] = encode(node.children.get(element)!);
      return out;
    };
    return encode(root);
  }

  /** Parses FieldsV1; throws an Error naming the bad element when it is not well formed. */
  static fromFieldsV1(fields: unknown): FieldSet {
    const paths: FieldPath[] = [];
    const walk = (node: unknown, path: string[]): void => {
      if (!isPlainObject(node)) throw new Error(`fieldsV1 at ${describePath(path) || '.'} is not an object`);
      const entries = Object.entries(node);
      if (entries.length === 0 && path.length > 0) paths.push(path);
      for (const [element, child] of entries) {
        if (element === '.') {
          if (path.length > 0) paths.push(path);
          continue;
        }
        if (!/^[fkvi]:/.test(element)) throw new Error(`fieldsV1 element ${JSON.stringify(element)} at ${describePath(path) || '.'} is not f:, k:, v: or i:`);
        if (element[0] === 'k' || element[0] === 'v') {
          try {
            JSON.parse(element.slice(2));
          } catch {
            throw new Error(`fieldsV1 element ${JSON.stringify(element)} at ${describePath(path) || '.'} does not hold JSON`);
          }
        }
        walk(child, [...path, element]);
      }
    };
    walk(fields, []);
    return new FieldSet(paths);
  }
}
