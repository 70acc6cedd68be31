import { statusChange } from '../changes.ts';
import type { Fix } from '../fix.ts';
import { targetOf } from './targets.ts';

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

/**
 * Exactly what `cmctl renew` does: add (or replace) the condition Issuing=True, reason
 * ManuallyTriggered, on the Certificate's status and write the whole status back (PUT …/status),
 * since a merge patch would replace the conditions array anyway. cert-manager then re-issues.
 */
export const certRenew: Fix = {
  id: 'cert.renew',
  title: 'Re-issue the certificate now',
  checks: ['cert.expired', 'cert.expiring', 'cert.not-ready', 'cert.key-mismatch', 'cert.san-mismatch'],
  plan(view, finding, ctx) {
    const cert = targetOf(view, finding, ['cert-manager.io/Certificate']);
    const what = `Certificate ${cert.metadata.namespace}/${cert.metadata.name}`;
    const conditions = ((cert.status as { conditions?: Condition[] } | undefined)?.conditions ?? []) as Condition[];
    if (conditions.some((c) => c.type === 'Issuing' && c.status === 'True')) {
      return { changes: [], explanation: `${what} is already being re-issued (Issuing=True); nothing to trigger.` };
    }
    const issuing: Condition = {
      type: 'Issuing',
      status: 'True',
      reason: 'ManuallyTriggered',
      message: 'Certificate re-issuance manually triggered',
      lastTransitionTime: ctx.now().toISOString().replace(/\.\d+Z$/, 'Z'),
      ...(cert.metadata.generation !== undefined ? { observedGeneration: cert.metadata.generation } : {}),
    };
    const change = statusChange(
      cert,
      (draft) => {
        const status = (draft.status ??= {}) as { conditions?: Condition[] };
        status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== 'Issuing'), issuing];
      },
      `mark ${what} Issuing=True (ManuallyTriggered)`,
    );
    return {
      changes: [change],
      explanation: `cert-manager re-issues ${what} when its Issuing condition is True, as \`cmctl renew\` sets it. The new certificate lands in Secret ${(cert.spec as { secretName?: string } | undefined)?.secretName ?? '?'}.`,
      undoNote: 'A re-issued certificate cannot be un-issued: undo leaves the new certificate in place.',
    };
  },
};
