// Sandbox API server at scale: 10,000 pods listed by the real kubectl, and one stream of
// events fanned out to 50 watchers. Prints a table; asserts nothing.
// Run: node --import tsx bench/sandbox-list.bench.ts
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { ClientRequest } from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { startSandbox } from '../electron/core/sandbox/index.ts';

const PODS = 10_000;
const NAMESPACES = 20;
const WATCHERS = 50;
const EVENTS = 200;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const sampler = setInterval(sample, 20);

const sb = await startSandbox({ controllers: false });
const home = mkdtempSync(path.join(os.tmpdir(), 'sandbox-bench-'));
const rows: Array<[string, string]> = [];

try {
  const t0 = performance.now();
  for (let n = 0; n < NAMESPACES; n++) sb.store.create({ group: '', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns-${n}` } });
  for (let i = 0; i < PODS; i++) {
    sb.store.create(
      { group: '', resource: 'pods' },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `pod-${i}`, namespace: `ns-${i % NAMESPACES}`, labels: { app: `app-${i % 50}`, 'pod-template-hash': 'abc123' } },
        spec: { nodeName: `node-${i % 10}`, containers: [{ name: 'main', image: 'registry.local/app:1.0', ports: [{ containerPort: 8080 }], resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
        status: { phase: 'Running', podIP: `10.244.${Math.floor(i / 250)}.${i % 250}`, containerStatuses: [{ name: 'main', ready: true, restartCount: 0, state: { running: { startedAt: new Date().toISOString() } } }] },
      },
    );
  }
  rows.push([`create ${PODS} pods via the store`, `${(performance.now() - t0).toFixed(0)} ms`]);
  sample();

  const kubectlJson = () =>
    new Promise<{ ms: number; bytes: number }>((resolve, reject) => {
      const start = performance.now();
      execFile('/usr/bin/kubectl', ['--kubeconfig', sb.kubeconfigPath, 'get', 'pods', '-A', '-o', 'json'], { env: { PATH: process.env.PATH, HOME: home }, maxBuffer: 1024 * 1024 * 1024 }, (err, stdout) => {
        if (err) reject(err);
        else resolve({ ms: performance.now() - start, bytes: stdout.length });
      });
    });
  const runs: number[] = [];
  let bytes = 0;
  for (let r = 0; r < 3; r++) {
    const { ms, bytes: b } = await kubectlJson();
    runs.push(ms);
    bytes = b;
  }
  runs.sort((a, b) => a - b);
  rows.push([`kubectl get pods -A -o json (median of 3)`, `${runs[1]!.toFixed(0)} ms (${mb(bytes)} printed)`]);

  const kc = parse(sb.kubeconfig) as { clusters: Array<{ cluster: { 'certificate-authority-data': string } }> };
  const ca = Buffer.from(kc.clusters[0]!.cluster['certificate-authority-data'], 'base64').toString('utf8');
  const agent = new https.Agent({ ca, maxSockets: WATCHERS + 5 });
  const rv = sb.store.currentResourceVersion();
  const received = new Array<number>(WATCHERS).fill(0);
  const requests: ClientRequest[] = [];
  let allDone: () => void;
  const done = new Promise<void>((r) => (allDone = r));
  let finished = 0;
  await Promise.all(
    Array.from({ length: WATCHERS }, (_, w) =>
      new Promise<void>((ready) => {
        const req = https.get(new URL(`/api/v1/pods?watch=true&resourceVersion=${rv}`, sb.url), { agent, headers: { Authorization: `Bearer ${sb.token}` } }, (res) => {
          ready();
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            let i: number;
            while ((i = buffer.indexOf('\n')) >= 0) {
              buffer = buffer.slice(i + 1);
              if (++received[w]! === EVENTS && ++finished === WATCHERS) allDone();
            }
          });
        });
        requests.push(req);
      }),
    ),
  );
  const fanStart = performance.now();
  for (let e = 0; e < EVENTS; e++) {
    const pod = sb.store.getFrozen({ group: '', resource: 'pods' }, `ns-${e % NAMESPACES}`, `pod-${e}`)!;
    sb.store.update({ group: '', resource: 'pods' }, { ...structuredClone(pod), metadata: { ...structuredClone(pod.metadata), labels: { ...pod.metadata.labels, touched: String(e) } } });
  }
  await done;
  rows.push([`watch fan-out: ${EVENTS} events to ${WATCHERS} watchers`, `${(performance.now() - fanStart).toFixed(0)} ms until all received`]);
  for (const req of requests) req.destroy();
  agent.destroy();
  sample();
  rows.push(['peak RSS (process, includes the sandbox)', mb(peakRss)]);
  rows.push(['peak heap used', mb(peakHeap)]);
} finally {
  clearInterval(sampler);
  await sb.close();
  rmSync(home, { recursive: true, force: true });
}

const width = Math.max(...rows.map(([k]) => k.length));
console.log(`${'measure'.padEnd(width)}  result`);
console.log(`${'-'.repeat(width)}  ${'-'.repeat(30)}`);
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
