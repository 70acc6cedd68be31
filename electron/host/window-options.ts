import type { BrowserWindowConstructorOptions } from 'electron';

/** The scheme the packaged renderer is served from (a privileged standard scheme, not file://). */
export const APP_SCHEME = 'groundcrew';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/**
 * BrowserWindow options. Kept in a pure function so a unit test can hold them to the rules:
 * isolated, sandboxed renderer with no Node, no webviews, no insecure content.
 */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Groundcrew',
    backgroundColor: '#1b1f24',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}

/** External links the app may open in the system browser: the vendors' documentation only. */
export const EXTERNAL_LINK_ALLOWLIST = [
  'https://kubernetes.io/',
  'https://cert-manager.io/',
  'https://coredns.io/',
  'https://docs.tracetest.io/',
  'https://docs.testkube.io/',
  'https://docs.stakater.com/',
  'https://ctfer-io.github.io/',
];

export function isAllowedExternalLink(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  return EXTERNAL_LINK_ALLOWLIST.some((prefix) => parsed.href.startsWith(prefix));
}

/** Only the app's own pages may be shown in the window. */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) || (devServerUrl !== undefined && url.startsWith(devServerUrl));
}
