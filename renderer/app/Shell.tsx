import { ContextSwitcher } from '../components/ContextSwitcher.tsx';
import { AboutPanel } from '../pages/about/AboutPanel.tsx';
import { FixDialog } from '../pages/findings/FixDialog.tsx';
import { useUi } from '../state/ui.ts';
import { routes } from './routes.tsx';

/** The frame every area slots into: top bar (context switcher), navigation, the page. */
export function Shell() {
  const route = useUi((s) => s.route);
  const aboutOpen = useUi((s) => s.aboutOpen);
  const fixFindingId = useUi((s) => s.fixFindingId);
  const current = routes.find((r) => r.id === route) ?? routes[0]!;
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Groundcrew</span>
        <ContextSwitcher />
        <button type="button" className="link-button" onClick={() => useUi.getState().setAboutOpen(true)}>
          About
        </button>
      </header>
      <nav className="sidebar" aria-label="Areas">
        {routes.map((r) => (
          <a key={r.id} href={`#/${r.id}`} aria-current={r.id === current.id ? 'page' : undefined}>
            {r.title}
          </a>
        ))}
      </nav>
      <main className="content">{current.render()}</main>
      {aboutOpen && <AboutPanel />}
      {fixFindingId && <FixDialog findingId={fixFindingId} />}
    </div>
  );
}
