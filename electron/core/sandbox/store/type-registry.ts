import { grKey, type ServedType } from './builtin-types.ts';
import type { GroupResource } from './types.ts';

/**
 * The kinds the store serves, looked up by group/resource (URLs, store calls) and by
 * group/kind (manifests name apiVersion + kind). CRDs add and remove entries at run time, so the
 * two indexes live together and change together.
 */
export class TypeRegistry {
  private readonly types = new Map<string, ServedType>();
  private readonly byKind = new Map<string, ServedType>();

  all(): ServedType[] {
    return [...this.types.values()];
  }

  get(gr: GroupResource): ServedType | undefined {
    return this.types.get(grKey(gr.group, gr.resource));
  }

  /** The type for a manifest's apiVersion and kind; undefined when that version is not served. */
  forKind(apiVersion: string, kind: string): ServedType | undefined {
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    const type = this.byKind.get(`${group}/${kind}`);
    return type && type.versions.includes(version) ? type : undefined;
  }

  /** The custom resource type a CRD of this name serves. */
  forCrd(crdName: string): ServedType | undefined {
    return this.all().find((t) => t.crdName === crdName);
  }

  /** Adds a type, or replaces it (a CRD update may change its versions or columns). */
  register(type: ServedType): void {
    this.types.set(grKey(type.group, type.resource), type);
    this.byKind.set(`${type.group}/${type.kind}`, type);
  }

  unregister(type: ServedType): void {
    this.types.delete(grKey(type.group, type.resource));
    this.byKind.delete(`${type.group}/${type.kind}`);
  }
}
