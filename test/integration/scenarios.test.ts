/**
 * Every built-in sandbox scenario, run to convergence by the simulated controllers: healthy
 * scenarios inspect clean; each planted fault is visible in the objects themselves and is
 * reported by the inspection under the check id and object its scenario file names.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import type { KubeObject } from '../../electron/core/cluster/view.ts';
import { inspect } from '../../electron/core/inspect/index.ts';
import { composeScenario, listScenarios, scenariosDir } from '../../electron/core/sandbox/scenarios/index.ts';
import type { PlantedFault } from '../../electron/core/sandbox/scenarios/index.ts';
import { loadBuiltinProfiles } from '../../electron/core/stacks/load.ts';
import { runScenario, type RunningScenario } from '../support/sandbox-scenario.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const st = (o: KubeObject | undefined): Any => (o?.status ?? {}) as Any;
const cond = (o: KubeObject | undefined, type: string): Any | undefined => (st(o).conditions as Any[] | undefined)?.find((c) => c.type === type);
const profiles = loadBuiltinProfiles();

function podsOfWorkload(s: RunningScenario, ns: string, name: string): KubeObject[] {
  return s.list('v1', 'Pod', ns).filter((p) => {
    const owner = p.metadata.ownerReferences?.[0];
    if (!owner) return false;
    if (owner.name === name) return true;
    if (owner.kind === 'ReplicaSet') return s.get('apps/v1', 'ReplicaSet', ns, owner.name)?.metadata.ownerReferences?.[0]?.name === name;
    if (owner.kind === 'Job') return s.get('batch/v1', 'Job', ns, owner.name)?.metadata.ownerReferences?.[0]?.name === name;
    return false;
  });
}

const containerStatuses = (pods: KubeObject[]): Any[] => pods.flatMap((p) => (st(p).containerStatuses as Any[] | undefined) ?? []);

function secretCert(s: RunningScenario, ns: string, certName: string): X509Certificate {
  const cert = s.get('cert-manager.io/v1', 'Certificate', ns, certName);
  assert.ok(cert, `Certificate ${ns}/${certName} exists`);
  const secret = s.get('v1', 'Secret', ns, (cert!.spec as Any).secretName) as Any;
  assert.ok(secret?.data?.['tls.crt'], `Secret of ${certName} holds tls.crt`);
  return new X509Certificate(Buffer.from(secret.data['tls.crt'], 'base64'));
}

/** What each kind of planted fault looks like in the objects, independent of the inspection. */
function assertVisible(s: RunningScenario, f: PlantedFault): void {
  const ns = f.object.namespace;
  const name = f.object.name;
  const now = s.clock.now.getTime();
  switch (f.expect.check) {
    case 'workload.image-pull': {
      const reasons = containerStatuses(podsOfWorkload(s, ns!, name)).map((c) => c.state?.waiting?.reason);
      assert.ok(reasons.includes('ImagePullBackOff'), `${name}: waiting ImagePullBackOff (saw ${reasons.join(',')})`);
      break;
    }
    case 'image.not-mirrored': {
      const w = s.get('apps/v1', 'Deployment', ns, name) as Any;
      const images = (w.spec.template.spec.containers as Any[]).map((c) => String(c.image));
      assert.ok(images.some((i) => !i.startsWith(`${s.info.plants.mirror!.host}/`)), `${name}: an image outside the mirror (${images.join(', ')})`);
      if (s.info.plants.mirror?.airGapped) {
        const waiting = containerStatuses(podsOfWorkload(s, ns!, name)).map((c) => String(c.state?.waiting?.message ?? ''));
        assert.ok(waiting.some((m) => /dial tcp: lookup registry-1\.docker\.io/.test(m)), waiting.join('\n'));
      }
      break;
    }
    case 'workload.crashloop': {
      const cs = containerStatuses(podsOfWorkload(s, ns!, name));
      assert.ok(cs.some((c) => c.state?.waiting?.reason === 'CrashLoopBackOff' && c.restartCount > 0 && c.lastState?.terminated?.exitCode === 1));
      break;
    }
    case 'workload.oom-killed':
      assert.ok(containerStatuses(podsOfWorkload(s, ns!, name)).some((c) => c.lastState?.terminated?.reason === 'OOMKilled' && c.lastState.terminated.exitCode === 137));
      break;
    case 'workload.pending-unschedulable':
      assert.ok(podsOfWorkload(s, ns!, name).some((p) => st(p).phase === 'Pending' && cond(p, 'PodScheduled')?.reason === 'Unschedulable'));
      break;
    case 'workload.not-ready':
      assert.ok(podsOfWorkload(s, ns!, name).some((p) => cond(p, 'Ready')?.status !== 'True'));
      break;
    case 'job.failed':
      assert.equal(cond(s.get('batch/v1', 'Job', ns, name), 'Failed')?.reason, 'BackoffLimitExceeded');
      break;
    case 'storage.pvc-unbound':
      assert.equal(st(s.get('v1', 'PersistentVolumeClaim', ns, name)).phase, 'Pending');
      break;
    case 'cert.expired': {
      assert.ok(Date.parse(secretCert(s, ns!, name).validTo) < now, 'notAfter is in the past');
      assert.equal(cond(s.get('cert-manager.io/v1', 'Certificate', ns, name), 'Ready')?.reason, 'Expired');
      break;
    }
    case 'cert.san-mismatch': {
      const x = secretCert(s, ns!, name);
      const want = ((s.get('cert-manager.io/v1', 'Certificate', ns, name)!.spec as Any).dnsNames as string[]).map((d) => `DNS:${d}`).sort();
      assert.notDeepEqual((x.subjectAltName ?? '').split(', ').sort(), want);
      break;
    }
    case 'cert.issuer-not-ready': {
      const issuer = s.get('cert-manager.io/v1', ns ? 'Issuer' : 'ClusterIssuer', ns, name);
      assert.equal(cond(issuer, 'Ready')?.status, 'False');
      break;
    }
    case 'edge.target-port-mismatch': {
      const svc = s.get('v1', 'Service', ns, name) as Any;
      const pods = s.list('v1', 'Pod', ns).filter((p) => Object.entries(svc.spec.selector as Record<string, string>).every(([k, v]) => p.metadata.labels?.[k] === v));
      const declared = pods.flatMap((p) => ((p.spec as Any).containers as Any[]).flatMap((c) => (c.ports ?? []) as Any[]));
      const unmatched = (svc.spec.ports as Any[]).filter((sp) => !declared.some((cp) => cp.containerPort === sp.targetPort || cp.name === sp.targetPort));
      assert.ok(unmatched.length > 0, `${name}: some targetPort matches no container port`);
      break;
    }
    case 'edge.selector-no-pods':
    case 'edge.no-ready-endpoints': {
      const ep = s.get('v1', 'Endpoints', ns, name) as Any;
      assert.ok(ep, `Endpoints ${name} exist`);
      assert.ok(!(ep.subsets ?? []).some((x: Any) => x.addresses?.length), `${name}: no ready addresses`);
      break;
    }
    case 'ingress.no-address': {
      const svc = s.get('v1', 'Service', ns, name) as Any;
      assert.equal(svc.spec.type, 'LoadBalancer');
      assert.equal((svc.status?.loadBalancer?.ingress ?? []).length, 0);
      break;
    }
    case 'dns.hostname-unresolved':
    case 'dns.wildcard-unresolved':
      // Checked end to end by the DNS lookup Job test below.
      assert.ok(s.get('v1', 'ConfigMap', 'kube-system', 'coredns'));
      break;
    case 'tronador.release-not-ready': {
      const hr = s.get('helm.toolkit.fluxcd.io/v2beta1', 'HelmRelease', ns, name);
      assert.equal(cond(hr, 'Ready')?.status, 'False');
      break;
    }
    case 'tronador.stale-environment': {
      const env = s.get('tronador.stakater.com/v1alpha2', 'Environment', undefined, name)!;
      const repos = s.list('source.toolkit.fluxcd.io/v1beta2', 'GitRepository', (st(env).namespace as string) ?? name);
      assert.ok(repos.some((r) => /couldn't find remote ref/.test(cond(r, 'Ready')?.message ?? '')));
      break;
    }
    case 'tronador.pull-secret-missing': {
      const pods = podsOfWorkload(s, ns!, name);
      assert.ok(pods.length > 0 && pods.every((p) => !((p.spec as Any).imagePullSecrets ?? []).length));
      break;
    }
    case 'chall.janitor-stale': {
      const cj = s.get('batch/v1', 'CronJob', ns, name);
      assert.ok(st(cj).lastScheduleTime);
      assert.ok(!st(cj).lastSuccessfulTime || Date.parse(st(cj).lastSuccessfulTime) < now - 30 * 60_000, 'no recent success');
      const runs = s.list('batch/v1', 'Job', ns).filter((j) => j.metadata.ownerReferences?.[0]?.name === name);
      assert.ok(runs.length > 0 && runs.every((j) => cond(j, 'Failed')?.status === 'True'), 'its runs fail');
      break;
    }
    case 'chall.instance-expired': {
      const kinds: Array<[string, string]> = [['apps/v1', 'Deployment'], ['v1', 'Service'], ['v1', 'ConfigMap'], ['v1', 'Namespace']];
      const obj = kinds.map(([v, k]) => s.get(v, k, k === 'Namespace' ? undefined : ns, name)).find(Boolean);
      assert.ok(obj && Date.parse(obj.metadata.annotations?.['chall-manager.ctfer.io/until'] ?? '') < now);
      break;
    }
    default:
      assert.fail(`no object-level assertion for ${f.expect.check} (${f.id})`);
  }
}

for (const name of listScenarios()) {
  describe(`scenario ${name}`, () => {
    let s: RunningScenario;
    before(async () => {
      s = await runScenario(name);
    });
    after(() => s.stop());

    test('loads and converges', () => {
      assert.ok(s.info.objectCount > 0);
      assert.ok(s.list('v1', 'Node').every((n) => cond(n, 'Ready')?.status === 'True'));
      assert.ok(s.list('apps/v1', 'Deployment', 'kube-system').every((d) => st(d).readyReplicas === (d.spec as Any).replicas), 'CoreDNS is ready');
    });

    test('each planted fault is visible in the objects', () => {
      for (const f of s.info.faults) assertVisible(s, f);
    });

    const airGapped = composeScenario(scenariosDir(), name, new Date()).mirror?.airGapped === true;
    if (airGapped) test('air-gapped: every pod with an image outside the mirror fails to pull it', () => {
      const mirror = s.info.plants.mirror!;
      const outside = s.list('v1', 'Pod').filter((p) => ((p.spec as Any).containers as Any[]).some((c) => !String(c.image).startsWith(`${mirror.host}/`)));
      assert.ok(outside.length > 0);
      for (const p of outside) {
        const messages = containerStatuses([p]).map((c) => String(c.state?.waiting?.message ?? ''));
        assert.ok(messages.some((m) => /dial tcp: lookup \S+ on 127\.0\.0\.53:53: server misbehaving/.test(m)), `${p.metadata.name}: ${messages.join(' | ')}`);
      }
      const report = inspect(s.view(), profiles, { airGapped: true, mirrorRegistry: mirror.host, mirroredImages: mirror.images, now: s.clock.now.toISOString() });
      assert.ok(report.findings.some((f) => f.checkId === 'image.not-mirrored'));
    });

    test('the inspection reports exactly what the scenario plants (and nothing for a healthy one)', () => {
      const report = inspect(s.view(), profiles, { airGapped: true, mirrorRegistry: s.info.plants.mirror?.host, mirroredImages: s.info.plants.mirror?.images, now: s.clock.now.toISOString() });
      for (const stack of s.info.stacks) assert.ok(report.installations.some((i) => i.profile === stack), `${stack} is detected`);
      if (s.info.faults.length === 0) {
        const bad = report.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
        assert.deepEqual(bad.map((f) => `${f.id}: ${f.title}`), []);
      }
      for (const f of s.info.faults) {
        const prefix = `${f.expect.check}/${f.expect.object}`;
        assert.ok(
          report.findings.some((x) => x.id === prefix || x.id.startsWith(`${prefix}/`)),
          `${f.id}: expected a finding ${prefix}; got ${report.findings.map((x) => x.id).join(', ')}`,
        );
      }
    });
  });
}
