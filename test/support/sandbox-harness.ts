import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/core/sandbox/index.ts';

/** Shared helpers for sandbox tests: start a sandbox, call its API, run the real kubectl against it. */

export const KUBECTL = '/usr/bin/kubectl';

export async function openSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ controllers: false, ...options });
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

interface KubeconfigFile {
  clusters: Array<{ cluster: { 'certificate-authority-data': string } }>;
  users: Array<{ name: string; user: { token?: string; 'client-certificate-data'?: string; 'client-key-data'?: string } }>;
}

function credentials(sb: Sandbox) {
  const kc = parse(sb.kubeconfig) as KubeconfigFile;
  const b64 = (s: string | undefined) => Buffer.from(s ?? '', 'base64').toString('utf8');
  const certUser = kc.users.find((u) => u.name === 'sandbox-cert')!.user;
  return { ca: b64(kc.clusters[0]!.cluster['certificate-authority-data']), cert: b64(certUser['client-certificate-data']), key: b64(certUser['client-key-data']) };
}

/** One HTTPS request to the sandbox, as the token user (or the client-cert user, or nobody). */
export function api(
  sb: Sandbox,
  method: string,
  urlPath: string,
  options: { body?: unknown; headers?: Record<string, string>; as?: 'token' | 'cert' | 'anonymous'; token?: string } = {},
): Promise<ApiResponse> {
  const { ca, cert, key } = credentials(sb);
  const url = new URL(urlPath, sb.url);
  const as = options.as ?? 'token';
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (as === 'token') headers.Authorization = `Bearer ${options.token ?? sb.token}`;
  let payload: string | undefined;
  if (options.body !== undefined) {
    payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, headers, ca, ...(as === 'cert' ? { cert, key } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Opens a streaming request (watch, follow logs); `lines` fills as newline-terminated lines arrive. */
export function stream(sb: Sandbox, urlPath: string, headers: Record<string, string> = {}) {
  const { ca } = credentials(sb);
  const lines: string[] = [];
  let buffer = '';
  let ended = false;
  let status = 0;
  const waiters: Array<() => void> = [];
  const notify = () => {
    for (const w of waiters.splice(0)) w();
  };
  const req = https.request(new URL(urlPath, sb.url), { headers: { Authorization: `Bearer ${sb.token}`, Accept: 'application/json', ...headers }, ca }, (res) => {
    status = res.statusCode ?? 0;
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let i: number;
      while ((i = buffer.indexOf('\n')) >= 0) {
        lines.push(buffer.slice(0, i));
        buffer = buffer.slice(i + 1);
      }
      notify();
    });
    const end = () => {
      ended = true;
      notify();
    };
    res.on('end', end);
    res.on('close', end);
    res.on('error', end);
  });
  req.on('error', () => {
    ended = true;
    notify();
  });
  req.end();
  return {
    lines,
    get ended() {
      return ended;
    },
    get status() {
      return status;
    },
    /** Resolves once `count` lines arrived (or rejects after `ms`, naming what did arrive). */
    async waitFor(count: number, ms = 10_000): Promise<string[]> {
      const deadline = Date.now() + ms;
      while (lines.length < count) {
        if (ended) throw new Error(`stream ended after ${lines.length} lines: ${lines.join('\n')}`);
        if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${count} lines, got ${lines.length}: ${lines.join('\n')}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
      }
      return lines.slice(0, count);
    },
    async waitForEnd(ms = 10_000): Promise<void> {
      const deadline = Date.now() + ms;
      while (!ended) {
        if (Date.now() > deadline) throw new Error(`stream still open after ${ms} ms`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
      }
    },
    close: () => req.destroy(),
  };
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A HOME of its own per test file, so kubectl's discovery cache never leaks between sandboxes. */
export function kubectlHome(): { home: string; cleanup: () => void } {
  const home = mkdtempSync(path.join(os.tmpdir(), 'groundcrew-kubectl-home-'));
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

function kubectlEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, KUBECACHEDIR: path.join(home, 'cache') };
  return env;
}

/** Runs the real kubectl with the sandbox's kubeconfig and default flags otherwise. */
export function kubectl(sb: Sandbox, home: string, args: string[], input?: string): Promise<KubectlResult> {
  return new Promise((resolve) => {
    const child = execFile(KUBECTL, ['--kubeconfig', sb.kubeconfigPath, ...args], { env: kubectlEnv(home), timeout: 30_000, maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}

/** Starts kubectl in the background (for `get -w`, `logs -f`); the caller kills it. */
export function spawnKubectl(sb: Sandbox, home: string, args: string[]): { child: ChildProcess; output: () => string; waitForText: (text: string | RegExp, ms?: number) => Promise<string> } {
  const child = spawn(KUBECTL, ['--kubeconfig', sb.kubeconfigPath, ...args], { env: kubectlEnv(home), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  return {
    child,
    output: () => out,
    async waitForText(text, ms = 15_000) {
      const deadline = Date.now() + ms;
      const seen = () => (typeof text === 'string' ? out.includes(text) : text.test(out));
      while (!seen()) {
        if (Date.now() > deadline) throw new Error(`kubectl ${args.join(' ')} did not print "${String(text)}" within ${ms} ms; printed:\n${out}`);
        if (child.exitCode !== null) throw new Error(`kubectl ${args.join(' ')} exited ${child.exitCode} before printing "${String(text)}"; printed:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return out;
    },
  };
}

export function writeTemp(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

export const deploymentManifest = (name: string, namespace: string, replicas = 2, image = 'nginx:1.27') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace, labels: { app: name } },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image, ports: [{ containerPort: 80 }] }] } },
  },
});

export const podManifest = (name: string, namespace: string, extra: { labels?: Record<string, string>; nodeName?: string; phase?: string; podIP?: string; annotations?: Record<string, string>; containers?: string[] } = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels: extra.labels ?? { app: name }, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
  spec: { ...(extra.nodeName ? { nodeName: extra.nodeName } : {}), containers: (extra.containers ?? ['main']).map((c) => ({ name: c, image: 'busybox:1.36' })) },
  status: { phase: extra.phase ?? 'Pending', ...(extra.podIP ? { podIP: extra.podIP } : {}) },
});
