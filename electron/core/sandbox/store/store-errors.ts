import type { KubeObject } from '../../cluster/view.ts';
import type { ServedType } from './builtin-types.ts';
import { StoreError } from './types.ts';

/** `deployments.apps` — the resource as the API server names it in messages. */
export function resourceLabel(type: ServedType): string {
  return type.group ? `${type.resource}.${type.group}` : type.resource;
}

export function notFound(type: ServedType, name: string): StoreError {
  return new StoreError('NotFound', `${resourceLabel(type)} "${name}" not found`);
}

/** The optimistic-concurrency failure kubectl and controllers retry on. */
export function conflict(type: ServedType, name: string): StoreError {
  return new StoreError(
    'Conflict',
    `Operation cannot be fulfilled on ${resourceLabel(type)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
  );
}

/** DeleteOptions.preconditions: a delete aimed at an older incarnation or version of the object must fail, not hit the new one. */
export function checkDeletePreconditions(type: ServedType, live: KubeObject, pre: { uid?: string; resourceVersion?: string } | undefined): void {
  const name = live.metadata.name;
  if (pre?.uid && pre.uid !== live.metadata.uid) {
    throw new StoreError('Conflict', `Operation cannot be fulfilled on ${resourceLabel(type)} "${name}": Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${live.metadata.uid}`);
  }
  if (pre?.resourceVersion && pre.resourceVersion !== live.metadata.resourceVersion) {
    throw new StoreError('Conflict', `Operation cannot be fulfilled on ${resourceLabel(type)} "${name}": Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${live.metadata.resourceVersion}`);
  }
}
