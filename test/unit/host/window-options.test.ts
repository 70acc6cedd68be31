import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAllowedExternalLink, isAppUrl, windowOptions } from '../../../electron/host/window-options.ts';
import { contentSecurityPolicy } from '../../../electron/host/csp.ts';

test('the window runs an isolated, sandboxed renderer without Node', () => {
  const opts = windowOptions('/app/dist/electron/preload.cjs');
  const web = opts.webPreferences!;
  assert.equal(web.preload, '/app/dist/electron/preload.cjs');
  assert.equal(web.contextIsolation, true);
  assert.equal(web.sandbox, true);
  assert.equal(web.nodeIntegration, false);
  assert.equal(web.nodeIntegrationInWorker, false);
  assert.equal(web.nodeIntegrationInSubFrames, false);
  assert.equal(web.webSecurity, true);
  assert.equal(web.allowRunningInsecureContent, false);
  assert.equal(web.webviewTag, false);
  assert.equal(web.experimentalFeatures, false);
  assert.equal(web.navigateOnDragDrop, false);
});

test('the production CSP allows only the app itself: no inline, no eval, no remote origin', () => {
  assert.equal(
    contentSecurityPolicy('production'),
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
  );
  const csp = contentSecurityPolicy('production');
  assert.ok(!csp.includes('unsafe-inline'));
  assert.ok(!csp.includes('unsafe-eval'));
  assert.ok(!/https?:/.test(csp));
});

test('development relaxes styles for the dev server but never allows eval', () => {
  const dev = contentSecurityPolicy('development');
  assert.ok(dev.includes("style-src 'self' 'unsafe-inline'"));
  assert.ok(!dev.includes('unsafe-eval'));
});

test('navigation stays on the app; external links only to the documentation allowlist', () => {
  assert.equal(isAppUrl('groundcrew://app/index.html'), true);
  assert.equal(isAppUrl('https://evil.example/'), false);
  assert.equal(isAppUrl('http://localhost:5173/x', 'http://localhost:5173/'), true);
  assert.equal(isAllowedExternalLink('https://cert-manager.io/docs/'), true);
  assert.equal(isAllowedExternalLink('http://cert-manager.io/docs/'), false);
  assert.equal(isAllowedExternalLink('https://cert-manager.io.evil.example/'), false);
  assert.equal(isAllowedExternalLink('https://user:pw@kubernetes.io/'), false);
  assert.equal(isAllowedExternalLink('javascript:alert(1)'), false);
});
