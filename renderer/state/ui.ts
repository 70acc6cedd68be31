import { create } from 'zustand';

/** UI-only state (never server data: that lives in react-query). */
export interface UiState {
  route: string;
  aboutOpen: boolean;
  navigate(route: string): void;
  setAboutOpen(open: boolean): void;
}

const routeFromHash = () => location.hash.replace(/^#\/?/, '') || 'home';

export const useUi = create<UiState>((set) => ({
  route: routeFromHash(),
  aboutOpen: false,
  navigate: (route) => {
    location.hash = `#/${route}`;
    set({ route });
  },
  setAboutOpen: (aboutOpen) => set({ aboutOpen }),
}));

window.addEventListener('hashchange', () => useUi.setState({ route: routeFromHash() }));
