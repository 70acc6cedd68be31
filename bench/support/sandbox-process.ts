import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const child = path.join(process.cwd(), 'bench', 'support', 'sandbox-child.ts');

/** A sandbox in its own process (so the benchmark measures the client's memory alone). */
export async function sandboxProcess(spec: { scenario?: string; namespaces: number; pods: number; configmaps: number }): Promise<{ kubeconfig: string; stop(): void }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, JSON.stringify(spec)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const kubeconfig = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = out.match(/^ready (.+)$/m);
      if (m) resolve(m[1]!);
    });
    proc.on('exit', (code) => reject(new Error(`bench sandbox exited ${code}`)));
  });
  return { kubeconfig, stop: () => proc.kill('SIGTERM') };
}

/** kubectl with default flags against a kubeconfig; returns wall time in ms and output size. */
export function timeKubectl(kubeconfig: string, args: string[]): { ms: number; bytes: number } {
  const start = performance.now();
  const r = spawnSync('/usr/bin/kubectl', ['--kubeconfig', kubeconfig, ...args], { maxBuffer: 1024 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr.toString()}`);
  return { ms, bytes: r.stdout.length };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function printTable(title: string, rows: Array<Record<string, string | number>>): void {
  console.log(`\n${title}`);
  console.table(rows);
}
