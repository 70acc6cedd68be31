import crypto from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { describeZodError, httpStatusFor, StreamClientMessageSchema, type Outcome, type StreamServerMessage } from '../../../shared/contract/index.ts';
import type { Core } from '../../core/core.ts';
import { contentSecurityPolicy } from '../csp.ts';
import { allowedHosts, checkRequest, TOKEN_COOKIE } from './guard.ts';
import { serveStatic } from './static-files.ts';

export interface BrowserHostOptions {
  core: Core;
  /** Folder of the built renderer (dist/renderer). */
  staticDir: string;
  host?: string;
  port?: number;
  /** Fixed token (tests); otherwise 32 random bytes. */
  token?: string;
}

export interface BrowserHost {
  url: string;
  /** The URL to open: carries the token once, which the page trades for a cookie. */
  loginUrl: string;
  port: number;
  host: string;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

const securityHeaders = {
  'content-security-policy': contentSecurityPolicy('production'),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * The browser host: the built renderer and the contract over HTTP (POST /api/invoke/<op>)
 * and a WebSocket (/api/streams), on loopback by default, behind a random token.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const bindHost = options.host ?? '127.0.0.1';
  const token = options.token ?? crypto.randomBytes(32).toString('base64url');
  let hosts = new Set<string>();

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: (err as Error).message } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const verdict = checkRequest(req, hosts, token);
    if (!verdict.ok) return sendJson(res, verdict.status, { ok: false, error: { code: verdict.status === 401 ? 'unauthorized' : 'forbidden', message: verdict.message } });
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const cookie = `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;

    if (url.pathname.startsWith('/api/invoke/')) {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'use POST' } });
      const op = decodeURIComponent(url.pathname.slice('/api/invoke/'.length));
      let body: unknown;
      try {
        const text = await readBody(req);
        body = text.trim() === '' ? {} : JSON.parse(text);
      } catch (err) {
        return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: `request body: ${(err as Error).message}` } });
      }
      const outcome = await options.core.invoke(op, body);
      return sendJson(res, outcome.ok ? 200 : httpStatusFor[outcome.error.code], outcome);
    }
    if (url.searchParams.has('token')) {
      // Trade the token in the URL for a cookie and drop it from the address bar and history.
      url.searchParams.delete('token');
      res.writeHead(303, { location: url.pathname + url.search, 'set-cookie': cookie, ...securityHeaders });
      return res.end();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'method not allowed' } });
    serveStatic(options.staticDir, url.pathname, res, securityHeaders);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY });
  server.on('upgrade', (req, socket, head) => {
    const verdict = checkRequest(req, hosts, token);
    const pathname = new URL(req.url ?? '/', 'http://placeholder').pathname;
    if (!verdict.ok || pathname !== '/api/streams') {
      const status = verdict.ok ? 404 : verdict.status;
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveStreams(ws, options.core));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => resolve());
  });
  const address = server.address() as AddressInfo;
  hosts = allowedHosts(bindHost, address.port);
  const shownHost = bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  const url = `http://${shownHost}:${address.port}/`;
  return {
    url,
    loginUrl: `${url}?token=${token}`,
    port: address.port,
    host: address.address,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function serveStreams(ws: WebSocket, core: Core) {
  const subscriptions = new Map<string, () => void>();
  const send = (message: StreamServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  ws.on('message', (data) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      return send({ type: 'error', id: '', error: { code: 'invalid_input', message: 'stream message is not JSON' } });
    }
    const msg = StreamClientMessageSchema.safeParse(parsed);
    if (!msg.success) return send({ type: 'error', id: '', error: { code: 'invalid_input', message: describeZodError(msg.error) } });
    if (msg.data.type === 'unsubscribe') {
      subscriptions.get(msg.data.id)?.();
      subscriptions.delete(msg.data.id);
      return;
    }
    const { id } = msg.data;
    subscriptions.get(id)?.();
    subscriptions.set(
      id,
      core.subscribe(msg.data.stream, msg.data.input, (m) => send(m.type === 'event' ? { type: 'event', id, event: m.event } : { type: 'error', id, error: m.error })),
    );
  });
  ws.on('close', () => {
    for (const stop of subscriptions.values()) stop();
    subscriptions.clear();
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error(`larger than ${MAX_BODY} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: Outcome<unknown> | { ok: false; error: { code: string; message: string } }) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...securityHeaders });
  res.end(JSON.stringify(body));
}
