/**
 * Event time-to-live, as the API server's --event-ttl (default 1h): old Events are deleted so a
 * long-running sandbox (a CronJob every minute, crash loops) does not pile them up.
 */
import { GR } from './api.ts';
import type { Reconciler } from './manager.ts';

export const EVENT_TTL_MS = 3_600_000;

export function eventsTtlController(): Reconciler {
  return {
    name: 'event-ttl',
    source: { component: 'kube-apiserver' },
    keysFor: () => [],
    allKeys: () => ['all'],
    reconcile(_key, api) {
      const cutoff = api.now().getTime() - EVENT_TTL_MS;
      for (const e of api.list(GR.events)) {
        const last = Date.parse(String(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? ''));
        if (Number.isFinite(last) && last < cutoff) api.delete(GR.events, e.metadata.namespace, e.metadata.name);
      }
    },
  };
}
