import { spawn } from 'node:child_process';
import { execMissingError, locateExecCommand } from './exec-preflight.ts';
import { ClusterConnectionError } from './kube-errors.ts';
import type { ExecConfig, ResolvedContext } from './resolved-context.ts';

/** What an exec plugin hands back (ExecCredential.status). */
export interface ExecCredentialResult {
  token?: string;
  clientCertificate?: { certPem: string; keyPem: string };
  /** Epoch ms; absent = valid until the server rejects it. */
  expiresAt?: number;
}

export interface ExecRunnerOptions {
  /** Environment the plugin inherits (PATH comes from here unless `searchPath` is given). */
  env: NodeJS.ProcessEnv;
  /** PATH used to find and run the plugin (e.g. the login shell's PATH for a desktop launch). */
  searchPath?: string;
  /** Whether a terminal is attached for interactive plugins; defaults to process.stdin.isTTY. */
  stdinIsTTY?: boolean;
  /** Clock, so tests can move past an expiry without waiting. */
  now?: () => number;
  /** A plugin that has not finished by then is killed (interactive runs get no limit). */
  timeoutMs?: number;
}

/** client-go refreshes a little before expiry so a request never leaves with a token about to die. */
const REFRESH_BEFORE_MS = 60_000;
const MAX_STDERR = 4_000;

/**
 * Runs a kubeconfig `exec` credential plugin like client-go: args, env, KUBERNETES_EXEC_INFO,
 * interactiveMode; caches the credential until a minute before `expirationTimestamp`; runs it
 * again after a 401 (`invalidate()`). Concurrent callers share one run.
 */
export class ExecCredentialProvider {
  private cached: ExecCredentialResult | undefined;
  private inFlight: Promise<ExecCredentialResult> | undefined;
  /** How many times the plugin was started: tests and diagnostics read it. */
  runs = 0;

  constructor(
    private readonly exec: ExecConfig,
    private readonly context: Pick<ResolvedContext, 'server' | 'tls' | 'proxyUrl' | 'disableCompression' | 'userName' | 'execClusterConfig'>,
    private readonly options: ExecRunnerOptions,
  ) {}

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  async get(): Promise<ExecCredentialResult> {
    const c = this.cached;
    if (c && (c.expiresAt === undefined || this.now() < c.expiresAt - REFRESH_BEFORE_MS)) return c;
    this.inFlight ??= this.run().finally(() => {
      this.inFlight = undefined;
    });
    this.cached = await this.inFlight;
    return this.cached;
  }

  /** The server rejected the credential: the next get() runs the plugin again. */
  invalidate(): void {
    this.cached = undefined;
  }

  private searchPath(): string | undefined {
    return this.options.searchPath ?? this.options.env.PATH;
  }

  private async run(): Promise<ExecCredentialResult> {
    const exec = this.exec;
    const user = this.context.userName;
    const command = locateExecCommand(exec, this.searchPath());
    if (!command) throw execMissingError(exec, this.searchPath(), user);
    const tty = this.options.stdinIsTTY ?? Boolean(process.stdin.isTTY);
    const interactive = exec.interactiveMode !== 'Never' && tty;
    const shown = [exec.command, ...exec.args].join(' ');
    if (exec.interactiveMode === 'Always' && !tty) {
      throw new ClusterConnectionError(
        'exec-failed',
        `exec credential plugin "${exec.command}" (user "${user}") needs an interactive terminal (interactiveMode: Always) and none is attached`,
        `run \`${shown}\` once in a terminal to log in, or set interactiveMode: IfAvailable in ${exec.file}`,
        exec.file,
      );
    }
    const env: NodeJS.ProcessEnv = { ...this.options.env };
    if (this.options.searchPath) env.PATH = this.options.searchPath;
    for (const { name, value } of exec.env) env[name] = value;
    env.KUBERNETES_EXEC_INFO = JSON.stringify(this.execInfo(interactive));

    this.runs += 1;
    const { code, signal, stdout, stderr, timedOut, spawnError } = await new Promise<{
      code: number | null;
      signal: NodeJS.Signals | null;
      stdout: string;
      stderr: string;
      timedOut: boolean;
      spawnError?: NodeJS.ErrnoException;
    }>((resolve) => {
      const child = spawn(command, exec.args, { env, stdio: [interactive ? 'inherit' : 'ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      let timedOut = false;
      const limit = interactive ? undefined : (this.options.timeoutMs ?? 60_000);
      const timer = limit ? setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, limit) : undefined;
      child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.stderr!.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-MAX_STDERR)));
      child.once('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve({ code: null, signal: null, stdout: out, stderr: err, timedOut, spawnError: e });
      });
      child.once('close', (c, s) => {
        clearTimeout(timer);
        resolve({ code: c, signal: s, stdout: out, stderr: err, timedOut });
      });
    });

    if (spawnError) {
      if (spawnError.code === 'ENOENT' || spawnError.code === 'EACCES') throw execMissingError(exec, this.searchPath(), user);
      throw this.failed(`could not be started: ${spawnError.message}`, stderr);
    }
    // IfAvailable without a terminal runs the plugin with no stdin (client-go does the same); say so when it then fails.
    const noTty = exec.interactiveMode === 'IfAvailable' && !tty ? ' (no terminal was attached, so it could not prompt)' : '';
    if (timedOut) throw this.failed(`did not finish within ${this.options.timeoutMs ?? 60_000} ms${noTty}`, stderr);
    if (code !== 0) throw this.failed(`${signal ? `was killed by ${signal}` : `exited with code ${code}`}${noTty}`, stderr, code);
    return this.parse(stdout, stderr);
  }

  private failed(what: string, stderr: string, exitCode?: number | null): ClusterConnectionError {
    const shown = [this.exec.command, ...this.exec.args].join(' ');
    const tail = stderr.trim();
    const err = new ClusterConnectionError(
      'exec-failed',
      `exec credential plugin "${this.exec.command}" (user "${this.context.userName}") ${what}${tail ? `; its stderr: ${tail}` : ''}`,
      `run \`${shown}\` in a terminal to see the problem (often an expired login); the command is set in ${this.exec.file}`,
      this.exec.file,
    );
    return Object.assign(err, { exitCode: exitCode ?? undefined, stderr: tail });
  }

  /** KUBERNETES_EXEC_INFO, as client-go sets it; `cluster` only when provideClusterInfo is true. */
  private execInfo(interactive: boolean): Record<string, unknown> {
    const spec: Record<string, unknown> = { interactive };
    if (this.exec.provideClusterInfo) {
      const cluster: Record<string, unknown> = { server: this.context.server };
      if (this.context.tls.serverName) cluster['tls-server-name'] = this.context.tls.serverName;
      if (this.context.tls.insecure) cluster['insecure-skip-tls-verify'] = true;
      if (this.context.tls.caPem) cluster['certificate-authority-data'] = Buffer.from(this.context.tls.caPem).toString('base64');
      if (this.context.proxyUrl) cluster['proxy-url'] = this.context.proxyUrl;
      if (this.context.disableCompression) cluster['disable-compression'] = true;
      // client-go always sends `config` (null without the exec extension); plugins may rely on the key.
      cluster.config = this.context.execClusterConfig ?? null;
      spec.cluster = cluster;
    }
    return { kind: 'ExecCredential', apiVersion: this.exec.apiVersion, spec };
  }

  private parse(stdout: string, stderr: string): ExecCredentialResult {
    let doc: { kind?: unknown; apiVersion?: unknown; status?: Record<string, unknown> };
    try {
      doc = JSON.parse(stdout) as typeof doc;
    } catch {
      throw this.failed(`printed something that is not an ExecCredential JSON document: ${JSON.stringify(stdout.trim().slice(0, 120))}`, stderr, 0);
    }
    if (doc?.kind !== 'ExecCredential') throw this.failed(`printed kind ${JSON.stringify(doc?.kind)}, expected "ExecCredential"`, stderr, 0);
    if (doc.apiVersion !== this.exec.apiVersion) {
      throw this.failed(`answered with apiVersion ${JSON.stringify(doc.apiVersion)} but the kubeconfig asks for ${this.exec.apiVersion}`, stderr, 0);
    }
    const status = doc.status ?? {};
    const result: ExecCredentialResult = {};
    if (typeof status.token === 'string' && status.token !== '') result.token = status.token;
    const cert = status.clientCertificateData;
    const key = status.clientKeyData;
    if (typeof cert === 'string' && typeof key === 'string' && cert && key) result.clientCertificate = { certPem: cert, keyPem: key };
    else if (cert || key) throw this.failed('returned only one of clientCertificateData and clientKeyData', stderr, 0);
    if (!result.token && !result.clientCertificate) throw this.failed('returned neither status.token nor a client certificate', stderr, 0);
    if (status.expirationTimestamp !== undefined && status.expirationTimestamp !== null) {
      const at = Date.parse(String(status.expirationTimestamp));
      if (Number.isNaN(at)) throw this.failed(`returned an unreadable expirationTimestamp ${JSON.stringify(status.expirationTimestamp)}`, stderr, 0);
      result.expiresAt = at;
    }
    return result;
  }
}
