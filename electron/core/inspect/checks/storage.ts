import type { Finding } from '../../../../shared/model/finding.ts';
import { evidence, finding, forbiddenFinding } from '../finding.ts';
import { arr, field, str } from '../kube.ts';
import type { Check, CheckContext } from '../types.ts';

/**
 * Storage: every PersistentVolumeClaim in the installation's namespaces is Bound; and for
 * stacks with alternative databases (Testkube: MongoDB or PostgreSQL), which one is in use.
 */

/** The component whose workload uses a claim: pod volumes, or StatefulSet claim templates (`<template>-<sts>-<n>`). */
function claimOwner(ctx: CheckContext, namespace: string, claim: string): string {
  for (const c of ctx.inst.components) {
    const w = c.workload;
    if (!w || c.namespace !== namespace) continue;
    const vols = arr(field(w, 'spec', 'template', 'spec', 'volumes'));
    if (vols.some((v) => str(field(v, 'persistentVolumeClaim', 'claimName')) === claim)) return c.spec.id;
    const templates = arr(field(w, 'spec', 'volumeClaimTemplates')).map((t) => str(field(t, 'metadata', 'name')));
    if (templates.some((t) => t && new RegExp(`^${t}-${w.metadata.name}-\\d+$`).test(claim))) return c.spec.id;
  }
  return 'storage';
}

function claims(ctx: CheckContext): Finding[] {
  const forbidden = forbiddenFinding(ctx, 'PersistentVolumeClaim', 'PersistentVolumeClaims');
  if (forbidden) return [forbidden];
  const out: Finding[] = [];
  for (const ns of new Set(ctx.inst.components.map((c) => c.namespace))) {
    for (const pvc of ctx.view.list('PersistentVolumeClaim', ns)) {
      const phase = str(field(pvc, 'status', 'phase')) ?? 'Pending';
      if (phase === 'Bound') continue;
      const sc = str(field(pvc, 'spec', 'storageClassName'));
      out.push(
        finding(ctx, {
          checkId: 'storage.pvc-unbound',
          severity: 'error',
          component: claimOwner(ctx, ns, pvc.metadata.name),
          namespace: ns,
          name: pvc.metadata.name,
          title: `PersistentVolumeClaim ${pvc.metadata.name} is ${phase}`,
          explanation:
            phase === 'Lost'
              ? 'Its PersistentVolume is gone; the data it held is unreachable.'
              : `No PersistentVolume is bound to it${sc ? ` (StorageClass ${sc}: check that it exists and its provisioner runs)` : ' and it names no StorageClass; set one or create a matching PersistentVolume'}. Pods using it stay Pending.`,
          evidence: [evidence(pvc, 'status', { phase, storageClassName: sc ?? null, requests: field(pvc, 'spec', 'resources', 'requests') ?? {} })],
        }),
      );
    }
  }
  return out;
}

function database(ctx: CheckContext): Finding[] {
  const alternatives = ctx.inst.profile.database?.alternatives;
  if (!alternatives) return [];
  const inUse = alternatives.map((id) => ctx.inst.component(id)!).filter((c) => c.workload);
  const release = ctx.inst.bindings.release ?? ctx.inst.profile.name;
  if (inUse.length === 0) return [];
  const legacy = inUse.some((c) => c.spec.id === 'mongodb');
  return [
    finding(ctx, {
      checkId: 'testkube.database',
      severity: 'info',
      component: inUse[0]!.spec.id,
      namespace: ctx.inst.namespace,
      name: release,
      title: `Database in use: ${inUse.map((c) => c.spec.title).join(' and ')}`,
      explanation: `${ctx.inst.profile.title} can run on ${alternatives.join(' or ')}; this install runs ${inUse.map((c) => `${c.spec.kind} ${c.name}`).join(' and ')}.${legacy ? ' Testkube documents MongoDB as for legacy deployments; PostgreSQL is the main database for new installs.' : ''}`,
      evidence: inUse.map((c) => evidence(c.workload!, 'metadata.name', c.name)),
    }),
  ];
}

export const storageCheck: Check = {
  area: 'storage',
  checkIds: ['storage.pvc-unbound', 'testkube.database'],
  run(ctx) {
    return [...claims(ctx), ...database(ctx)];
  },
};
