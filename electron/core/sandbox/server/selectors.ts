import type { KubeObject } from '../../cluster/view.ts';
import { HttpError } from './status.ts';

/** labelSelector and fieldSelector query parameters, parsed once and tested per object. */

type LabelRequirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!exists' };

export type Predicate = (object: KubeObject) => boolean;

/** Splits on commas outside parentheses: "a in (x,y),b" → ["a in (x,y)", "b"]. */
function splitTerms(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

const KEY = /^([a-z0-9A-Z]([a-z0-9A-Z._/-]*[a-z0-9A-Z])?)$/;

function checkKey(key: string, selector: string): string {
  if (!KEY.test(key)) throw new HttpError('BadRequest', `unable to parse requirement: invalid label key "${key}" in selector "${selector}"`);
  return key;
}

export function parseLabelSelector(selector: string | null): Predicate | undefined {
  if (!selector || selector.trim() === '') return undefined;
  const reqs: LabelRequirement[] = [];
  for (const term of splitTerms(selector)) {
    let m: RegExpMatchArray | null;
    if ((m = term.match(/^(\S+?)\s+(in|notin)\s*\((.*)\)$/))) {
      reqs.push({ key: checkKey(m[1]!, selector), op: m[2] as 'in' | 'notin', values: m[3]!.split(',').map((v) => v.trim()) });
    } else if ((m = term.match(/^(\S+?)\s*(==|!=|=)\s*(\S*)$/))) {
      reqs.push({ key: checkKey(m[1]!, selector), op: m[2] === '!=' ? 'notin' : 'in', values: [m[3]!] });
    } else if ((m = term.match(/^!\s*(\S+)$/))) {
      reqs.push({ key: checkKey(m[1]!, selector), op: '!exists' });
    } else if ((m = term.match(/^(\S+)$/))) {
      reqs.push({ key: checkKey(m[1]!, selector), op: 'exists' });
    } else {
      throw new HttpError('BadRequest', `unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }
  return (object) => {
    const labels = object.metadata.labels ?? {};
    return reqs.every((r) => {
      const has = Object.prototype.hasOwnProperty.call(labels, r.key);
      switch (r.op) {
        case 'exists':
          return has;
        case '!exists':
          return !has;
        case 'in':
          return has && r.values.includes(labels[r.key]!);
        case 'notin':
          return !has || !r.values.includes(labels[r.key]!);
      }
    });
  };
}

function fieldValue(object: KubeObject, path: string): string {
  let cur: unknown = object;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur === undefined || cur === null ? '' : String(cur);
}

/** Field labels each kind supports beyond metadata.name and metadata.namespace (the API server refuses others). */
const FIELD_LABELS: Record<string, string[]> = {
  pods: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
  events: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  secrets: ['type'],
  nodes: ['spec.unschedulable'],
  namespaces: ['status.phase'],
  'jobs.batch': ['status.successful'],
  'replicasets.apps': ['status.replicas'],
  'certificatesigningrequests.certificates.k8s.io': ['spec.signerName'],
};

export function parseFieldSelector(selector: string | null, resourceKey?: string, custom = false, selectable: string[] = []): Predicate | undefined {
  if (!selector || selector.trim() === '') return undefined;
  const reqs: Array<{ path: string; negate: boolean; value: string }> = [];
  const allowed = resourceKey === undefined ? undefined : ['metadata.name', 'metadata.namespace', ...(FIELD_LABELS[resourceKey] ?? []), ...selectable];
  for (const term of splitTerms(selector)) {
    const m = term.match(/^([A-Za-z0-9_.]+)\s*(==|!=|=)\s*(.*)$/);
    if (!m) throw new HttpError('BadRequest', `invalid selector: '${selector}'; can't understand '${term}'`);
    if (allowed && !allowed.includes(m[1]!)) {
      const known = ['metadata.name', 'metadata.namespace', ...selectable].map((f) => `"${f}"`).join(', ');
      throw new HttpError('BadRequest', custom ? `"${m[1]}" is not a known field selector: only ${known}` : `field label not supported: ${m[1]}`);
    }
    reqs.push({ path: m[1]!, negate: m[2] === '!=', value: m[3]! });
  }
  return (object) => reqs.every((r) => (fieldValue(object, r.path) === r.value) !== r.negate);
}

export function combine(...predicates: Array<Predicate | undefined>): Predicate | undefined {
  const real = predicates.filter((p): p is Predicate => p !== undefined);
  if (real.length === 0) return undefined;
  if (real.length === 1) return real[0];
  return (o) => real.every((p) => p(o));
}
