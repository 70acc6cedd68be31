import type { KubeObject } from '../../cluster/view.ts';
import type { ServedType } from '../store/builtin-types.ts';
import { getPath, setPath } from '../store/object-utils.ts';
import { HttpError } from './status.ts';

/** The autoscaling/v1 Scale view of a deployment, replica set or stateful set (the /scale subresource). */

type Selector = { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> };

function selectorString(selector: Selector | undefined): string {
  if (!selector) return '';
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    const op = e.operator.toLowerCase();
    if (op === 'exists') parts.push(e.key);
    else if (op === 'doesnotexist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${op} (${(e.values ?? []).join(',')})`);
  }
  return parts.join(',');
}

export function toScale(object: KubeObject, type?: ServedType): KubeObject {
  const paths = type?.scalePaths;
  const replicas = getPath(object, paths?.specReplicasPath ?? '.spec.replicas');
  const current = getPath(object, paths?.statusReplicasPath ?? '.status.replicas');
  const selector = paths ? (paths.labelSelectorPath ? getPath(object, paths.labelSelectorPath) : undefined) : selectorString((object.spec as { selector?: Selector } | undefined)?.selector);
  const meta = object.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: meta.name,
      ...(meta.namespace ? { namespace: meta.namespace } : {}),
      ...(meta.uid ? { uid: meta.uid } : {}),
      ...(meta.resourceVersion ? { resourceVersion: meta.resourceVersion } : {}),
      ...(meta.creationTimestamp ? { creationTimestamp: meta.creationTimestamp } : {}),
    },
    spec: { replicas: typeof replicas === 'number' ? replicas : 0 },
    status: { replicas: typeof current === 'number' ? current : 0, ...(typeof selector === 'string' ? { selector } : {}) },
  };
}

/** The live object with spec.replicas from a Scale; the Scale's resourceVersion (if any) guards the write. */
export function fromScale(live: KubeObject, scale: KubeObject, type?: ServedType): KubeObject {
  const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw new HttpError('Invalid', `Scale.autoscaling "${live.metadata.name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`, {
      causes: [{ field: 'spec.replicas', message: 'Invalid value: must be greater than or equal to 0', reason: 'FieldValueInvalid' }],
    });
  }
  const next = structuredClone(live) as KubeObject;
  setPath(next, type?.scalePaths?.specReplicasPath ?? '.spec.replicas', replicas);
  next.metadata.resourceVersion = scale.metadata?.resourceVersion || live.metadata.resourceVersion;
  return next;
}
