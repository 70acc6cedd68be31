import { useState } from 'react';
import { connectionState, useConnection, useConnections, type ConnectionState } from '../state/cluster.ts';
import { useContexts, useSelectContext } from '../state/contexts.ts';
import { HealthDot } from './Health.tsx';

const stateWords: Record<ConnectionState, string> = { ok: 'connected', failing: 'not connecting', unknown: 'not checked yet' };

/**
 * Picks the context Groundcrew works on. The selected context's connection is always diagnosed;
 * the others only once the user opens the list (each diagnosis is a round trip to a cluster).
 */
export function ContextSwitcher() {
  const contexts = useContexts();
  const select = useSelectContext();
  const [opened, setOpened] = useState(false);
  const names = contexts.data?.contexts.map((c) => c.name) ?? [];
  const selected = contexts.data?.selected ?? undefined;
  const current = useConnection(selected);
  const all = useConnections(names, opened);
  if (selected && current.data) all.set(selected, current.data);
  if (contexts.isPending) return <span className="muted">Loading contexts…</span>;
  if (contexts.isError) return <span className="error-text" role="alert">Kubeconfig: {contexts.error.message}</span>;
  const list = contexts.data;
  if (list.contexts.length === 0) return <span className="muted">No kubeconfig contexts</span>;
  const selectedState = connectionState(current.isError ? 'error' : current.data);
  const describe = (name: string) => {
    const d = all.get(name);
    const state = connectionState(d);
    return typeof d === 'object' && !d.ok ? `${name}: ${d.message}` : `${name}: ${stateWords[state]}`;
  };
  return (
    <label className="context-switcher">
      <span>Context</span>
      {selected && (
        <span data-testid="context-connection" data-state={selectedState}>
          <HealthDot health={selectedState === 'ok' ? 'ok' : selectedState === 'failing' ? 'failing' : 'unknown'} label={describe(selected)} />
        </span>
      )}
      <select
        aria-label="Kubernetes context"
        value={list.selected ?? ''}
        disabled={select.isPending}
        onFocus={() => setOpened(true)}
        onPointerDown={() => setOpened(true)}
        onChange={(e) => select.mutate(e.target.value)}
      >
        {list.contexts.map((c) => {
          const state = connectionState(all.get(c.name));
          return (
            <option key={c.name} value={c.name} className={`conn-${state}`} data-connection={state} title={describe(c.name)}>
              {c.name}
            </option>
          );
        })}
      </select>
      {select.isError && <span className="error-text" role="alert">{select.error.message}</span>}
    </label>
  );
}
