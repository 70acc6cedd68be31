import type { KindKey } from '../cluster/view.ts';

/**
 * Every kind an inspection reads. Listed once here so the live source watches exactly these
 * (one list + one watch each) and a support bundle collects the same set.
 */
export const INSPECTION_KINDS: readonly KindKey[] = [
  'Namespace',
  'Node',
  'Pod',
  'Service',
  'Endpoints',
  'ConfigMap',
  'Secret',
  'PersistentVolumeClaim',
  'discovery.k8s.io/EndpointSlice',
  'apps/Deployment',
  'apps/StatefulSet',
  'apps/DaemonSet',
  'batch/Job',
  'batch/CronJob',
  'networking.k8s.io/Ingress',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'cert-manager.io/Certificate',
  'cert-manager.io/Issuer',
  'cert-manager.io/ClusterIssuer',
  'traefik.io/IngressRoute',
  'tronador.stakater.com/Environment',
  'tronador.stakater.com/EnvironmentProvisioner',
  'tronador.stakater.com/TronadorConfig',
  'helm.toolkit.fluxcd.io/HelmRelease',
  'helm.fluxcd.io/HelmRelease',
  'source.toolkit.fluxcd.io/GitRepository',
];
