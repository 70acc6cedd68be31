import type { KubeObject } from '../cluster/view.ts';
import { withoutServerMetadata } from './changes.ts';

/** Labels the Job controller stamps on a Job and its pod template; a new Job gets fresh ones. */
const JOB_CONTROLLER_LABELS = ['controller-uid', 'job-name', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name'];
const JOB_CONTROLLER_ANNOTATIONS = ['batch.kubernetes.io/job-tracking'];

function dropKeys(map: Record<string, string> | undefined, keys: readonly string[]): Record<string, string> | undefined {
  if (!map) return undefined;
  const out = Object.fromEntries(Object.entries(map).filter(([k]) => !keys.includes(k)));
  return Object.keys(out).length ? out : undefined;
}

function setOrDelete(target: Record<string, unknown>, key: string, value: unknown) {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

/**
 * A copy of `obj` that can be created again: no server-set metadata, no status, and for Jobs none
 * of what the Job controller set (its generated selector and the controller-uid labels), which the
 * API server would reject on a new Job.
 */
export function recreatable(obj: KubeObject): KubeObject {
  const copy = withoutServerMetadata(obj);
  if (copy.kind !== 'Job') return copy;
  setOrDelete(copy.metadata, 'labels', dropKeys(copy.metadata.labels, JOB_CONTROLLER_LABELS));
  setOrDelete(copy.metadata, 'annotations', dropKeys(copy.metadata.annotations, JOB_CONTROLLER_ANNOTATIONS));
  const spec = (copy.spec ?? {}) as { manualSelector?: boolean; selector?: unknown; template?: { metadata?: Record<string, unknown> } };
  if (!spec.manualSelector) delete spec.selector;
  const tmeta = spec.template?.metadata;
  if (tmeta) {
    setOrDelete(tmeta, 'labels', dropKeys(tmeta.labels as Record<string, string> | undefined, JOB_CONTROLLER_LABELS));
    if (Object.keys(tmeta).length === 0 && spec.template) delete spec.template.metadata;
  }
  return copy;
}
