import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { WebSocket } from 'ws';
import { tempDir } from '../support/temp.ts';
import { writeThreeContexts } from '../support/kubeconfigs.ts';
import { startTestHost } from '../support/browser-host.ts';

/** Raw HTTP so tests can send any Host/Origin header (fetch forbids setting Host). */
function request(port: number, options: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser host', async () => {
  const dir = tempDir();
  const { KUBECONFIG } = writeThreeContexts(dir);
  const host = await startTestHost({ KUBECONFIG, GROUNDCREW_HOME: dir });
  const local = `127.0.0.1:${host.port}`;
  const auth = { host: local, authorization: `Bearer ${host.token}`, 'content-type': 'application/json' };

  test('binds loopback only by default and prints a URL carrying a long random token', () => {
    assert.equal(host.host, '127.0.0.1');
    assert.match(host.loginUrl, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{40,}$/);
  });

  test('no token → 401', async () => {
    const res = await request(host.port, { path: '/api/invoke/contexts.list', method: 'POST', headers: { host: local }, body: '{}' });
    assert.equal(res.status, 401);
    assert.match(JSON.parse(res.body).error.message, /missing token/);
    assert.equal((await request(host.port, { path: '/', headers: { host: local } })).status, 401);
  });

  test('wrong token → 401', async () => {
    const res = await request(host.port, { path: '/api/invoke/contexts.list', method: 'POST', headers: { ...auth, authorization: 'Bearer nope' }, body: '{}' });
    assert.equal(res.status, 401);
    assert.match(JSON.parse(res.body).error.message, /wrong token/);
    assert.equal((await request(host.port, { path: '/?token=nope', headers: { host: local } })).status, 401);
  });

  test('foreign Origin or Host → 403 even with the right token (DNS rebinding)', async () => {
    const origin = await request(host.port, { path: '/api/invoke/contexts.list', method: 'POST', headers: { ...auth, origin: 'http://evil.example' }, body: '{}' });
    assert.equal(origin.status, 403);
    assert.match(JSON.parse(origin.body).error.message, /forbidden origin/);
    const rebound = await request(host.port, { path: '/api/invoke/contexts.list', method: 'POST', headers: { ...auth, host: `evil.example:${host.port}` }, body: '{}' });
    assert.equal(rebound.status, 403);
    const sameOrigin = await request(host.port, { path: '/api/invoke/contexts.list', method: 'POST', headers: { ...auth, origin: `http://${local}` }, body: '{}' });
    assert.equal(sameOrigin.status, 200);
  });

  test('a payload that fails its schema → 400 with the schema message', async () => {
    const res = await request(host.port, { path: '/api/invoke/contexts.select', method: 'POST', headers: auth, body: JSON.stringify({ name: 42 }) });
    assert.equal(res.status, 400);
    const body = JSON.parse(res.body);
    assert.equal(body.error.code, 'invalid_input');
    assert.match(body.error.message, /^contexts\.select: name: Invalid input: expected string, received number/);
    const notJson = await request(host.port, { path: '/api/invoke/contexts.list', method: 'POST', headers: auth, body: '{nope' });
    assert.equal(notJson.status, 400);
    const unknown = await request(host.port, { path: '/api/invoke/cluster.destroy', method: 'POST', headers: auth, body: '{}' });
    assert.equal(unknown.status, 404);
  });

  test('the token in the URL is traded for an HttpOnly SameSite cookie and dropped from the URL', async () => {
    const res = await request(host.port, { path: `/?token=${host.token}`, headers: { host: local } });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/');
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const page = await request(host.port, { path: '/', headers: { host: local, cookie: cookie.split(';')[0]! } });
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    assert.match(page.body, /<div id="root">/);
  });

  test('operations answer over HTTP and streams over the WebSocket', async () => {
    const res = await request(host.port, { path: '/api/invoke/contexts.list', method: 'POST', headers: auth, body: '{}' });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body).result.contexts.map((c: { name: string }) => c.name), ['alpha', 'beta', 'gamma']);
    const ws = new WebSocket(`ws://${local}/api/streams`, { headers: { authorization: `Bearer ${host.token}` } });
    const first = await new Promise<{ type: string; id: string; event: { contexts: unknown[] } }>((resolve, reject) => {
      ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', id: 'a', stream: 'contexts.changes', input: {} })));
      ws.on('message', (data) => resolve(JSON.parse(data.toString())));
      ws.on('error', reject);
    });
    ws.close();
    assert.equal(first.type, 'event');
    assert.equal(first.id, 'a');
    assert.equal(first.event.contexts.length, 3);
  });

  test('a WebSocket without the token or from a foreign origin is refused', async () => {
    for (const headers of [{}, { authorization: `Bearer ${host.token}`, origin: 'http://evil.example' }]) {
      const status = await new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://${local}/api/streams`, { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => resolve(-1));
      });
      assert.ok(status === 401 || status === 403, `status ${status}`);
    }
  });
});
