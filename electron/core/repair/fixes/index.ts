import type { Fix } from '../fix.ts';
import { certCreateSelfsignedIssuer } from './cert-create-selfsigned-issuer.ts';
import { certFixDnsNames } from './cert-fix-dns-names.ts';
import { certRecreateJwtSignCert } from './cert-recreate-jwt-sign-cert.ts';
import { certRenew } from './cert-renew.ts';
import { dnsAddRewrite } from './dns-add-rewrite.ts';
import { imageUseMirror } from './image-use-mirror.ts';
import { jobRerun } from './job-rerun.ts';
import { serviceFixSelector } from './service-fix-selector.ts';
import { serviceFixTargetPort } from './service-fix-target-port.ts';
import { tronadorAddPullSecret } from './tronador-add-pull-secret.ts';
import { tronadorRemoveStale } from './tronador-remove-stale.ts';
import { workloadRolloutRestart } from './workload-rollout-restart.ts';
import { workloadScale } from './workload-scale.ts';

/** Every fix the engine knows, by the id findings carry in `fixId`. */
export const builtinFixes: readonly Fix[] = [
  dnsAddRewrite,
  serviceFixTargetPort,
  serviceFixSelector,
  certRenew,
  jobRerun,
  workloadRolloutRestart,
  workloadScale,
  certCreateSelfsignedIssuer,
  certFixDnsNames,
  certRecreateJwtSignCert,
  imageUseMirror,
  tronadorRemoveStale,
  tronadorAddPullSecret,
];
