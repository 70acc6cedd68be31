import { create } from 'zustand';

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

interface HashRoute {
  route: string;
  params: Record<string, string>;
}

/** `#/findings?id=a/b` → { route: "findings", params: { id: "a/b" } }. */
export function parseHash(hash: string): HashRoute {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const route = (q < 0 ? raw : raw.slice(0, q)) || 'home';
  const params = q < 0 ? {} : Object.fromEntries(new URLSearchParams(raw.slice(q + 1)));
  return { route, params };
}

/** The hash for a route and its parameters; the inverse of parseHash. */
export function hrefOf(route: string, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return `#/${route}${query ? `?${query}` : ''}`;
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
