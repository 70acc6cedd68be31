import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../electron/core/cluster/view.ts';
import { StoreError } from '../../../electron/core/sandbox/store/types.ts';
import { serverSideApply, trackUpdate } from '../../../electron/core/sandbox/patch/index.ts';

type Obj = Record<string, unknown>;
type Entry = { manager: string; operation: string; apiVersion: string; time?: string; fieldsType: string; fieldsV1: Obj; subresource?: string };
const at = (obj: unknown, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Obj | undefined)?.[k], obj);
const entries = (obj: KubeObject) => (obj.metadata.managedFields ?? []) as Entry[];
const entryOf = (obj: KubeObject, manager: string, operation = 'Apply') => entries(obj).find((e) => e.manager === manager && e.operation === operation);
const T1 = '2026-11-22T01:00:00Z';
const T2 = '2026-11-22T02:00:00Z';
const T3 = '2026-11-22T03:00:00Z';

/** A Deployment configuration; without `spec` it applies no spec at all (an empty spec would be owned as a value). */
function deployment(spec?: Obj, extra: Obj = {}): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'demo', ...extra }, ...(spec ? { spec } : {}) };
}
const podTemplate = (...containers: Obj[]) => ({ metadata: { labels: { app: 'web' } }, spec: { containers } });
const apply = (live: KubeObject | undefined, applied: KubeObject, manager: string, now: string, force = false) => serverSideApply(live, applied, { manager, now, force });
/** What the store would add on create, so tests see server-set metadata too. */
const stored = (obj: KubeObject): KubeObject => ({ ...obj, metadata: { ...obj.metadata, uid: 'u-1', resourceVersion: '10', generation: 1, creationTimestamp: T1 } });

function conflict(fn: () => unknown, message: string, causes: Obj[]): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof StoreError);
    assert.equal(err.reason, 'Conflict');
    assert.equal(err.message, message);
    assert.deepEqual(err.details?.causes, causes);
    return true;
  });
}

describe('server-side apply', () => {
  test('create by apply records an Apply entry in the real FieldsV1 format', () => {
    const applied = deployment({ replicas: 2, selector: { matchLabels: { app: 'web' } }, template: podTemplate({ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }) }, { labels: { app: 'web' } });
    const out = apply(undefined, applied, 'kubectl', T1);
    assert.equal(at(out, 'spec.replicas'), 2);
    assert.deepEqual(out.metadata.labels, { app: 'web' });
    assert.deepEqual(entries(out), [{
      manager: 'kubectl',
      operation: 'Apply',
      apiVersion: 'apps/v1',
      time: T1,
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:labels': { 'f:app': {} } },
        'f:spec': {
          'f:replicas': {},
          'f:selector': {}, // a LabelSelector is atomic: owned as one value
          'f:template': {
            'f:metadata': { 'f:labels': { 'f:app': {} } },
            'f:spec': {
              'f:containers': {
                'k:{"name":"web"}': {
                  '.': {},
                  'f:image': {},
                  'f:name': {},
                  'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
                },
              },
            },
          },
        },
      },
    }]);
    assert.equal(applied.metadata.managedFields, undefined, 'input untouched');
  });

  test('reapplying the same configuration changes nothing, not even the time', () => {
    const applied = deployment({ replicas: 2, template: podTemplate({ name: 'web', image: 'nginx' }) });
    const first = stored(apply(undefined, applied, 'kubectl', T1));
    const again = apply(first, applied, 'kubectl', T2);
    assert.deepEqual(again, first);
    const changed = apply(first, deployment({ replicas: 3, template: podTemplate({ name: 'web', image: 'nginx' }) }), 'kubectl', T2);
    assert.equal(entryOf(changed, 'kubectl')!.time, T2);
    assert.deepEqual(entryOf(changed, 'kubectl')!.fieldsV1, entryOf(first, 'kubectl')!.fieldsV1, 'same fields, only time moves');
  });

  test('a field dropped from the applied configuration is removed from the object', () => {
    const first = stored(apply(undefined, deployment({ replicas: 2, paused: false, template: podTemplate({ name: 'web', image: 'nginx' }, { name: 'side', image: 'busybox' }) }, { labels: { app: 'web', tier: 'front' } }), 'kubectl', T1));
    const out = apply(first, deployment({ replicas: 2, template: podTemplate({ name: 'web', image: 'nginx' }) }, { labels: { app: 'web' } }), 'kubectl', T2);
    assert.equal(at(out, 'spec.paused'), undefined);
    assert.deepEqual(out.metadata.labels, { app: 'web' });
    assert.deepEqual((at(out, 'spec.template.spec.containers') as Obj[]).map((c) => c.name), ['web']);
    assert.equal(out.metadata.uid, 'u-1', 'server metadata kept');
    assert.ok(!JSON.stringify(entries(out)).includes('side'));
  });

  test('dropping every label removes the emptied labels map too', () => {
    const first = stored(apply(undefined, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: '1' } }, data: { k: 'v' } }, 'kubectl', T1));
    const out = apply(first, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { k: 'v' } }, 'kubectl', T2);
    assert.equal(out.metadata.labels, undefined);
    assert.equal(out.metadata.name, 'c');
  });

  test('two managers applying the same value share it without conflict, and it survives one letting go', () => {
    const a = stored(apply(undefined, deployment({ replicas: 3 }), 'alpha', T1));
    const both = apply(a, deployment({ replicas: 3 }), 'beta', T2);
    assert.deepEqual(entryOf(both, 'alpha')!.fieldsV1, { 'f:spec': { 'f:replicas': {} } });
    assert.deepEqual(entryOf(both, 'beta')!.fieldsV1, { 'f:spec': { 'f:replicas': {} } });
    const released = apply(both, deployment(), 'alpha', T3);
    assert.equal(at(released, 'spec.replicas'), 3, 'beta still owns it');
    assert.equal(entryOf(released, 'alpha'), undefined, 'an entry with no fields is dropped');
  });

  test('a different value for a field another applier owns is a conflict with Kubernetes\' message', () => {
    const a = stored(apply(undefined, deployment({ replicas: 3 }), 'alpha', T1));
    conflict(() => apply(a, deployment({ replicas: 5 }), 'beta', T2), 'Apply failed with 1 conflict: conflict with "alpha": .spec.replicas', [
      { reason: 'FieldManagerConflict', message: 'conflict with "alpha"', field: '.spec.replicas' },
    ]);
  });

  test('an Update by kubectl-client-side-apply then a server-side apply conflicts, naming its API version', () => {
    const created = stored(trackUpdate(undefined, deployment({ replicas: 1, template: podTemplate({ name: 'web', image: 'nginx' }) }), { manager: 'kubectl-client-side-apply', now: T1, operation: 'Update' }));
    assert.equal(entryOf(created, 'kubectl-client-side-apply', 'Update')!.apiVersion, 'apps/v1');
    conflict(
      () => apply(created, deployment({ replicas: 4, template: podTemplate({ name: 'web', image: 'nginx:2' }) }), 'kubectl', T2),
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="web"].image',
      [
        { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' },
        { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.template.spec.containers[name="web"].image' },
      ],
    );
    conflict(() => apply(created, deployment({ replicas: 4 }), 'kubectl', T2), 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas', [
      { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' },
    ]);
  });

  test('kubectl scale (an Update through the scale subresource) makes a later apply of replicas conflict', () => {
    const applied = deployment({ replicas: 2, template: podTemplate({ name: 'web', image: 'nginx' }) });
    const live = stored(apply(undefined, applied, 'kubectl', T1));
    const scaled = trackUpdate(live, { ...live, spec: { ...(live.spec as Obj), replicas: 5 } }, { manager: 'kubectl', now: T2, operation: 'Update', subresource: 'scale' });
    const scaleEntry = entryOf(scaled, 'kubectl', 'Update')!;
    assert.equal(scaleEntry.subresource, 'scale');
    assert.deepEqual(scaleEntry.fieldsV1, { 'f:spec': { 'f:replicas': {} } });
    assert.ok(!('f:replicas' in (entryOf(scaled, 'kubectl')!.fieldsV1['f:spec'] as Obj)), 'the applier lost replicas to the scale');
    conflict(() => apply(scaled, applied, 'kubectl', T3), 'Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas', [
      { reason: 'FieldManagerConflict', message: 'conflict with "kubectl" with subresource "scale" using apps/v1', field: '.spec.replicas' },
    ]);
    assert.equal(at(apply(scaled, deployment({ template: podTemplate({ name: 'web', image: 'nginx' }) }), 'kubectl', T3), 'spec.replicas'), 5, 'applying without replicas keeps the scaled value');
  });

  test('force takes the field over: the value changes and the old owner loses it', () => {
    const a = stored(apply(undefined, deployment({ replicas: 3, paused: true }), 'alpha', T1));
    const out = apply(a, deployment({ replicas: 5 }), 'beta', T2, true);
    assert.equal(at(out, 'spec.replicas'), 5);
    assert.deepEqual(entryOf(out, 'alpha')!.fieldsV1, { 'f:spec': { 'f:paused': {} } });
    assert.deepEqual(entryOf(out, 'beta')!.fieldsV1, { 'f:spec': { 'f:replicas': {} } });
    const back = apply(out, deployment({ replicas: 3, paused: true }), 'alpha', T3, true);
    assert.equal(at(back, 'spec.replicas'), 3);
    assert.equal(entryOf(back, 'beta'), undefined);
  });

  test('containers merge by name between two appliers, each owning its own container', () => {
    const a = stored(apply(undefined, deployment({ template: podTemplate({ name: 'app', image: 'app:1' }) }), 'alpha', T1));
    const both = apply(a, deployment({ template: { spec: { containers: [{ name: 'proxy', image: 'envoy:1' }] } } }), 'beta', T2);
    assert.deepEqual((at(both, 'spec.template.spec.containers') as Obj[]).map((c) => `${c.name}=${c.image}`), ['app=app:1', 'proxy=envoy:1']);
    const containersOf = (e: Entry) => Object.keys(at(e.fieldsV1, 'f:spec.f:template.f:spec.f:containers') as Obj);
    assert.deepEqual(containersOf(entryOf(both, 'alpha')!), ['k:{"name":"app"}']);
    assert.deepEqual(containersOf(entryOf(both, 'beta')!), ['k:{"name":"proxy"}']);
    const updated = apply(both, deployment({ template: podTemplate({ name: 'app', image: 'app:2' }) }), 'alpha', T3);
    assert.deepEqual((at(updated, 'spec.template.spec.containers') as Obj[]).map((c) => `${c.name}=${c.image}`), ['app=app:2', 'proxy=envoy:1']);
    const dropped = apply(updated, deployment(), 'beta', T3);
    assert.deepEqual((at(dropped, 'spec.template.spec.containers') as Obj[]).map((c) => c.name), ['app']);
  });

  test('env merges by name and service ports by port+protocol (protocol defaulted to TCP in the key)', () => {
    const svc = stored(apply(undefined, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api' }, spec: { ports: [{ name: 'http', port: 80 }] } }, 'alpha', T1));
    const out = apply(svc, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api' }, spec: { ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] } }, 'beta', T2);
    assert.deepEqual(at(out, 'spec.ports'), [{ name: 'http', port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' }]);
    assert.deepEqual(Object.keys(at(entryOf(out, 'alpha')!.fieldsV1, 'f:spec.f:ports') as Obj), ['k:{"port":80,"protocol":"TCP"}']);
    assert.deepEqual(Object.keys(at(entryOf(out, 'beta')!.fieldsV1, 'f:spec.f:ports') as Obj), ['k:{"port":53,"protocol":"UDP"}']);
  });

  test('finalizers are a set: each manager owns its own value', () => {
    const a = stored(apply(undefined, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', finalizers: ['a.io/x'] } }, 'alpha', T1));
    const both = apply(a, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', finalizers: ['b.io/y'] } }, 'beta', T2);
    assert.deepEqual(both.metadata.finalizers, ['a.io/x', 'b.io/y']);
    assert.deepEqual(entryOf(both, 'beta')!.fieldsV1, { 'f:metadata': { 'f:finalizers': { 'v:"b.io/y"': {} } } });
    const gone = apply(both, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, 'alpha', T3);
    assert.deepEqual(gone.metadata.finalizers, ['b.io/y']);
  });

  test('custom resource lists are atomic: a different list from another applier conflicts on the whole list', () => {
    const cr = (items: Obj[]): KubeObject => ({ apiVersion: 'tracetest.io/v1', kind: 'Environment', metadata: { name: 'pr-1' }, spec: { items } });
    const a = stored(apply(undefined, cr([{ name: 'x' }]), 'alpha', T1));
    assert.deepEqual(entryOf(a, 'alpha')!.fieldsV1, { 'f:spec': { 'f:items': {} } });
    conflict(() => apply(a, cr([{ name: 'y' }]), 'beta', T2), 'Apply failed with 1 conflict: conflict with "alpha": .spec.items', [
      { reason: 'FieldManagerConflict', message: 'conflict with "alpha"', field: '.spec.items' },
    ]);
  });

  test('server-set metadata is never owned, by apply or by update', () => {
    const live = stored(apply(undefined, deployment({ replicas: 1 }), 'kubectl', T1));
    const bumped = trackUpdate(live, { ...live, metadata: { ...live.metadata, resourceVersion: '11', generation: 2 } }, { manager: 'kube-controller-manager', now: T2, operation: 'Update' });
    assert.equal(entryOf(bumped, 'kube-controller-manager', 'Update'), undefined);
    const text = JSON.stringify(entries(bumped));
    for (const field of ['f:uid', 'f:resourceVersion', 'f:generation', 'f:creationTimestamp', 'f:managedFields', 'f:name', 'f:namespace']) assert.ok(!text.includes(field), field);
  });

  test('status applies are tracked with subresource status and leave spec alone', () => {
    const live = stored(apply(undefined, deployment({ replicas: 1 }), 'kubectl', T1));
    const out = serverSideApply(live, { ...deployment({ replicas: 9 }), status: { readyReplicas: 1, conditions: [{ type: 'Available', status: 'True' }] } }, { manager: 'sandbox-deployment-controller', now: T2, force: false, subresource: 'status' });
    assert.equal(at(out, 'spec.replicas'), 1);
    assert.equal(at(out, 'status.readyReplicas'), 1);
    const entry = entryOf(out, 'sandbox-deployment-controller')!;
    assert.equal(entry.subresource, 'status');
    assert.deepEqual(entry.fieldsV1, { 'f:status': { 'f:conditions': { 'k:{"type":"Available"}': { '.': {}, 'f:status': {}, 'f:type': {} } }, 'f:readyReplicas': {} } });
    const mainApply = apply(out, { ...deployment({ replicas: 1 }), status: { readyReplicas: 7 } }, 'kubectl', T3);
    assert.equal(at(mainApply, 'status.readyReplicas'), 1, 'the main resource ignores status');
  });

  test('trackUpdate: create owns every field, a later update takes only what it changed, removals leave every set', () => {
    const created = stored(trackUpdate(undefined, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: '1' } }, data: { x: '1', y: '2' } }, { manager: 'kubectl-create', now: T1, operation: 'Update' }));
    // Maps the write brought into being are owned whole too ("."), as Kubernetes records them.
    assert.deepEqual(entryOf(created, 'kubectl-create', 'Update')!.fieldsV1, { 'f:data': { '.': {}, 'f:x': {}, 'f:y': {} }, 'f:metadata': { 'f:labels': { '.': {}, 'f:a': {} } } });
    const edited = trackUpdate(created, { ...created, data: { x: '10', z: '3' } }, { manager: 'kubectl-edit', now: T2, operation: 'Update' });
    assert.deepEqual(entryOf(edited, 'kubectl-create', 'Update')!.fieldsV1, { 'f:data': {}, 'f:metadata': { 'f:labels': { '.': {}, 'f:a': {} } } });
    assert.deepEqual(entryOf(edited, 'kubectl-edit', 'Update')!.fieldsV1, { 'f:data': { 'f:x': {}, 'f:z': {} } });
    assert.equal(entryOf(edited, 'kubectl-edit', 'Update')!.time, T2);
    const same = trackUpdate(edited, structuredClone(edited), { manager: 'other', now: T3, operation: 'Update' });
    assert.deepEqual(same.metadata.managedFields, edited.metadata.managedFields, 'a no-op update records nothing');
  });

  test('Apply entries sort before Update entries', () => {
    const created = stored(trackUpdate(undefined, deployment({ replicas: 1 }), { manager: 'kubectl-create', now: T1, operation: 'Update' }));
    const out = apply(created, deployment({ paused: true }), 'kubectl', T2);
    assert.deepEqual(entries(out).map((e) => `${e.manager}/${e.operation}`), ['kubectl/Apply', 'kubectl-create/Update']);
  });

  test('malformed configurations are BadRequests with Kubernetes\' wording', () => {
    const bad = (applied: KubeObject, message: RegExp) =>
      assert.throws(() => apply(undefined, applied, 'kubectl', T1), (err: unknown) => err instanceof StoreError && err.reason === 'BadRequest' && message.test(err.message));
    bad(deployment({ template: podTemplate({ image: 'x' }) }), /^failed to create typed patch object \(apps\/v1, Kind=Deployment\): \.spec\.template\.spec\.containers: element 0: associative list with keys has an element that omits key field "name"/);
    bad(deployment({ template: podTemplate({ name: 'a' }, { name: 'a' }) }), /\.spec\.template\.spec\.containers: duplicate entries for key \[name="a"\]/);
    bad(deployment({ replicas: 1 }, { managedFields: [] }), /metadata\.managedFields must be nil/);
  });

  test('applying the values a plain create set shares them with the creator instead of conflicting', () => {
    const created = stored(trackUpdate(undefined, deployment({ replicas: 2, paused: false }), { manager: 'kubectl-create', now: T1, operation: 'Update' }));
    const out = apply(created, deployment({ replicas: 2 }), 'kubectl', T2);
    assert.deepEqual(entryOf(out, 'kubectl')!.fieldsV1, { 'f:spec': { 'f:replicas': {} } });
    assert.deepEqual(entryOf(out, 'kubectl-create', 'Update')!.fieldsV1, { 'f:spec': { 'f:paused': {}, 'f:replicas': {} } });
  });

  test('conflicts with several managers are grouped by manager, in name order', () => {
    const a = stored(apply(undefined, deployment({ replicas: 1 }), 'zeta', T1));
    const b = stored(trackUpdate(a, { ...a, spec: { ...(a.spec as Obj), paused: true }, metadata: { ...a.metadata, labels: { team: 'x' } } }, { manager: 'alpha', now: T2, operation: 'Update' }));
    conflict(
      () => apply(b, deployment({ replicas: 3, paused: false }, { labels: { team: 'y' } }), 'kubectl', T3),
      'Apply failed with 3 conflicts: conflicts with "alpha" using apps/v1:\n- .metadata.labels.team\n- .spec.paused\nconflicts with "zeta":\n- .spec.replicas',
      [
        { reason: 'FieldManagerConflict', message: 'conflict with "alpha" using apps/v1', field: '.metadata.labels.team' },
        { reason: 'FieldManagerConflict', message: 'conflict with "alpha" using apps/v1', field: '.spec.paused' },
        { reason: 'FieldManagerConflict', message: 'conflict with "zeta"', field: '.spec.replicas' },
      ],
    );
    const forced = apply(b, deployment({ replicas: 3, paused: false }, { labels: { team: 'y' } }), 'kubectl', T3, true);
    assert.equal(entryOf(forced, 'zeta'), undefined);
    // alpha created the labels map, so it still owns the map itself, no longer the label.
    assert.deepEqual(entryOf(forced, 'alpha', 'Update')!.fieldsV1, { 'f:metadata': { 'f:labels': {} } });
    assert.equal(at(forced, 'spec.paused'), false);
  });

  test('a status update tracks only status, under subresource status', () => {
    const live = stored(apply(undefined, deployment({ replicas: 1 }), 'kubectl', T1));
    const after = { ...live, spec: { replicas: 4 }, status: { replicas: 1, availableReplicas: 1 } };
    const out = trackUpdate(live, after, { manager: 'sandbox-deployment-controller', now: T2, operation: 'Update', subresource: 'status' });
    const entry = entryOf(out, 'sandbox-deployment-controller', 'Update')!;
    assert.equal(entry.subresource, 'status');
    assert.deepEqual(entry.fieldsV1, { 'f:status': { 'f:availableReplicas': {}, 'f:replicas': {} } });
    assert.deepEqual(entryOf(out, 'kubectl')!.fieldsV1, { 'f:spec': { 'f:replicas': {} } }, 'spec ownership untouched');
  });

  test('managedFields: [{}] from a client resets ownership, an empty list does not', () => {
    const live = stored(apply(undefined, deployment({ replicas: 1 }), 'kubectl', T1));
    const reset = trackUpdate(live, { ...live, metadata: { ...live.metadata, managedFields: [{}] } }, { manager: 'kubectl-patch', now: T2, operation: 'Update' });
    assert.equal(reset.metadata.managedFields, undefined);
    const kept = trackUpdate(live, { ...live, metadata: { ...live.metadata, managedFields: [] } }, { manager: 'kubectl-patch', now: T2, operation: 'Update' });
    assert.deepEqual(kept.metadata.managedFields, live.metadata.managedFields);
  });

  test('trackUpdate leaves its inputs alone', () => {
    const live = stored(apply(undefined, deployment({ replicas: 1 }), 'kubectl', T1));
    const after = { ...structuredClone(live), spec: { replicas: 2 } };
    const snapshot = [structuredClone(live), structuredClone(after)];
    trackUpdate(live, after, { manager: 'kubectl-scale', now: T2, operation: 'Update' });
    assert.deepEqual([live, after], snapshot);
  });

  test('atomic structs (label selectors, key selectors, owner references) are owned and replaced whole', () => {
    const applied = deployment({
      selector: { matchLabels: { app: 'web', tier: 'front' } },
      template: podTemplate({ name: 'web', image: 'nginx', env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }] }),
    }, { ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'u-9' }] });
    const live = stored(apply(undefined, applied, 'kubectl', T1));
    const fields = entryOf(live, 'kubectl')!.fieldsV1;
    assert.deepEqual(at(fields, 'f:metadata.f:ownerReferences'), { 'k:{"uid":"u-9"}': {} });
    assert.deepEqual(at(fields, 'f:spec.f:template.f:spec.f:containers') as Obj, { 'k:{"name":"web"}': { '.': {}, 'f:env': { 'k:{"name":"NODE"}': { '.': {}, 'f:name': {}, 'f:valueFrom': { 'f:fieldRef': {} } } }, 'f:image': {}, 'f:name': {} } });
    // Another manager applying a different selector conflicts on the selector as a whole.
    conflict(() => apply(live, deployment({ selector: { matchLabels: { app: 'web' } } }), 'other', T2), 'Apply failed with 1 conflict: conflict with "kubectl": .spec.selector', [
      { reason: 'FieldManagerConflict', message: 'conflict with "kubectl"', field: '.spec.selector' },
    ]);
    // Forced, the selector is replaced, not merged.
    const forced = apply(live, deployment({ selector: { matchLabels: { app: 'web' } } }), 'other', T2, true);
    assert.deepEqual(at(forced, 'spec.selector'), { matchLabels: { app: 'web' } });
  });

  test('the first apply to an object without managedFields treats its fields as owned by before-first-apply', () => {
    const untracked: KubeObject = stored({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1', b: '2' } });
    conflict(() => apply(untracked, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'changed' } }, 'kubectl', T2), 'Apply failed with 1 conflict: conflict with "before-first-apply" using v1: .data.a', [
      { reason: 'FieldManagerConflict', message: 'conflict with "before-first-apply" using v1', field: '.data.a' },
    ]);
    const shared = apply(untracked, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } }, 'kubectl', T2);
    assert.deepEqual(entryOf(shared, 'before-first-apply', 'Update')!.fieldsV1, { 'f:data': { '.': {}, 'f:a': {}, 'f:b': {} } });
    assert.deepEqual(entryOf(shared, 'kubectl')!.fieldsV1, { 'f:data': { 'f:a': {} } });
    // A subresource view (a Scale built from the object) has no managedFields: nothing to conflict with.
    const scale: KubeObject = { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', uid: 'u-1' }, spec: { replicas: 2 } };
    const scaled = serverSideApply(scale, { ...scale, spec: { replicas: 4 } }, { manager: 'kubectl', now: T2, force: false, subresource: 'scale' });
    assert.equal(at(scaled, 'spec.replicas'), 4);
  });

  test('kubectl\'s client-side to server-side upgrade: managedFields rewritten by a patch are kept, then apply owns and prunes', () => {
    const created = stored(trackUpdate(undefined, deployment({ replicas: 2, paused: true }), { manager: 'kubectl-client-side-apply', now: T1, operation: 'Update' }));
    const csa = entryOf(created, 'kubectl-client-side-apply', 'Update')!;
    // kubectl sends a JSON patch replacing managedFields: the same fields, now as its Apply entry.
    const migrated = [{ ...csa, manager: 'kubectl', operation: 'Apply' }];
    const upgraded = trackUpdate(created, { ...created, metadata: { ...created.metadata, managedFields: migrated } }, { manager: 'kubectl', now: T2, operation: 'Update' });
    assert.deepEqual(entries(upgraded).map((e) => `${e.manager}/${e.operation}`), ['kubectl/Apply']);
    const applied = apply(upgraded, deployment({ replicas: 3 }), 'kubectl', T3);
    assert.equal(at(applied, 'spec.replicas'), 3, 'no conflict with its own former entry');
    assert.equal(at(applied, 'spec.paused'), undefined, 'dropped from the configuration, so removed');
  });

  test('an Update owns what it brought into being whole, not the structs every object has (kubectl create deployment)', () => {
    const created = trackUpdate(undefined, deployment({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } },
      template: podTemplate({ name: 'web', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {} }),
    }, { labels: { app: 'web' } }), { manager: 'kubectl-create', now: T1, operation: 'Update' });
    assert.deepEqual(entryOf(created, 'kubectl-create', 'Update')!.fieldsV1, {
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {} }, 'f:type': {} },
        'f:template': {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"web"}': {
                '.': {},
                'f:image': {},
                'f:name': {},
                'f:ports': { '.': {}, 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } },
                'f:resources': {},
              },
            },
          },
        },
      },
    });
  });
});
