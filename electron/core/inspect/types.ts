import type { ClusterView } from '../cluster/view.ts';
import type { Installation } from '../stacks/detect.ts';
import type { Finding } from '../../../shared/model/finding.ts';

export interface InspectOptions {
  /** "Now" for age and expiry decisions; defaults to the view's capturedAt so results are reproducible. */
  now?: string;
  /** Container restarts above this count are reported (default 5). */
  restartThreshold?: number;
  /** Certificates expiring within this many days are reported (default 14). */
  certExpiryDays?: number;
  /** The site has no internet: images must come from the mirror registry, online-only components are skipped. */
  airGapped?: boolean;
  /** The site's mirror registry (overrides the profile's airGap.mirrorRegistry). */
  mirrorRegistry?: string;
  /** Image repositories known to be in the mirror (added to the profile's list). */
  mirroredImages?: string[];
  /** Per-profile DNS name the site uses instead of the profile's default, e.g. { 'tracetest-onprem': 'tt.corp.example' }. */
  domains?: Record<string, string>;
  /** Treat every profile as production (self-signed certificates become errors). */
  production?: boolean;
  /** Cluster DNS zone (default cluster.local). */
  clusterDomain?: string;
  /** Environments older than this with no recent reconcile are stale (overrides the profile). */
  tronadorStaleDays?: number;
  /** The janitor's last success may be this old (overrides the profile). */
  janitorStaleMinutes?: number;
}

/** What one check sees: the view, one detected installation, and the options. Nothing else. */
export interface CheckContext {
  view: ClusterView;
  inst: Installation;
  options: InspectOptions;
  now: Date;
}

export interface Check {
  /** The area name, e.g. "workloads", "edges". */
  area: string;
  /** The stable check ids this check can emit (see the check-id list shared with the sandbox scenarios). */
  checkIds: readonly string[];
  run(ctx: CheckContext): Finding[];
}
