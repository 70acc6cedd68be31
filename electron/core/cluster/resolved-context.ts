/**
 * A kubeconfig context with every reference followed, every file read and every value checked:
 * what a KubeClient needs to connect. It holds credentials, so it stays inside the core; the UI
 * only ever gets `describeResolvedContext()` (no tokens, keys or passwords).
 */

export const EXEC_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'] as const;
export type ExecApiVersion = (typeof EXEC_API_VERSIONS)[number];

export interface ExecConfig {
  command: string;
  args: string[];
  env: Array<{ name: string; value: string }>;
  apiVersion: ExecApiVersion;
  installHint?: string;
  provideClusterInfo: boolean;
  interactiveMode: 'Never' | 'IfAvailable' | 'Always';
  /** The kubeconfig file that defined the user, for messages. */
  file: string;
}

export interface ClientCertificate {
  certPem: string;
  keyPem: string;
  /** "client-certificate /path" or "client-certificate-data in /kubeconfig", for messages. */
  source: string;
  subject: string;
  notAfter: string;
}

export type AuthMethod = 'none' | 'client-certificate' | 'token' | 'token-file' | 'basic' | 'exec' | 'oidc';

export interface AuthDescriptor {
  /** The method that decides who the user is, for hints; a client certificate may accompany a token or exec. */
  method: AuthMethod;
  clientCertificate?: ClientCertificate;
  token?: string;
  /** Re-read on every request, like client-go, so a rotated token is picked up. */
  tokenFile?: string;
  basic?: { username: string; password: string };
  exec?: ExecConfig;
  oidc?: { idToken: string; issuer?: string; hasRefreshToken: boolean };
  impersonate?: { user?: string; uid?: string; groups: string[]; extra: Record<string, string[]> };
}

export interface ResolvedContext {
  contextName: string;
  clusterName: string;
  /** Empty when the context names no user (anonymous, like kubectl). */
  userName: string;
  namespace: string;
  /** Files that defined the context, cluster and user (kubectl's first-wins merge). */
  files: { context: string; cluster: string; user?: string };
  server: string;
  tls: {
    /** PEM bundle; absent means the system roots, like kubectl. */
    caPem?: string;
    caSource?: string;
    serverName?: string;
    insecure: boolean;
  };
  proxyUrl?: string;
  disableCompression: boolean;
  /** The cluster's `client.authentication.k8s.io/exec` extension, handed to exec plugins as spec.cluster.config. */
  execClusterConfig?: unknown;
  auth: AuthDescriptor;
}

/** What may leave the core about a resolved context: names, addresses and the auth method only. */
export interface ResolvedContextSummary {
  context: string;
  cluster: string;
  user: string;
  namespace: string;
  server: string;
  authMethod: AuthMethod;
  execCommand?: string;
  proxyUrl?: string;
  tlsServerName?: string;
  insecure: boolean;
}

export function describeResolvedContext(rc: ResolvedContext): ResolvedContextSummary {
  const summary: ResolvedContextSummary = {
    context: rc.contextName,
    cluster: rc.clusterName,
    user: rc.userName,
    namespace: rc.namespace,
    server: rc.server,
    authMethod: rc.auth.method,
    insecure: rc.tls.insecure,
  };
  if (rc.auth.exec) summary.execCommand = rc.auth.exec.command;
  if (rc.proxyUrl) summary.proxyUrl = redactUrl(rc.proxyUrl);
  if (rc.tls.serverName) summary.tlsServerName = rc.tls.serverName;
  return summary;
}

/** A proxy URL may carry user:password; never show it. */
export function redactUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.username || u.password) {
      u.username = u.username ? 'REDACTED' : '';
      u.password = u.password ? 'REDACTED' : '';
    }
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
