import type { ResourceType } from './types.ts';

/** A served resource plus what discovery and the table printer need beyond the shared contract. */
export interface ServedType extends ResourceType {
  /** Every served version (the first is the preferred one). Built-ins serve exactly one. */
  versions: string[];
  /** Verbs advertised in discovery. */
  verbs: string[];
  singular: string;
  categories?: string[];
  /** CRD additionalPrinterColumns, per version. */
  printerColumns?: Record<string, PrinterColumn[]>;
  /** Set for types served because a CRD declares them. */
  crdName?: string;
  /** CRD scale subresource paths (JSONPath like .spec.replicas); built-ins use spec.replicas / status.replicas / spec.selector. */
  scalePaths?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  /** CRD selectableFields (field selectors beyond metadata.name/namespace), e.g. 'spec.color'. */
  selectableFields?: string[];
  /** CRD openAPIV3Schema per served version. */
  schemas?: Record<string, unknown>;
}

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  priority?: number;
  format?: string;
}

const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const CREATE_ONLY = ['create'];

function t(
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  extra: Partial<ServedType> = {},
): ServedType {
  return {
    group,
    version,
    versions: [version],
    resource,
    kind,
    namespaced,
    verbs: CRUD,
    singular: kind.toLowerCase(),
    ...extra,
  };
}

const status = { subresources: { status: true } };
const statusScale = { subresources: { status: true, scale: true } };

/** The built-in kinds the sandbox serves, as a v1.32 API server names them. */
export const BUILTIN_TYPES: readonly ServedType[] = [
  t('', 'v1', 'namespaces', 'Namespace', false, { shortNames: ['ns'], ...status, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }),
  t('', 'v1', 'pods', 'Pod', true, { shortNames: ['po'], categories: ['all'], ...status }),
  t('', 'v1', 'services', 'Service', true, { shortNames: ['svc'], categories: ['all'], ...status }),
  t('', 'v1', 'endpoints', 'Endpoints', true, { shortNames: ['ep'] }),
  t('', 'v1', 'configmaps', 'ConfigMap', true, { shortNames: ['cm'] }),
  t('', 'v1', 'secrets', 'Secret', true),
  t('', 'v1', 'serviceaccounts', 'ServiceAccount', true, { shortNames: ['sa'] }),
  t('', 'v1', 'events', 'Event', true, { shortNames: ['ev'] }),
  t('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, { shortNames: ['pvc'], ...status }),
  t('', 'v1', 'persistentvolumes', 'PersistentVolume', false, { shortNames: ['pv'], ...status }),
  t('', 'v1', 'nodes', 'Node', false, { shortNames: ['no'], ...status }),
  t('', 'v1', 'resourcequotas', 'ResourceQuota', true, { shortNames: ['quota'], ...status }),
  t('', 'v1', 'limitranges', 'LimitRange', true, { shortNames: ['limits'] }),
  t('apps', 'v1', 'deployments', 'Deployment', true, { shortNames: ['deploy'], categories: ['all'], ...statusScale }),
  t('apps', 'v1', 'replicasets', 'ReplicaSet', true, { shortNames: ['rs'], categories: ['all'], ...statusScale }),
  t('apps', 'v1', 'statefulsets', 'StatefulSet', true, { shortNames: ['sts'], categories: ['all'], ...statusScale }),
  t('apps', 'v1', 'daemonsets', 'DaemonSet', true, { shortNames: ['ds'], categories: ['all'], ...status }),
  t('batch', 'v1', 'jobs', 'Job', true, { categories: ['all'], ...status }),
  t('batch', 'v1', 'cronjobs', 'CronJob', true, { shortNames: ['cj'], categories: ['all'], ...status }),
  t('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, { shortNames: ['ing'], ...status }),
  t('networking.k8s.io', 'v1', 'ingressclasses', 'IngressClass', false),
  t('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true, { shortNames: ['netpol'] }),
  t('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', true),
  t('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true),
  t('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true),
  t('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false),
  t('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false),
  t('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', 'CustomResourceDefinition', false, { shortNames: ['crd', 'crds'], ...status }),
  t('storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false, { shortNames: ['sc'] }),
  t('admissionregistration.k8s.io', 'v1', 'mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', false, { categories: ['api-extensions'] }),
  t('admissionregistration.k8s.io', 'v1', 'validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', false, { categories: ['api-extensions'] }),
  t('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, { shortNames: ['pdb'], ...status }),
  t('scheduling.k8s.io', 'v1', 'priorityclasses', 'PriorityClass', false, { shortNames: ['pc'] }),
  t('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, { shortNames: ['hpa'], categories: ['all'], ...status }),
  t('coordination.k8s.io', 'v1', 'leases', 'Lease', true),
  t('authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, { verbs: CREATE_ONLY }),
  t('authorization.k8s.io', 'v1', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', false, { verbs: CREATE_ONLY }),
  t('authentication.k8s.io', 'v1', 'selfsubjectreviews', 'SelfSubjectReview', false, { verbs: CREATE_ONLY }),
];

/** Review kinds are answered by the server and never stored. */
export const VIRTUAL_RESOURCES = new Set(['selfsubjectaccessreviews', 'selfsubjectrulesreviews', 'selfsubjectreviews']);

export const grKey = (group: string, resource: string): string => (group ? `${resource}.${group}` : resource);
