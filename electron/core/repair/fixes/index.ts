import type { Fix } from '../fix.ts';
import { certRenew } from './cert-renew.ts';
import { dnsAddRewrite } from './dns-add-rewrite.ts';
import { jobRerun } from './job-rerun.ts';
import { serviceFixSelector } from './service-fix-selector.ts';
import { serviceFixTargetPort } from './service-fix-target-port.ts';
import { workloadRolloutRestart } from './workload-rollout-restart.ts';
import { workloadScale } from './workload-scale.ts';

/** Every fix the engine knows, by the id findings carry in `fixId`. */
export const builtinFixes: readonly Fix[] = [dnsAddRewrite, serviceFixTargetPort, serviceFixSelector, certRenew, jobRerun, workloadRolloutRestart, workloadScale];
