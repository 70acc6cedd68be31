import path from 'node:path';
import { after } from 'node:test';
import { createCore } from '../../electron/core/core.ts';
import { startBrowserHost, type BrowserHost } from '../../electron/host/http/browser-host.ts';

/** Starts the browser host over the built renderer with the given environment; closed after the file. */
export async function startTestHost(env: NodeJS.ProcessEnv, token?: string): Promise<BrowserHost> {
  const core = createCore({ appRoot: process.cwd(), host: 'browser', env });
  const host = await startBrowserHost({ core, staticDir: path.join(process.cwd(), 'dist', 'renderer'), ...(token ? { token } : {}) });
  after(async () => {
    await host.close();
    core.close();
  });
  return host;
}
