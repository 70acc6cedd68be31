/**
 * What the simulated controllers need from their host: a clock, a sink for container logs,
 * and the scenario's plant table (faults to simulate and the mirror registry's contents).
 */

/** Fault names a scenario can plant. Pod faults apply to every pod of the targeted workload. */
export const FAULTS = [
  // pods
  'ImagePullBackOff',
  'ErrImagePull',
  // the registry wants credentials: pulls fail unless the pod names an existing imagePullSecret
  'PullSecretRequired',
  'CrashLoopBackOff',
  'OOMKilled',
  'Unschedulable',
  'NotReady',
  // jobs (and the Jobs a CronJob creates)
  'JobFailed',
  // services
  'LoadBalancerPending',
  // persistent volume claims
  'Unbound',
  // cert-manager certificates
  'Expired',
  'WrongSANs',
  // flux / tronador
  'InstallFailed',
  'BranchDeleted',
] as const;
// NotReady also applies to cert-manager ACME issuers (registration fails: no route to the ACME server).
export type Fault = (typeof FAULTS)[number];

/** The annotation that plants a fault on an object or on a pod template. */
export const FAULT_ANNOTATION = 'sandbox.groundcrew.dev/fault';
/** Optional detail for a planted fault (a custom log line or message). */
export const FAULT_MESSAGE_ANNOTATION = 'sandbox.groundcrew.dev/fault-message';
/** For WrongSANs: the DNS names the stale certificate carries instead of spec.dnsNames (comma-separated). */
export const STALE_DNS_NAMES_ANNOTATION = 'sandbox.groundcrew.dev/stale-dns-names';
/** A Job carrying this annotation simulates `nslookup <value>` inside the cluster. */
export const DNS_LOOKUP_ANNOTATION = 'sandbox.groundcrew.dev/dns-lookup';

/** Where a loaded scenario records its plant table inside the cluster. */
export const SCENARIO_CONFIGMAP = { namespace: 'kube-system', name: 'sandbox-scenario', key: 'plants.json' } as const;

export interface Plant {
  /** Kind of the targeted object: Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod, Service, PersistentVolumeClaim, Certificate, Environment, HelmRelease, … */
  kind: string;
  namespace?: string;
  name: string;
  fault: Fault;
  /** Replaces the default log line / status message of the fault. */
  message?: string;
  /** For WrongSANs: the names the stale certificate carries. */
  dnsNames?: string[];
}

export interface MirrorRegistry {
  /** host[:port] of the site's registry, e.g. registry.airgap.local:5000. */
  host: string;
  /** Images present in it, as `repository:tag` (with or without the host prefix). */
  images: string[];
  /** No route out: images from any other registry fail to pull too. */
  airGapped?: boolean;
}

export interface PlantTable {
  plants: Plant[];
  /** Images under this host that are not listed fail to pull (ErrImagePull → ImagePullBackOff). */
  mirror?: MirrorRegistry;
  /**
   * When the scenario was loaded. A JobFailed planted on a Job fails only the Job that existed
   * then (a hook that ran too early); the same Job created again later succeeds.
   */
  loadedAt?: string;
}

export interface ControllerContext {
  now(): Date;
  appendLog(namespace: string, pod: string, container: string, line: string): void;
  /** A container restarted: its log so far becomes the `previous` log (kubectl logs -p). */
  restartLog?(namespace: string, pod: string, container: string): void;
  plants: PlantTable;
  /**
   * How often time-driven state (crash-loop restarts, cron schedules, certificate expiry) is
   * re-evaluated. 0 disables the timer; callers then drive it with `resync()`. Default 2000 ms.
   */
  resyncIntervalMs?: number;
  /** Reconcile errors other than conflicts. Default: written to stderr. */
  onError?(controller: string, key: string, error: unknown): void;
}
