import crypto from 'node:crypto';
import fs from 'node:fs';
import type { KubeClient } from '../cluster/kube-client.ts';
import { kubeconfigPaths } from '../cluster/kubeconfig-paths.ts';
import { openKubeClient } from '../cluster/open-client.ts';
import { kubeListWatch } from '../cluster/source/kube-list-watch.ts';
import { LiveClusterSource } from '../cluster/source/live-source.ts';

/** Everything the core keeps per context: one client (keep-alive, cached credentials) and one informer cache. */
export interface ClusterSession {
  context: string;
  client: KubeClient;
  source: LiveClusterSource;
}

export interface SessionOptions {
  env: NodeJS.ProcessEnv;
  kubeconfig?: string;
  desktop?: boolean;
}

/**
 * Opens sessions lazily and shares them. A session belongs to a context *and* to the kubeconfig
 * as it was when opened: edit the file and the next request gets a fresh session.
 */
export class ClusterSessions {
  private readonly sessions = new Map<string, { stamp: string; session: Promise<ClusterSession> }>();

  constructor(private readonly options: SessionOptions) {}

  get(context: string): Promise<ClusterSession> {
    const stamp = this.kubeconfigStamp();
    const existing = this.sessions.get(context);
    if (existing && existing.stamp === stamp) return existing.session;
    if (existing) void existing.session.then(closeSession, () => undefined);
    const session = this.open(context);
    this.sessions.set(context, { stamp, session });
    // A failed open is not cached: the next request tries again.
    session.catch(() => this.sessions.get(context)?.session === session && this.sessions.delete(context));
    return session;
  }

  close(): void {
    for (const { session } of this.sessions.values()) void session.then(closeSession, () => undefined);
    this.sessions.clear();
  }

  private async open(context: string): Promise<ClusterSession> {
    const client = await openKubeClient({
      env: this.options.env,
      context,
      ...(this.options.kubeconfig ? { kubeconfig: this.options.kubeconfig } : {}),
      ...(this.options.desktop ? { desktop: true } : {}),
    });
    return { context, client, source: new LiveClusterSource(kubeListWatch(client), { name: context }) };
  }

  private kubeconfigStamp(): string {
    const hash = crypto.createHash('sha256');
    for (const file of kubeconfigPaths(this.options.env, this.options.kubeconfig)) {
      try {
        const st = fs.statSync(file);
        hash.update(`${file}:${st.mtimeMs}:${st.size};`);
      } catch {
        hash.update(`${file}:missing;`);
      }
    }
    return hash.digest('hex');
  }
}

function closeSession(session: ClusterSession) {
  session.source.close();
  session.client.close();
}
