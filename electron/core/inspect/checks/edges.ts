import type { KubeObject } from '../../cluster/view.ts';
import type { Finding } from '../../../../shared/model/finding.ts';
import type { ProfileEdge, ProfilePort } from '../../../../shared/model/profile.ts';
import type { ResolvedComponent } from '../../stacks/detect.ts';
import { namesService, parseAddresses } from '../address.ts';
import { evidence, finding, forbiddenFinding, isForbidden, missingEvidence } from '../finding.ts';
import { arr, configMapValue, containersOf, endpointsOf, field, matchesSelector, num, podsOf, podTemplateOf, record, secretValue, str } from '../kube.ts';
import type { Check, CheckContext } from '../types.ts';

/**
 * Every integration edge of the profile (consumer → provider:port), checked the way traffic
 * flows: the provider's Service exists, has the port, forwards it to a port the pods listen on,
 * selects the pods, has ready endpoints, and the consumer is configured with that address.
 */

interface ServicePortView {
  name?: string;
  port: number;
  targetPort: number | string;
  index: number;
}

function servicePorts(svc: KubeObject): ServicePortView[] {
  return arr(field(svc, 'spec', 'ports')).map((p, index) => {
    const port = num(field(p, 'port')) ?? 0;
    const target = field(p, 'targetPort');
    return { name: str(field(p, 'name')), port, targetPort: typeof target === 'number' || typeof target === 'string' ? target : port, index };
  });
}

export function providerServiceName(ctx: CheckContext, provider: ResolvedComponent, port: ProfilePort): string {
  return ctx.inst.name(port.service ?? provider.spec.service ?? provider.spec.find.name);
}

export function profilePort(c: ResolvedComponent, ref: string | number): ProfilePort | undefined {
  return c.spec.ports.find((p) => p.name === ref) ?? c.spec.ports.find((p) => p.number === ref);
}

/** An edge of the profile, or (consumer undefined) a provider port no edge names, checked for the same Service faults. */
type EdgeLike = Pick<ProfileEdge, 'provider' | 'port' | 'purpose'> & { consumer?: string; configuredBy?: ProfileEdge['configuredBy'] };

function edgeFindings(ctx: CheckContext, edge: EdgeLike): Finding[] {
  const { view, inst } = ctx;
  const provider = inst.component(edge.provider)!;
  const consumer = edge.consumer ? inst.component(edge.consumer)! : undefined;
  const port = profilePort(provider, edge.port)!;
  const ns = provider.namespace;
  const svcName = providerServiceName(ctx, provider, port);
  const tag = edge.consumer ? { consumer: edge.consumer, provider: edge.provider, port: String(edge.port) } : undefined;
  const about = consumer ? `${consumer.spec.title} → ${provider.spec.title}:${port.name} (${edge.purpose})` : `${provider.spec.title} port ${port.name} (${edge.purpose})`;
  const base = { component: edge.provider, namespace: ns, ...(tag ? { edge: tag } : {}) };
  const svc = view.get('Service', ns, svcName);
  if (!svc) {
    const forbidden = forbiddenFinding(ctx, 'Service', 'Services');
    if (forbidden) return [forbidden];
    // A port no edge uses may be served by a Service the profile names by guess: only edges require it.
    if (!consumer) return [];
    return [
      finding(ctx, {
        ...base,
        checkId: 'edge.service-missing',
        severity: 'error',
        name: svcName,
        title: `Service ${svcName} is missing`,
        explanation: `${about}: ${consumer.spec.title} reaches ${provider.spec.title} through Service ${ns}/${svcName}, which does not exist.`,
        evidence: [missingEvidence('Service', ns, svcName)],
      }),
    ];
  }
  const out: Finding[] = [];
  const ports = servicePorts(svc);
  const sp = ports.find((p) => p.name === port.name) ?? ports.find((p) => p.port === port.number);
  if (!sp) {
    // Services often leave out ports nobody calls (metrics); only an edge's port must be there.
    if (!consumer) return [];
    return [
      finding(ctx, {
        ...base,
        checkId: 'edge.port-missing',
        severity: 'error',
        name: svcName,
        detail: port.name,
        title: `Service ${svcName} has no port ${port.name} (${port.number})`,
        explanation: `${about}: the Service exposes ${ports.map((p) => `${p.name ?? '-'}:${p.port}`).join(', ') || 'no ports'}, not ${port.name}/${port.number}.`,
        evidence: [evidence(svc, 'spec.ports', field(svc, 'spec', 'ports'))],
      }),
    ];
  }

  const selector = record(field(svc, 'spec', 'selector'));
  const hasSelector = Object.keys(selector).length > 0;
  const selected = hasSelector ? view.select('Pod', selector, ns) : [];
  const workloadPods = provider.workload ? podsOf(view, provider.workload) : [];
  const templateLabels = provider.workload ? record(field(podTemplateOf(provider.workload), 'metadata', 'labels')) : undefined;
  const selectorMisses = hasSelector && provider.workload !== undefined && (templateLabels ? !matchesSelector(templateLabels, selector) : selected.length === 0) && selected.length === 0;
  if (selectorMisses) {
    out.push(
      finding(ctx, {
        ...base,
        checkId: 'edge.selector-no-pods',
        severity: 'error',
        name: svcName,
        title: `Service ${svcName} selects no pods`,
        explanation: `${about}: the selector ${JSON.stringify(selector)} matches none of ${provider.spec.kind} ${provider.name}'s pods (labels ${JSON.stringify(templateLabels ?? {})}), so the Service has no endpoints.`,
        evidence: [evidence(svc, 'spec.selector', selector), ...(provider.workload ? [evidence(provider.workload, 'spec.template.metadata.labels', templateLabels ?? {})] : [])],
        fixId: 'service.fix-selector',
      }),
    );
  }

  // The ports the pods listen on: from the selected pods, else from the provider's pod template.
  const podSources = selected.length > 0 ? selected : workloadPods.length > 0 ? workloadPods : provider.workload ? [podTemplateOf(provider.workload)] : [];
  const containerPorts = podSources.flatMap((p) => containersOf(p).flatMap((c) => c.ports));
  const target = sp.targetPort;
  const declared = containerPorts.length > 0;
  const matches = typeof target === 'string' ? containerPorts.some((p) => p.name === target) : containerPorts.some((p) => p.containerPort === target);
  const expected = port.targetPort ?? port.number;
  const mismatch = declared ? !matches : podSources.length > 0 && typeof target === typeof expected && target !== expected;
  if (mismatch) {
    out.push(
      finding(ctx, {
        ...base,
        checkId: 'edge.target-port-mismatch',
        severity: consumer ? 'error' : 'warning',
        name: svcName,
        detail: port.name,
        title: `Service ${svcName} port ${sp.name ?? sp.port} forwards to ${target}, which no pod listens on`,
        explanation: `${about}: targetPort ${JSON.stringify(target)} matches none of the container ports ${declared ? containerPorts.map((p) => `${p.name ?? '-'}:${p.containerPort}`).join(', ') : `(expected ${JSON.stringify(expected)})`}. Connections to ${svcName}:${sp.port} are refused.`,
        evidence: [evidence(svc, `spec.ports[${sp.index}]`, arr(field(svc, 'spec', 'ports'))[sp.index])],
        fixId: 'service.fix-target-port',
      }),
    );
  }

  if (!selectorMisses && hasSelector) {
    const eps = endpointsOf(view, ns, svcName);
    const cannotSee = isForbidden(ctx, 'Endpoints') && isForbidden(ctx, 'discovery.k8s.io/EndpointSlice');
    const neverListed = view.kindState('Endpoints').state === 'not-served' && view.kindState('discovery.k8s.io/EndpointSlice').state === 'not-served';
    if (cannotSee) {
      const f = forbiddenFinding(ctx, 'Endpoints', 'Service endpoints');
      if (f) out.push(f);
    } else if (!neverListed && eps.ready.length === 0) {
      const epObj = view.get('Endpoints', ns, svcName);
      out.push(
        finding(ctx, {
          ...base,
          checkId: 'edge.no-ready-endpoints',
          severity: 'error',
          name: svcName,
          title: `Service ${svcName} has no ready endpoints`,
          explanation: `${about}: ${eps.notReady.length > 0 ? `${eps.notReady.length} endpoint(s) exist but none is ready` : 'no endpoint exists'}, so every connection fails. The provider's pods are not running or not ready.`,
          evidence: [epObj ? evidence(epObj, 'subsets', field(epObj, 'subsets') ?? []) : missingEvidence('Endpoints', ns, svcName, 'no ready addresses')],
        }),
      );
    }
  }

  if (consumer && edge.consumer && edge.configuredBy) out.push(...consumerAddress(ctx, edge as ProfileEdge, consumer, svc, sp.port));
  return out;
}

/** Checks the consumer's configured address (env var, ConfigMap or Secret key NAMES from the profile). */
function consumerAddress(ctx: CheckContext, edge: ProfileEdge, consumer: ResolvedComponent, svc: KubeObject, port: number): Finding[] {
  const { view } = ctx;
  const w = consumer.workload;
  if (!w) return [];
  const cns = consumer.namespace;
  const svcName = svc.metadata.name;
  const svcNs = svc.metadata.namespace ?? '';
  const clusterIP = str(field(svc, 'spec', 'clusterIP'));
  type Source = { label: string; value: string; secret: boolean; obj: KubeObject; path: string };
  const sources: Source[] = [];
  const containers = containersOf(podTemplateOf(w), true);
  for (const envName of edge.configuredBy.env) {
    for (const c of containers) {
      const entry = c.env.find((e) => field(e, 'name') === envName);
      if (entry !== undefined) {
        const value = str(field(entry, 'value'));
        if (value !== undefined) sources.push({ label: envName, value, secret: false, obj: w, path: `spec.template.spec.containers[${c.name}].env[${envName}]` });
        const cmRef = field(entry, 'valueFrom', 'configMapKeyRef');
        const secRef = field(entry, 'valueFrom', 'secretKeyRef');
        if (cmRef) {
          const cm = view.get('ConfigMap', cns, str(field(cmRef, 'name')) ?? '');
          const v = configMapValue(cm, str(field(cmRef, 'key')) ?? '');
          if (cm && v !== undefined) sources.push({ label: envName, value: v, secret: false, obj: cm, path: `data.${str(field(cmRef, 'key'))}` });
        }
        if (secRef) {
          const s = view.get('Secret', cns, str(field(secRef, 'name')) ?? '');
          const v = secretValue(s, str(field(secRef, 'key')) ?? '');
          if (s && v !== undefined) sources.push({ label: envName, value: v, secret: true, obj: s, path: `data.${str(field(secRef, 'key'))}` });
        }
        break;
      }
      for (const from of c.envFrom) {
        const cmName = str(field(from, 'configMapRef', 'name'));
        const secName = str(field(from, 'secretRef', 'name'));
        const prefix = str(field(from, 'prefix')) ?? '';
        if (!envName.startsWith(prefix)) continue;
        const key = envName.slice(prefix.length);
        if (cmName) {
          const cm = view.get('ConfigMap', cns, cmName);
          const v = configMapValue(cm, key);
          if (cm && v !== undefined) sources.push({ label: envName, value: v, secret: false, obj: cm, path: `data.${key}` });
        }
        if (secName) {
          const s = view.get('Secret', cns, secName);
          const v = secretValue(s, key);
          if (s && v !== undefined) sources.push({ label: envName, value: v, secret: true, obj: s, path: `data.${key}` });
        }
      }
    }
  }
  for (const k of edge.configuredBy.configMapKeys) {
    const cm = view.get('ConfigMap', cns, ctx.inst.name(k.name));
    const v = configMapValue(cm, k.key);
    if (cm && v !== undefined) sources.push({ label: k.key, value: v, secret: false, obj: cm, path: `data.${k.key}` });
  }
  for (const k of edge.configuredBy.secretKeys) {
    const s = view.get('Secret', cns, ctx.inst.name(k.name));
    const v = secretValue(s, k.key);
    if (s && v !== undefined) sources.push({ label: k.key, value: v, secret: true, obj: s, path: `data.${k.key}` });
  }

  const out: Finding[] = [];
  for (const src of sources) {
    const addrs = parseAddresses(src.value);
    if (addrs.length === 0) continue;
    const toService = addrs.filter((a) => namesService(a.host, svcName, svcNs, cns, ctx.options.clusterDomain) || (clusterIP !== undefined && a.host === clusterIP));
    const good = toService.some((a) => a.port === undefined || a.port === port);
    if (good) continue;
    const wrongPort = toService.find((a) => a.port !== undefined && a.port !== port);
    const where = src.secret ? `Secret ${src.obj.metadata.name} key ${src.path.slice(5)}` : src.obj === w ? `env ${src.label}` : `ConfigMap ${src.obj.metadata.name} key ${src.path.slice(5)}`;
    const seen = src.secret ? (wrongPort ? `port ${wrongPort.port}` : 'another host') : addrs.map((a) => `${a.host}${a.port ? `:${a.port}` : ''}`).join(', ');
    out.push(
      finding(ctx, {
        checkId: 'edge.consumer-address',
        severity: 'error',
        component: edge.consumer,
        namespace: cns,
        name: w.metadata.name,
        detail: src.label,
        edge: { consumer: edge.consumer, provider: edge.provider, port: String(edge.port) },
        title: `${consumer.spec.title} points ${src.label} at ${seen}, not ${svcName}:${port}`,
        explanation: `${where} should address Service ${svcName}.${svcNs}:${port} (${edge.purpose}), but it names ${seen}.${src.secret ? ' (The Secret value itself is not shown.)' : ''}`,
        // Secret values never leave the view: evidence names the key only.
        evidence: [src.secret ? { ref: { kind: 'Secret', namespace: cns, name: src.obj.metadata.name }, path: src.path } : evidence(src.obj, src.path, `${src.label}: ${src.value}`)],
      }),
    );
  }
  return out;
}

/** Edges sharing a group are alternatives (MongoDB vs PostgreSQL): check only installed providers, or the first when none is. */
export function edgesToCheck(ctx: CheckContext): ProfileEdge[] {
  const installed = (e: ProfileEdge) => ctx.inst.component(e.provider)?.workload !== undefined || ctx.view.get('Service', ctx.inst.component(e.provider)!.namespace, providerServiceName(ctx, ctx.inst.component(e.provider)!, profilePort(ctx.inst.component(e.provider)!, e.port)!)) !== undefined;
  const out: ProfileEdge[] = [];
  for (const e of ctx.inst.profile.edges) {
    const consumer = ctx.inst.component(e.consumer)!;
    const provider = ctx.inst.component(e.provider)!;
    if (!consumer.workload && consumer.spec.optional) continue;
    if (provider.spec.optional && !e.group && !installed(e)) continue;
    if (e.group) {
      const siblings = ctx.inst.profile.edges.filter((o) => o.group === e.group && o.consumer === e.consumer);
      const anyInstalled = siblings.some(installed);
      if (anyInstalled ? !installed(e) : siblings[0] !== e) continue;
    }
    out.push(e);
  }
  return out;
}

export const edgesCheck: Check = {
  area: 'edges',
  checkIds: ['edge.service-missing', 'edge.port-missing', 'edge.target-port-mismatch', 'edge.selector-no-pods', 'edge.no-ready-endpoints', 'edge.consumer-address'],
  run(ctx) {
    const edges = edgesToCheck(ctx);
    // Ports no edge names (metrics, health) are still checked where their Service exists.
    const covered = new Set(edges.map((e) => `${e.provider}/${profilePort(ctx.inst.component(e.provider)!, e.port)!.name}`));
    const implicit: EdgeLike[] = ctx.inst.components
      .filter((c) => c.workload)
      .flatMap((c) => c.spec.ports.filter((p) => !covered.has(`${c.spec.id}/${p.name}`)).map((p) => ({ provider: c.spec.id, port: p.name, purpose: 'declared by the profile' })));
    return [...edges, ...implicit].flatMap((e) => edgeFindings(ctx, e));
  },
};
