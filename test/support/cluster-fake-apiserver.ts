import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { gzipSync } from 'node:zlib';
import type { TestPki } from './cluster-certs.ts';

/**
 * A small HTTPS server on 127.0.0.1 that authenticates like kube-apiserver (client certificate
 * signed by the cluster CA, or a bearer token it knows) and answers /version, SelfSubjectReview,
 * a configmap list/watch, and Status bodies for 401/403/404.
 */
export interface FakeApiServer {
  url: string;
  port: number;
  /** Every request seen: method, path, who it authenticated as (null = rejected / anonymous). */
  requests: Array<{ method: string; path: string; user: string | null; authorization?: string }>;
  /** Tokens accepted, token → user name. Mutable: tests revoke and add tokens. */
  tokens: Map<string, string>;
  /** Users that are authenticated but may do nothing (403). */
  forbidden: Set<string>;
  /** Called with the headers of the next requests (tests look at what the client sent). */
  onHeaders?: ((headers: Record<string, unknown>) => void) | undefined;
  /** TLS connections accepted: keep-alive means many requests share one. */
  connections(): number;
  close(): Promise<void>;
}

export interface FakeApiServerOptions {
  pki: TestPki;
  tokens?: Record<string, string>;
  forbidden?: string[];
  /** Like `--anonymous-auth=true`: requests without credentials may read /version. */
  anonymousVersion?: boolean;
}

const status = (code: number, reason: string, message: string) => JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });

export async function startFakeApiServer(options: FakeApiServerOptions): Promise<FakeApiServer> {
  const tokens = new Map(Object.entries(options.tokens ?? {}));
  const forbidden = new Set(options.forbidden ?? []);
  const requests: FakeApiServer['requests'] = [];
  const fake = {} as FakeApiServer;
  const server = https.createServer(
    { key: options.pki.serverKey, cert: options.pki.serverCert, ca: options.pki.caCert, requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      const url = new URL(req.url ?? '/', 'https://x');
      fake.onHeaders?.({ ...req.headers });
      const socket = req.socket as TLSSocket;
      const auth = req.headers.authorization;
      let user: string | null = null;
      let groups: string[] = [];
      if (auth?.startsWith('Bearer ')) {
        user = tokens.get(auth.slice(7)) ?? null;
        if (user) groups = ['system:authenticated'];
      } else if (socket.authorized) {
        const peer = socket.getPeerCertificate();
        user = String(peer.subject.CN);
        groups = [String(peer.subject.O), 'system:authenticated'];
      }
      const entry: FakeApiServer['requests'][number] = { method: req.method ?? 'GET', path: url.pathname, user };
      if (auth) entry.authorization = auth;
      requests.push(entry);
      const send = (code: number, body: string) => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(body);
      };
      const anonymousOk = options.anonymousVersion && !auth && url.pathname === '/version';
      if (!user && !anonymousOk) return send(401, status(401, 'Unauthorized', 'Unauthorized'));
      if (user && forbidden.has(user)) {
        return send(403, status(403, 'Forbidden', `${url.pathname} is forbidden: User "${user}" cannot get path "${url.pathname}"`));
      }
      if (url.pathname === '/version') return send(200, JSON.stringify({ major: '1', minor: '32', gitVersion: 'v1.32.0-fake', platform: 'linux/amd64' }));
      if (url.pathname === '/apis/authentication.k8s.io/v1/selfsubjectreviews' && req.method === 'POST') {
        let raw = '';
        req.on('data', (c) => (raw += c));
        req.on('end', () => {
          const body = JSON.parse(raw || '{}') as { kind?: string };
          if (body.kind !== 'SelfSubjectReview') return send(400, status(400, 'BadRequest', 'expected a SelfSubjectReview'));
          send(201, JSON.stringify({ kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: {}, status: { userInfo: { username: user, groups } } }));
        });
        return;
      }
      if (url.pathname === '/api/v1/namespaces/default/configmaps') {
        if (url.searchParams.get('watch') === 'true') {
          res.writeHead(200, { 'content-type': 'application/json' });
          for (const name of ['a', 'b']) res.write(`${JSON.stringify({ type: 'ADDED', object: { kind: 'ConfigMap', metadata: { name } } })}\n`);
          // The last event arrives split across two writes, as real chunking does.
          const last = JSON.stringify({ type: 'DELETED', object: { kind: 'ConfigMap', metadata: { name: 'a' } } });
          res.write(last.slice(0, 10));
          setTimeout(() => res.end(`${last.slice(10)}\n`), 5);
          return;
        }
        const list = JSON.stringify({ kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '7' }, items: [] });
        if (String(req.headers['accept-encoding'] ?? '').includes('gzip')) {
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          res.end(gzipSync(list));
          return;
        }
        return send(200, list);
      }
      send(404, status(404, 'NotFound', `the server could not find the requested resource (${url.pathname})`));
    },
  );
  let connections = 0;
  server.on('secureConnection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  Object.assign(fake, {
    url: `https://127.0.0.1:${port}`,
    port,
    requests,
    tokens,
    forbidden,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return fake;
}
