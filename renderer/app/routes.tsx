import { lazy, Suspense, type ReactNode } from 'react';
import { ClusterPage } from '../pages/cluster/ClusterPage.tsx';
import { FindingsPage } from '../pages/findings/FindingsPage.tsx';
import { HomePage } from '../pages/home/HomePage.tsx';
import { JournalPage } from '../pages/journal/JournalPage.tsx';
import { OverviewPage } from '../pages/overview/OverviewPage.tsx';

// The topology page carries the graph layout engine (~1.5 MB): load it when first opened.
const TopologyPage = lazy(() => import('../pages/topology/TopologyPage.tsx').then((m) => ({ default: m.TopologyPage })));

export interface RouteDef {
  id: string;
  title: string;
  render(): ReactNode;
}

/** The areas of the console, in navigation order. Later areas (repair, observe…) add an entry here. */
export const routes: RouteDef[] = [
  { id: 'overview', title: 'Overview', render: () => <OverviewPage /> },
  { id: 'findings', title: 'Findings', render: () => <FindingsPage /> },
  {
    id: 'topology',
    title: 'Topology',
    render: () => (
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <TopologyPage />
      </Suspense>
    ),
  },
  { id: 'journal', title: 'Journal', render: () => <JournalPage /> },
  { id: 'cluster', title: 'Cluster', render: () => <ClusterPage /> },
  { id: 'home', title: 'Contexts', render: () => <HomePage /> },
];
