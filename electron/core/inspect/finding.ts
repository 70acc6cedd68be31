import { stringify } from 'yaml';
import type { KubeObject } from '../cluster/view.ts';
import { kindKeyOf } from '../cluster/view.ts';
import type { Evidence, Finding, FindingEdge, Severity } from '../../../shared/model/finding.ts';
import type { CheckContext } from './types.ts';

export interface FindingInput {
  checkId: string;
  severity: Severity;
  component: string;
  /** The object the finding is about: its namespace (undefined for cluster-scoped) and name. */
  namespace: string | undefined;
  name: string;
  detail?: string;
  title: string;
  explanation: string;
  evidence?: Evidence[];
  fixId?: string;
  edge?: FindingEdge;
}

/** Builds a finding with the stable id `<checkId>/<namespace or _>/<name>[/<detail>]`. */
export function finding(ctx: CheckContext, f: FindingInput): Finding {
  const id = [f.checkId, f.namespace || '_', f.name, ...(f.detail ? [f.detail] : [])].join('/');
  return {
    id,
    checkId: f.checkId,
    severity: f.severity,
    profile: ctx.inst.profile.name,
    component: f.component,
    title: f.title,
    explanation: f.explanation,
    evidence: f.evidence ?? [],
    ...(f.fixId ? { fixId: f.fixId } : {}),
    ...(f.edge ? { edge: f.edge } : {}),
  };
}

export function refOf(obj: KubeObject): Evidence['ref'] {
  return { kind: kindKeyOf(obj.apiVersion, obj.kind), ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}), name: obj.metadata.name };
}

/** Evidence pointing at an object, with a short YAML excerpt of `value` found at `path`. */
export function evidence(obj: KubeObject, path?: string, value?: unknown): Evidence {
  return {
    ref: refOf(obj),
    ...(path ? { path } : {}),
    ...(value !== undefined ? { excerpt: excerptOf(value) } : {}),
  };
}

/** Evidence for an object that should exist but does not. */
export function missingEvidence(kind: string, namespace: string | undefined, name: string, excerpt = 'not found'): Evidence {
  return { ref: { kind, ...(namespace ? { namespace } : {}), name }, excerpt };
}

const MAX_EXCERPT = 600;

export function excerptOf(value: unknown): string {
  const text = typeof value === 'string' ? value : stringify(value, { lineWidth: 0 }).trimEnd();
  return text.length > MAX_EXCERPT ? `${text.slice(0, MAX_EXCERPT)}\n…` : text;
}

/**
 * A kind the view could not list: say so instead of concluding the objects are missing.
 * Returns the info finding when `kind` is forbidden, otherwise undefined.
 */
export function forbiddenFinding(ctx: CheckContext, kind: string, what: string): Finding | undefined {
  const state = ctx.view.kindState(kind);
  if (state.state !== 'forbidden') return undefined;
  return finding(ctx, {
    checkId: 'inspect.forbidden',
    severity: 'info',
    component: '_access',
    namespace: undefined,
    name: kind,
    title: `Could not check ${what}: forbidden`,
    explanation: `Listing ${kind} was refused (${state.reason}), so ${what} was not checked. Grant list/watch on ${kind} to include it.`,
  });
}

/** True when nothing can be concluded from the absence of objects of `kind` (forbidden). */
export const isForbidden = (ctx: CheckContext, kind: string) => ctx.view.kindState(kind).state === 'forbidden';
