import type { KubeObject } from '../view.ts';

/**
 * The two calls an informer needs from a Kubernetes client. Kept this small so the live
 * source works over any transport (the core's KubeClient, a test double, a bundle server).
 */
export interface ListPage {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
}

export type WatchEvent =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KubeObject }
  | { type: 'BOOKMARK'; resourceVersion: string }
  | { type: 'ERROR'; status: { code?: number; reason?: string; message?: string } };

export interface ListWatchClient {
  /** GET a collection path (e.g. /apis/apps/v1/deployments) with limit/continue. */
  list(path: string, options: { limit: number; continue?: string; signal?: AbortSignal }): Promise<ListPage>;
  /**
   * Open a watch from `resourceVersion` (allowWatchBookmarks=true). `onEvent` gets each event;
   * `onClose` is called once when the stream ends (error undefined for a clean end).
   * Returns a function that aborts the watch.
   */
  watch(path: string, resourceVersion: string, onEvent: (event: WatchEvent) => void, onClose: (error?: unknown) => void): () => void;
}

/** An error from the API with its HTTP status (list failures carry it so informers can classify). */
export interface StatusLike {
  statusCode?: number;
  code?: number;
  message?: string;
}

export function statusOf(error: unknown): number | undefined {
  const e = error as StatusLike | null;
  return typeof e?.statusCode === 'number' ? e.statusCode : typeof e?.code === 'number' ? e.code : undefined;
}
