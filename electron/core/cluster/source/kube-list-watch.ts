import type { KubeClient } from '../kube-client.ts';
import type { KubeObject } from '../view.ts';
import type { DiscoveryClient } from './discovery.ts';
import type { ListPage, ListWatchClient, WatchEvent } from './list-watch-client.ts';

interface ListBody {
  items?: KubeObject[];
  apiVersion?: string;
  kind?: string;
  metadata?: { resourceVersion?: string; continue?: string };
}

/**
 * The informers' list/watch/discovery calls over the core's KubeClient.
 * List items lack apiVersion/kind on the wire; they are filled from the list's kind here.
 */
export function kubeListWatch(client: KubeClient): ListWatchClient & DiscoveryClient {
  return {
    get: (path) => client.request({ path }),

    async list(path, options): Promise<ListPage> {
      const body = await client.request<ListBody>({
        path,
        query: { limit: options.limit, continue: options.continue },
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const apiVersion = body.apiVersion ?? 'v1';
      const kind = (body.kind ?? '').replace(/List$/, '');
      const items = (body.items ?? []).map((item) => (item.kind ? item : { ...item, apiVersion, kind }));
      return {
        items,
        resourceVersion: body.metadata?.resourceVersion ?? '',
        ...(body.metadata?.continue ? { continue: body.metadata.continue } : {}),
      };
    },

    watch(path, resourceVersion, onEvent, onClose) {
      const abort = new AbortController();
      void (async () => {
        try {
          // No client timeout on the stream itself: the server ends it (timeoutSeconds), we resume.
          for await (const event of client.stream<Record<string, unknown>>({
            path,
            query: { resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 300 },
            signal: abort.signal,
          })) {
            onEvent(toWatchEvent(event.type, event.object));
          }
          onClose();
        } catch (err) {
          onClose(err);
        }
      })();
      return () => abort.abort();
    },
  };
}

function toWatchEvent(type: string, object: Record<string, unknown>): WatchEvent {
  if (type === 'BOOKMARK') {
    const meta = object.metadata as { resourceVersion?: string } | undefined;
    return { type: 'BOOKMARK', resourceVersion: meta?.resourceVersion ?? '' };
  }
  if (type === 'ERROR') return { type: 'ERROR', status: object as { code?: number; reason?: string; message?: string } };
  return { type: type as 'ADDED' | 'MODIFIED' | 'DELETED', object: object as unknown as KubeObject };
}
