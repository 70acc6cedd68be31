// Electron host: window, security wiring and IPC only. All work happens in the core.
import path from 'node:path';
import { app, BrowserWindow, ipcMain, net, protocol, session, shell } from 'electron';
import { pathToFileURL } from 'node:url';
import { createCore } from './core/core.ts';
import { contentSecurityPolicy } from './host/csp.ts';
import { registerIpc, type IpcEventLike } from './host/ipc/register.ts';
import { APP_ORIGIN, APP_SCHEME, isAllowedExternalLink, isAppUrl, windowOptions } from './host/window-options.ts';

const devServerUrl = process.env.GROUNDCREW_DEV_SERVER_URL;
const rendererDir = path.join(app.getAppPath(), 'dist', 'renderer');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

app.enableSandbox();

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  protocol.handle(APP_SCHEME, async (request) => {
    const { pathname } = new URL(request.url);
    const target = path.resolve(rendererDir, `.${decodeURIComponent(pathname)}`);
    const inside = target.startsWith(rendererDir + path.sep);
    const file = inside && path.extname(target) !== '' ? target : path.join(rendererDir, 'index.html');
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', contentSecurityPolicy(devServerUrl ? 'development' : 'production'));
    return new Response(response.body, { status: response.status, headers });
  });

  const core = createCore({ appRoot: app.getAppPath(), host: 'electron' });
  const trusted = (event: IpcEventLike) => isAppUrl(event.senderFrame?.url ?? '', devServerUrl);
  registerIpc(ipcMain, core, trusted);
  app.on('before-quit', () => core.close());

  const win = new BrowserWindow(windowOptions(path.join(__dirname, 'preload.cjs')));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
});

app.on('window-all-closed', () => app.quit());
