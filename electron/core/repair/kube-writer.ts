/**
 * The one way the repair engine talks to the API server. It has the shape of the cluster client's
 * `KubeClient.request` on purpose, so the real client plugs in as is; tests and the kubeconfig
 * adapter implement it too. Failures throw an error carrying the HTTP status and, when the server
 * sent one, the Kubernetes Status object (see api-errors.ts for the shapes understood).
 */
export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Absolute API path, e.g. `/api/v1/namespaces/kube-system/configmaps/coredns`. */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** Content-Type for PATCH: application/merge-patch+json, application/json-patch+json, ... */
  headers?: Record<string, string>;
}

export interface KubeWriter {
  request<T = unknown>(req: KubeRequest): Promise<T>;
}
