import { describeFailure } from '../api-errors.ts';
import type { RunContext } from '../fix.ts';
import { FIELD_MANAGER } from '../writes.ts';

/** Simulated by the sandbox (it answers from the Corefile); ignored by a real cluster. */
export const DNS_LOOKUP_ANNOTATION = 'sandbox.groundcrew.dev/dns-lookup';

interface Job {
  metadata: { name: string; namespace: string };
  status?: { succeeded?: number; failed?: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Proof from inside the cluster: a one-shot Job runs `nslookup <name>` (image configurable for
 * air-gapped sites) and its exit status says whether the name resolves. The Job is deleted after.
 */
export async function runDnsLookup(ctx: RunContext, name: string): Promise<{ ok: boolean; message: string }> {
  const ns = ctx.options.dnsLookupNamespace;
  const base = `/apis/batch/v1/namespaces/${encodeURIComponent(ns)}/jobs`;
  const annotations = { [DNS_LOOKUP_ANNOTATION]: name };
  let job: Job;
  try {
    job = await ctx.client.request<Job>({
      method: 'POST',
      path: base,
      query: { fieldManager: FIELD_MANAGER },
      body: {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { generateName: 'groundcrew-dns-lookup-', namespace: ns, annotations, labels: { 'app.kubernetes.io/managed-by': 'groundcrew' } },
        spec: {
          backoffLimit: 0,
          ttlSecondsAfterFinished: 300,
          template: {
            metadata: { annotations },
            spec: { restartPolicy: 'Never', containers: [{ name: 'lookup', image: ctx.options.dnsLookupImage, command: ['nslookup', name] }] },
          },
        },
      },
    });
  } catch (err) {
    return { ok: false, message: `could not start the DNS lookup Job in ${ns}: ${describeFailure(err)}` };
  }
  ctx.report(`looking up ${name} from inside the cluster (Job ${ns}/${job.metadata.name})`);
  const path = `${base}/${encodeURIComponent(job.metadata.name)}`;
  const deadline = Date.now() + ctx.options.dnsLookupTimeoutMs;
  try {
    for (;;) {
      const live = await ctx.client.request<Job>({ method: 'GET', path });
      if ((live.status?.succeeded ?? 0) > 0) return { ok: true, message: `${name} resolves inside the cluster (Job ${ns}/${job.metadata.name})` };
      if ((live.status?.failed ?? 0) > 0) return { ok: false, message: `${name} does not resolve inside the cluster (Job ${ns}/${job.metadata.name} failed)` };
      if (Date.now() > deadline) return { ok: false, message: `the DNS lookup Job ${ns}/${job.metadata.name} did not finish within ${Math.round(ctx.options.dnsLookupTimeoutMs / 1000)} s (is image ${ctx.options.dnsLookupImage} pullable?)` };
      await sleep(ctx.options.verifyIntervalMs);
    }
  } finally {
    await ctx.client.request({ method: 'DELETE', path, body: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background' } }).catch(() => undefined);
  }
}
