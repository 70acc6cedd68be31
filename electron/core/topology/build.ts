import type { Finding } from '../../../shared/model/finding.ts';
import type { Topology, TopologyEdge, TopologyNode } from '../../../shared/model/topology.ts';
import type { ClusterView } from '../cluster/view.ts';
import { field, podTemplateOf, record } from '../inspect/kube.ts';
import type { Installation } from '../stacks/detect.ts';
import { FindingIndex, worstHealth } from './health.ts';
import { routesForHost } from './routes.ts';

/**
 * The picture behind the Topology page: each installation's components and the profile's
 * integration edges between them, plus ingress host → route → Service → component, every
 * node and edge coloured by the findings that name it.
 */
export function buildTopology(view: ClusterView, installations: readonly Installation[], findings: readonly Finding[]): Topology {
  const index = new FindingIndex(findings);
  const nodes = new Map<string, TopologyNode>();
  const edges = new Map<string, TopologyEdge>();
  const ids = (fs: readonly Finding[]) => [...new Set(fs.map((f) => f.id))];
  const addNode = (node: TopologyNode) => {
    if (!nodes.has(node.id)) nodes.set(node.id, node);
    return node.id;
  };
  const addEdge = (edge: Omit<TopologyEdge, 'health' | 'findingIds'>, fs: readonly Finding[]) => {
    if (!edges.has(edge.id)) edges.set(edge.id, { ...edge, health: worstHealth(fs), findingIds: ids(fs) });
  };

  for (const inst of installations) {
    const p = inst.profile.name;
    const componentNode = new Map<string, string>();
    for (const c of inst.components) {
      if (!c.workload && c.spec.optional) continue;
      const own = findings.filter((f) => f.profile === p && f.component === c.spec.id && !f.edge);
      const byRef = c.workload ? index.forRef(c.kindKey, c.namespace, c.name) : [];
      const fs = [...new Set([...own, ...byRef])];
      const id = addNode({
        id: `component:${p}:${inst.namespace}:${c.spec.id}`,
        kind: 'component',
        label: c.spec.title,
        detail: `${c.namespace}/${c.name}${c.workload ? '' : ' (missing)'}`,
        profile: p,
        component: c.spec.id,
        health: worstHealth(fs, c.workload ? 'ok' : 'error'),
        findingIds: ids(fs),
        ref: { kind: c.kindKey, namespace: c.namespace, name: c.name },
      });
      componentNode.set(c.spec.id, id);
    }

    for (const e of inst.profile.edges) {
      const source = componentNode.get(e.consumer);
      const target = componentNode.get(e.provider);
      if (!source || !target) continue;
      const fs = findings.filter((f) => f.profile === p && f.edge && f.edge.consumer === e.consumer && f.edge.provider === e.provider && f.edge.port === String(e.port));
      addEdge({ id: `edge:${p}:${inst.namespace}:${e.consumer}->${e.provider}:${e.port}`, source, target, kind: 'integration', label: `${e.port} · ${e.purpose}` }, fs);
    }

    const hostnames = inst.profile.hostnames;
    if (!hostnames) continue;
    const hosts = [hostnames.domain, ...hostnames.subdomains.map((s) => `${s}.${hostnames.domain}`)];
    const dnsFindings = findings.filter((f) => f.profile === p && f.checkId.startsWith('dns.'));
    for (const host of hosts) {
      const hostFindings = dnsFindings.filter((f) => f.id.includes(host) || f.checkId === 'dns.coredns-not-ready' || (host === hostnames.domain && f.checkId === 'dns.wildcard-unresolved'));
      const hostId = addNode({ id: `host:${host}`, kind: 'ingress-host', label: host, detail: hostnames.wildcard && host === hostnames.domain ? `and *.${host}` : 'ingress host', profile: p, health: worstHealth(hostFindings), findingIds: ids(hostFindings) });
      for (const { route, routeKind, services } of routesForHost(view, host)) {
        const routeNs = route.metadata.namespace;
        const routeFindings = index.forRef(routeKind, routeNs, route.metadata.name);
        const routeId = addNode({ id: `route:${routeKind}:${routeNs}/${route.metadata.name}`, kind: 'route', label: route.metadata.name, detail: routeKind.split('/').pop(), profile: p, health: worstHealth(routeFindings), findingIds: ids(routeFindings), ref: { kind: routeKind, ...(routeNs ? { namespace: routeNs } : {}), name: route.metadata.name } });
        addEdge({ id: `routing:${hostId}->${routeId}`, source: hostId, target: routeId, kind: 'routing', label: 'host match' }, []);
        for (const s of services) {
          const svc = view.get('Service', s.namespace, s.name);
          const svcFindings = index.forRef('Service', s.namespace, s.name);
          const svcId = addNode({ id: `service:${s.namespace}/${s.name}`, kind: 'service', label: s.name, detail: `${s.namespace}${s.port ? ` :${s.port}` : ''}${svc ? '' : ' (missing)'}`, profile: p, health: worstHealth(svcFindings, svc ? 'ok' : 'error'), findingIds: ids(svcFindings), ref: { kind: 'Service', namespace: s.namespace, name: s.name } });
          addEdge({ id: `routing:${routeId}->${svcId}`, source: routeId, target: svcId, kind: 'routing', label: s.port ? `port ${s.port}` : 'backend' }, []);
          const selector = record(field(svc, 'spec', 'selector'));
          if (!svc || Object.keys(selector).length === 0) continue;
          for (const c of inst.components) {
            const target = componentNode.get(c.spec.id);
            if (!target || !c.workload || c.namespace !== s.namespace) continue;
            const labels = record(field(podTemplateOf(c.workload), 'metadata', 'labels'));
            if (!Object.entries(selector).every(([k, v]) => labels[k] === v)) continue;
            addEdge({ id: `selects:${svcId}->${target}`, source: svcId, target, kind: 'selects', label: 'selects pods' }, svcFindings);
          }
        }
      }
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
