import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { classifyTransportError, RequestTimeoutError, type RequestPhase } from './classify-transport-error.ts';
import { CredentialSource, type RequestCredential } from './credential-source.ts';
import type { ExecRunnerOptions } from './exec-credential.ts';
import { preflightExec } from './exec-preflight.ts';
import { KubeAgent, safeLookup } from './kube-agent.ts';
import { ClusterConnectionError, KubeApiError, statusFromResponse } from './kube-errors.ts';
import { chooseProxy, type ProxyChoice } from './proxy-config.ts';
import type { LookupFunction } from './proxy-tunnel.ts';
import type { ResolvedContext } from './resolved-context.ts';
import { abortableDelay, DEFAULT_MAX_RETRIES, retriesExhaustedMessage, throttleWaitMs } from './throttle-retry.ts';

/*
 * Why a small native client rather than @kubernetes/client-node for this layer: the errors must be
 * classified exactly (which step failed: DNS, TCP, TLS authority, TLS name, proxy tunnel, exec
 * plugin, HTTP status) and client-node wraps them in fetch errors that lose the step; tunnelling
 * through a CONNECT proxy with end-to-end TLS, re-running an exec plugin after a 401, re-reading a
 * tokenFile and counting requests are each a few lines here. client-node stays available for
 * typed API objects elsewhere.
 */

export type QueryValue = string | number | boolean | undefined | null | string[];

export interface KubeRequest {
  method?: string;
  /** API path such as `/api/v1/namespaces/default/pods`. */
  path: string;
  query?: Record<string, QueryValue>;
  /** An object is sent as JSON; a string or Buffer as is. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Until the response headers arrive (connect + TLS + server time). Default: the client's timeoutMs. */
  timeoutMs?: number;
}

export interface WatchEvent<T = unknown> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

export interface KubeClientOptions {
  /** Environment for HTTPS_PROXY/NO_PROXY and for exec plugins. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Default request timeout in ms (30 s, like kubectl's default dial + TLS timeouts together). */
  timeoutMs?: number;
  /** Host name resolution override (tests; hosts-file style pinning). `.invalid` names never resolve. */
  lookup?: LookupFunction;
  /** Exec plugin runner options: PATH to search (login-shell PATH for desktop launches), TTY, clock. */
  exec?: Partial<Omit<ExecRunnerOptions, 'env'>>;
  userAgent?: string;
  /** Times a throttled answer (429, or a GET's 5xx with Retry-After) is retried after its Retry-After; client-go's default 10. */
  maxRetries?: number;
}

interface Sent {
  res: http.IncomingMessage;
  credential: RequestCredential;
}

/** A connection to one kubeconfig context: one keep-alive agent, per-request auth, classified errors. */
export class KubeClient {
  readonly proxy: ProxyChoice | null;
  readonly credentials: CredentialSource;
  /** Requests sent to the API server (retries included). */
  requestCount = 0;
  private readonly env: NodeJS.ProcessEnv;
  private readonly timeoutMs: number;
  private readonly lookup: LookupFunction;
  private readonly agents = new Map<string, http.Agent>();
  private readonly userAgent: string;
  private readonly maxRetries: number;

  constructor(
    readonly context: ResolvedContext,
    private readonly options: KubeClientOptions = {},
  ) {
    this.env = options.env ?? process.env;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.lookup = safeLookup(options.lookup);
    this.userAgent = options.userAgent ?? 'groundcrew';
    this.maxRetries = Math.max(0, Math.floor(options.maxRetries ?? DEFAULT_MAX_RETRIES));
    try {
      this.proxy = chooseProxy(context, this.env);
    } catch (err) {
      throw new ClusterConnectionError('proxy', (err as Error).message, 'fix the proxy environment variable or set proxy-url in the kubeconfig', undefined, { cause: err });
    }
    this.credentials = new CredentialSource(context, { ...options.exec, env: this.env });
  }

  /** Before any connection: the exec plugin exists (else `exec-missing` with its installHint). */
  preflight(): void {
    const exec = this.context.auth.exec;
    if (exec) preflightExec(exec, this.options.exec?.searchPath ?? this.env.PATH, this.context.userName);
  }

  /** One API call; resolves to the parsed JSON (or text), rejects with KubeApiError or ClusterConnectionError. */
  async request<T = unknown>(req: KubeRequest): Promise<T> {
    const { res } = await this.sendWithRetry(req);
    const text = await readBody(res);
    const type = String(res.headers['content-type'] ?? '');
    if (text === '') return undefined as T;
    if (type.includes('json')) {
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new ClusterConnectionError('http-error', `${req.method ?? 'GET'} ${req.path}: the server sent invalid JSON`, 'is the server a Kubernetes API server?', this.context.files.cluster);
      }
    }
    return text as T;
  }

  /** A watch (or any newline-delimited JSON stream); ends when the server closes it or `signal` aborts. */
  async *stream<T = unknown>(req: KubeRequest): AsyncGenerator<WatchEvent<T>> {
    const { res } = await this.sendWithRetry({ ...req, query: { watch: 'true', ...req.query } });
    const abort = () => res.destroy();
    req.signal?.addEventListener('abort', abort, { once: true });
    let buffered = '';
    try {
      const body = decoded(res);
      body.setEncoding('utf8');
      for await (const chunk of body as AsyncIterable<string>) {
        buffered += chunk;
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl).trim();
          buffered = buffered.slice(nl + 1);
          if (line) yield JSON.parse(line) as WatchEvent<T>;
        }
      }
      if (buffered.trim()) yield JSON.parse(buffered) as WatchEvent<T>;
    } catch (err) {
      if (req.signal?.aborted) return;
      throw classifyTransportError(err, { rc: this.context, proxy: this.proxy });
    } finally {
      req.signal?.removeEventListener('abort', abort);
      res.destroy();
    }
  }

  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  /**
   * Sends; on 401 with an exec plugin, runs the plugin again and retries once (the credential may
   * have been revoked early). A throttled answer is sent again after the server's Retry-After, up to
   * maxRetries times, like client-go (see throttle-retry.ts for which answers qualify).
   */
  private async sendWithRetry(req: KubeRequest): Promise<Sent> {
    const method = req.method ?? 'GET';
    let reauthenticated = false;
    for (let retries = 0; ; retries++) {
      let sent = await this.send(req);
      if (sent.res.statusCode === 401 && !reauthenticated && this.credentials.invalidate()) {
        reauthenticated = true;
        await readBody(sent.res);
        sent = await this.send(req);
      }
      const code = sent.res.statusCode ?? 0;
      if (code < 400) return sent;
      // Read the body either way: it carries the Status, and a drained response frees the keep-alive socket.
      const status = statusFromResponse(code, await readBody(sent.res));
      const waitMs = throttleWaitMs(code, sent.res.headers['retry-after'], method);
      if (waitMs === undefined) throw new KubeApiError(status, method, req.path);
      if (retries >= this.maxRetries) throw new KubeApiError({ ...status, message: retriesExhaustedMessage(code, status.message, retries) }, method, req.path);
      await abortableDelay(waitMs, req.signal);
    }
  }

  private agentFor(cred: RequestCredential, https_: boolean): http.Agent {
    const cert = cred.execClientCertificate ?? this.context.auth.clientCertificate;
    const key = https_ ? (cert ? crypto.createHash('sha256').update(cert.certPem).digest('hex') : 'anonymous') : 'http';
    const existing = this.agents.get(key);
    if (existing) return existing;
    let agent: http.Agent;
    if (!https_) {
      agent = new http.Agent({ keepAlive: true, lookup: this.lookup } as http.AgentOptions);
    } else {
      const tls = this.context.tls;
      const options: ConstructorParameters<typeof KubeAgent>[0] = { proxy: this.proxy, lookup: this.lookup, rejectUnauthorized: !tls.insecure, tunnelTimeoutMs: this.timeoutMs };
      if (tls.caPem) options.ca = tls.caPem;
      if (tls.serverName) options.servername = tls.serverName;
      if (cert) {
        options.cert = cert.certPem;
        options.key = cert.keyPem;
      }
      agent = new KubeAgent(options);
    }
    this.agents.set(key, agent);
    return agent;
  }

  private async send(req: KubeRequest): Promise<Sent> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(this.context.server);
    url.pathname = `${url.pathname.replace(/\/$/, '')}${req.path.startsWith('/') ? '' : '/'}${req.path}`;
    for (const [k, v] of Object.entries(req.query ?? {})) {
      if (v === undefined || v === null) continue;
      for (const one of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(one));
    }
    let body: Buffer | undefined;
    const headers: Record<string, string | string[]> = { accept: 'application/json', 'user-agent': this.userAgent };
    // Like client-go: ask for gzip (large lists shrink ~10x) unless the cluster sets disable-compression.
    if (!this.context.disableCompression) headers['accept-encoding'] = 'gzip';
    if (req.body !== undefined) {
      body = Buffer.isBuffer(req.body) ? req.body : Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body));
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(body.length);
    }
    const credential = await this.credentials.get().catch((err: unknown) => {
      throw classifyTransportError(err, { rc: this.context, proxy: this.proxy });
    });
    Object.assign(headers, credential.headers, lowerKeys(req.headers ?? {}));
    const isHttps = url.protocol === 'https:';
    const agent = this.agentFor(credential, isHttps);
    const timeoutMs = req.timeoutMs ?? this.timeoutMs;
    this.requestCount += 1;

    return new Promise<Sent>((resolve, reject) => {
      let phase: RequestPhase = 'connect';
      let settled = false;
      const r = (isHttps ? https : http).request(url, { method, headers, agent });
      // Settle here rather than waiting for r's 'error': a request still waiting for a socket
      // (a proxy tunnel that never opens) only emits its error once a socket arrives.
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', onAbort);
        r.destroy(err);
        if (err.name === 'AbortError') reject(err);
        else reject(classifyTransportError(err, { rc: this.context, proxy: this.proxy }));
      };
      const timer = setTimeout(() => fail(new RequestTimeoutError(phase, timeoutMs)), timeoutMs);
      const onAbort = () => fail(Object.assign(new Error('request aborted'), { name: 'AbortError' }));
      req.signal?.addEventListener('abort', onAbort, { once: true });
      r.once('socket', (socket) => {
        if (r.reusedSocket) {
          phase = 'response';
          return;
        }
        socket.once('connect', () => {
          phase = isHttps ? 'tls' : 'response';
        });
        socket.once('secureConnect', () => {
          phase = 'response';
        });
      });
      r.once('response', (res) => {
        if (settled) {
          res.destroy();
          return;
        }
        settled = true;
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', onAbort);
        resolve({ res, credential });
      });
      r.on('error', (err) => fail(err));
      if (req.signal?.aborted) onAbort();
      else r.end(body);
    });
  }
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

/** The response body, gunzipped when the server compressed it. */
function decoded(res: http.IncomingMessage): Readable {
  if (String(res.headers['content-encoding'] ?? '').toLowerCase() !== 'gzip') return res;
  const gunzip = zlib.createGunzip();
  res.on('error', (err) => gunzip.destroy(err));
  return res.pipe(gunzip);
}

function readBody(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const body = decoded(res);
    const chunks: Buffer[] = [];
    body.on('data', (c: Buffer) => chunks.push(c));
    body.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    body.once('error', reject);
  });
}
