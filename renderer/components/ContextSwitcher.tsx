import { useContexts, useSelectContext } from '../state/contexts.ts';

export function ContextSwitcher() {
  const contexts = useContexts();
  const select = useSelectContext();
  if (contexts.isPending) return <span className="muted">Loading contexts…</span>;
  if (contexts.isError) return <span className="error-text" role="alert">Kubeconfig: {contexts.error.message}</span>;
  const list = contexts.data;
  if (list.contexts.length === 0) return <span className="muted">No kubeconfig contexts</span>;
  return (
    <label className="context-switcher">
      <span>Context</span>
      <select
        aria-label="Kubernetes context"
        value={list.selected ?? ''}
        disabled={select.isPending}
        onChange={(e) => select.mutate(e.target.value)}
      >
        {list.contexts.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
      {select.isError && <span className="error-text" role="alert">{select.error.message}</span>}
    </label>
  );
}
