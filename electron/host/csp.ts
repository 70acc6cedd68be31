/**
 * The Content-Security-Policy for the renderer, in Electron and in the browser host.
 * Production allows only the app's own bundled files: no inline script or style, no eval,
 * no remote origin (nothing phones home). Development adds what Vite's dev server needs.
 */
export function contentSecurityPolicy(mode: 'production' | 'development' = 'production'): string {
  const dev = mode === 'development';
  const directives: Array<[string, string]> = [
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    ['style-src', dev ? "'self' 'unsafe-inline'" : "'self'"],
    ['img-src', "'self' data:"],
    ['font-src', "'self'"],
    ['connect-src', dev ? "'self' ws://localhost:* ws://127.0.0.1:*" : "'self'"],
    ['worker-src', "'self'"],
    ['manifest-src', "'self'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
    ['object-src', "'none'"],
  ];
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}
