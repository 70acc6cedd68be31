import { create } from 'zustand';
import { hrefOf, parseHash } from '../app/hash-route.ts';

export { hrefOf, parseHash };

/** UI-only state (never server data: that lives in react-query). */
export interface UiState {
  /** The area shown: the hash path, e.g. "findings" for `#/findings?id=…`. */
  route: string;
  /** The hash's query parameters, e.g. `{ id: "<finding id>" }`: deep links into a page. */
  params: Record<string, string>;
  aboutOpen: boolean;
  /** The finding whose fix dialog is open, if any. */
  fixFindingId: string | null;
  navigate(route: string, params?: Record<string, string>): void;
  /** Changes the current page's parameters (filters) without adding a history entry per keystroke. */
  replaceParams(params: Record<string, string>): void;
  setAboutOpen(open: boolean): void;
  openFix(findingId: string): void;
  closeFix(): void;
}

export const useUi = create<UiState>((set) => ({
  ...parseHash(location.hash),
  aboutOpen: false,
  fixFindingId: null,
  navigate: (route, params = {}) => {
    location.hash = hrefOf(route, params);
    set({ route, params });
  },
  replaceParams: (params) =>
    set((s) => {
      history.replaceState(history.state, '', hrefOf(s.route, params));
      return { params };
    }),
  setAboutOpen: (aboutOpen) => set({ aboutOpen }),
  openFix: (fixFindingId) => set({ fixFindingId }),
  closeFix: () => set({ fixFindingId: null }),
}));

window.addEventListener('hashchange', () => useUi.setState(parseHash(location.hash)));
