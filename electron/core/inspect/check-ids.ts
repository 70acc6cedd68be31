/**
 * Check ids shared with the sandbox scenarios (resources/sandbox/scenarios/*.yaml list the
 * faults they plant by these ids). They are fixed: add ids, never rename one.
 */
export const SHARED_CHECK_IDS = [
  // workloads
  'workload.missing', 'workload.not-ready', 'workload.crashloop', 'workload.image-pull', 'workload.oom-killed', 'workload.pending-unschedulable', 'workload.restarts', 'job.failed', 'image.not-mirrored',
  // integration edges
  'edge.service-missing', 'edge.port-missing', 'edge.target-port-mismatch', 'edge.selector-no-pods', 'edge.no-ready-endpoints', 'edge.consumer-address',
  // DNS
  'dns.hostname-unresolved', 'dns.wildcard-unresolved', 'dns.coredns-not-ready',
  // certificates
  'cert.manager-missing', 'cert.webhook-not-ready', 'cert.issuer-not-ready', 'cert.not-ready', 'cert.expired', 'cert.expiring', 'cert.san-mismatch', 'cert.key-mismatch', 'cert.self-signed-production', 'cert.jwt-sign-cert-missing',
  // ingress
  'ingress.host-missing', 'ingress.tls-missing', 'ingress.no-address',
  // storage
  'storage.pvc-unbound', 'testkube.database',
  // tronador
  'tronador.release-not-ready', 'tronador.stale-environment', 'tronador.pull-secret-missing',
  // chall-manager
  'chall.janitor-stale', 'chall.etcd-unreachable', 'chall.instance-expired',
] as const;
