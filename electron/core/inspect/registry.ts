import { workloadsCheck } from './checks/workloads.ts';
import { edgesCheck } from './checks/edges.ts';
import { dnsCheck } from './checks/dns.ts';
import { certificatesCheck } from './checks/certificates.ts';
import { ingressCheck } from './checks/ingress.ts';
import { storageCheck } from './checks/storage.ts';
import { tronadorCheck } from './checks/tronador.ts';
import { challManagerCheck } from './checks/chall-manager.ts';
import type { Check } from './types.ts';

/** Every check, in the order they run. Adding a check means adding it here. */
export const checks: readonly Check[] = [workloadsCheck, edgesCheck, dnsCheck, certificatesCheck, ingressCheck, storageCheck, tronadorCheck, challManagerCheck];

/** Every check id any registered check can emit, plus the access note. */
export const knownCheckIds: readonly string[] = [...new Set(['inspect.forbidden', ...checks.flatMap((c) => c.checkIds)])];
