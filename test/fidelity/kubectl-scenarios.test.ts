import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { listScenarios, scenariosDir } from '../../electron/core/sandbox/scenarios/index.ts';
import { readScenarioFile } from '../../electron/core/sandbox/scenarios/read.ts';
import type { PlantedFault } from '../../electron/core/sandbox/scenarios/schema.ts';
import { testSandbox } from '../support/sandbox.ts';

const run = promisify(execFile);

/** Real kubectl, default flags, against the sandbox's kubeconfig (async: the sandbox runs in this process). */
async function kubectl(kubeconfig: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('/usr/bin/kubectl', ['--kubeconfig', kubeconfig, ...args], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

async function openssl(pem: string, ...args: string[]): Promise<string> {
  const child = execFile('/usr/bin/openssl', ['x509', '-noout', ...args]);
  child.stdin!.end(pem);
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  await new Promise((resolve) => child.on('close', resolve));
  return out;
}

async function eventually(what: string, probe: () => Promise<boolean>, timeoutMs = 15_000) {
  const start = Date.now();
  while (!(await probe())) {
    if (Date.now() - start > timeoutMs) assert.fail(`kubectl never showed: ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** What an operator would run with kubectl to see each kind of planted fault. */
async function assertVisible(kc: string, fault: PlantedFault) {
  const { kind, name } = fault.object;
  const ns = fault.object.namespace ? ['-n', fault.object.namespace] : [];
  const get = (...rest: string[]) => kubectl(kc, 'get', kind.toLowerCase(), name, ...ns, ...rest);
  // Every faulty object exists and can be read.
  assert.match(await get('-o', 'name'), new RegExp(`/${name}\\n`));
  const podsText = () => kubectl(kc, 'get', 'pods', ...ns);
  switch (fault.expect.check) {
    case 'workload.image-pull':
      return eventually(`${name}: ImagePullBackOff in get pods`, async () => /ImagePullBackOff|ErrImagePull/.test(await podsText()));
    case 'workload.crashloop':
      return eventually(`${name}: CrashLoopBackOff in get pods`, async () => /CrashLoopBackOff/.test(await podsText()));
    case 'workload.oom-killed':
      return eventually(`${name}: OOMKilled last state`, async () => /OOMKilled/.test(await kubectl(kc, 'get', 'pods', ...ns, '-o', 'jsonpath={..lastState.terminated.reason}')));
    case 'workload.pending-unschedulable':
      return eventually(`${name}: a Pending pod`, async () => /\sPending\s/.test(await podsText()));
    case 'storage.pvc-unbound':
      return eventually(`${name}: Pending claim`, async () => (await get('-o', 'jsonpath={.status.phase}')) === 'Pending');
    case 'job.failed': {
      const jobs = kind === 'CronJob' ? await kubectl(kc, 'get', 'jobs', ...ns, '-o', 'jsonpath={.items[*].status.conditions[?(@.type=="Failed")].status}') : await get('-o', 'jsonpath={.status.conditions[?(@.type=="Failed")].status}');
      return assert.match(jobs, /True/);
    }
    case 'edge.selector-no-pods':
      return assert.match(await kubectl(kc, 'get', 'endpoints', name, ...ns), /<none>/);
    case 'edge.target-port-mismatch': {
      const target = await get('-o', 'jsonpath={.spec.ports[*].targetPort}');
      const selector = JSON.parse(await get('-o', 'jsonpath={.spec.selector}')) as Record<string, string>;
      const selectorArg = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
      const containerPorts = await kubectl(kc, 'get', 'pods', ...ns, '-l', selectorArg, '-o', 'jsonpath={..containerPort}');
      const listened = new Set(containerPorts.split(/\s+/).filter(Boolean));
      return assert.ok(target.split(/\s+/).some((p) => /^\d+$/.test(p) && !listened.has(p)), `targetPorts ${target} vs container ports ${containerPorts}`);
    }
    case 'dns.hostname-unresolved':
    case 'dns.wildcard-unresolved': {
      const corefile = await kubectl(kc, 'get', 'configmap', 'coredns', '-n', 'kube-system', '-o', 'jsonpath={.data.Corefile}');
      return assert.doesNotMatch(corefile, /rewrite name/, 'the planted Corefile has no rewrite for the stack');
    }
    case 'cert.expired':
    case 'cert.san-mismatch': {
      const secret = await get('-o', 'jsonpath={.spec.secretName}');
      await eventually(`${secret}: the certificate Secret`, async () => (await kubectl(kc, 'get', 'secret', ...ns, '-o', 'name')).includes(`secret/${secret}\n`));
      const pem = Buffer.from(await kubectl(kc, 'get', 'secret', secret, ...ns, '-o', 'jsonpath={.data.tls\\.crt}'), 'base64').toString();
      if (fault.expect.check === 'cert.expired') {
        const notAfter = new Date((await openssl(pem, '-enddate')).replace('notAfter=', '').trim());
        return assert.ok(notAfter.getTime() < Date.now(), `openssl shows notAfter ${notAfter.toISOString()}, which is not in the past`);
      }
      const sans = await openssl(pem, '-ext', 'subjectAltName');
      const wanted = (await get('-o', 'jsonpath={.spec.dnsNames[*]}')).split(' ');
      return assert.ok(wanted.some((n) => !sans.includes(`DNS:${n}`)), `openssl SANs ${sans} cover every dnsName ${wanted.join(', ')}`);
    }
    case 'cert.issuer-not-ready':
      return assert.match(await get('-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}'), /False/);
    case 'ingress.no-address':
      return assert.match(await kubectl(kc, 'get', 'service', name, ...ns), /<pending>/);
    case 'tronador.release-not-ready':
      return assert.match(await get('-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}'), /False/);
    default:
      // chall.* / tronador stale and pull-secret faults live in annotations and timestamps: reading the object (above) shows them.
      return;
  }
}

describe('planted faults are visible with real kubectl', () => {
  for (const name of listScenarios()) {
    const faults = readScenarioFile(path.join(scenariosDir(), `${name}.yaml`)).faults ?? [];
    if (faults.length === 0) continue;
    test(name, async () => {
      const sandbox = await testSandbox({ scenario: name });
      for (const fault of faults) await assertVisible(sandbox.kubeconfigPath, fault);
    });
  }
});
