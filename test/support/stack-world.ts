import type { KubeObject } from '../../electron/core/cluster/view.ts';
import { fillPattern } from '../../electron/core/stacks/patterns.ts';
import type { StackProfile } from '../../shared/model/profile.ts';
import { certificate, configMap, crd, cronJob, deployment, endpoints, ingress, ingressRoute, issuer, pod, service, statefulSet, tlsSecret, webhookConfiguration } from './objects.ts';
import type { TestCert } from './tls.ts';

/**
 * A healthy install of a whole stack profile, generated from the profile itself: every required
 * component's workload, a ready pod, its Services and ready Endpoints; plus, when the profile
 * asks for them, cert-manager with ready issuers and valid certificates, ingress routes for every
 * hostname, and a Corefile that sends the hostnames to the ingress Service.
 */
export interface WorldOptions {
  namespace: string;
  bindings: Record<string, string>;
  /** A certificate covering the profile's hostnames (and one for signing certificates). */
  certs?: { serving: TestCert; signing: TestCert };
}

export function healthyWorld(profile: StackProfile, o: WorldOptions): KubeObject[] {
  const out: KubeObject[] = [];
  const name = (p: string) => fillPattern(p, { ...profile.placeholders, ...o.bindings }) ?? p;
  let ip = 10;
  const skipped = new Set<string>();
  const firstOfGroup = new Set<string>();
  for (const group of new Set(profile.edges.flatMap((e) => (e.group ? [e.group] : [])))) {
    const providers = [...new Set(profile.edges.filter((e) => e.group === group).map((e) => e.provider))];
    providers.slice(1).forEach((p) => skipped.add(p));
    firstOfGroup.add(providers[0]!);
  }
  for (const c of profile.components) {
    if ((c.optional && !firstOfGroup.has(c.id)) || c.kind === 'Job' || skipped.has(c.id)) continue;
    const ns = c.find.namespace && c.find.namespace !== profile.components.find((a) => a.anchor)?.find.namespace ? c.find.namespace : o.namespace;
    const wname = name(c.find.name);
    const labels = { 'app.kubernetes.io/name': c.id, 'app.kubernetes.io/instance': wname };
    const ports = c.ports.map((p) => ({ name: typeof p.targetPort === 'string' ? p.targetPort : p.name, containerPort: typeof p.targetPort === 'number' ? p.targetPort : p.number }));
    const containers = [{ name: c.id, image: `${c.images[0] ?? `example/${c.id}`}:1.0`, ports }];
    if (c.kind === 'CronJob') {
      out.push(cronJob(wname, ns, { lastSuccessfulTime: '2026-11-21T23:59:30Z', containers }));
      continue;
    }
    const replicas = c.replicas ?? 1;
    out.push(c.kind === 'StatefulSet' ? statefulSet(wname, ns, { podLabels: labels, replicas, containers }) : deployment(wname, ns, { podLabels: labels, replicas, containers }));
    const podIP = `10.42.0.${ip++}`;
    out.push(pod(`${wname}-0`, ns, { labels, ip: podIP, owner: { kind: c.kind === 'StatefulSet' ? 'StatefulSet' : 'ReplicaSet', name: wname }, containers }));
    const services = new Map<string, typeof c.ports>();
    for (const p of c.ports) {
      const s = name(p.service ?? c.service ?? c.find.name);
      services.set(s, [...(services.get(s) ?? []), p]);
    }
    const ingressSvc = profile.hostnames ? name(profile.hostnames.ingressService.name) : undefined;
    for (const [s, ps] of services) {
      const isIngress = s === ingressSvc;
      out.push(
        service(s, ns, {
          selector: labels,
          clusterIP: `10.43.0.${ip++}`,
          ...(isIngress ? { type: 'NodePort' } : {}),
          ports: ps.map((p, i) => ({ name: p.name, port: p.number, targetPort: p.targetPort ?? p.number, ...(isIngress ? { nodePort: 30000 + i } : {}) })),
        }),
      );
      out.push(endpoints(s, ns, { ready: [podIP], ports: ps.map((p) => ({ name: p.name, port: typeof p.targetPort === 'number' ? p.targetPort : p.number })) }));
    }
  }
  const h = profile.hostnames;
  if (h) {
    const hosts = [h.domain, ...h.subdomains.map((s) => `${s}.${h.domain}`)];
    const svc = name(h.ingressService.name);
    const svcNs = h.ingressService.namespace ?? o.namespace;
    if (h.ingressService.namespace) {
      out.push(service(svc, svcNs, { type: 'LoadBalancer', clusterIP: '10.43.1.1', ports: [{ name: 'https', port: 443 }], lbIngress: [{ ip: '192.0.2.10' }] }));
    }
    out.push(
      profile.prerequisites.ingressController === 'nginx'
        ? ingress(profile.name, o.namespace, { hosts, tlsHosts: hosts })
        : ingressRoute(profile.name, o.namespace, { hosts, tls: true }),
    );
    const target = `${svc}.${svcNs}.svc.cluster.local`;
    const esc = h.domain.replace(/\./g, '\\.');
    const rewrites = [...hosts.map((x) => `    rewrite name ${x} ${target}`), ...(h.wildcard ? [`    rewrite name regex (.*)\\.${esc} ${target}`] : [])].join('\n');
    out.push(configMap('coredns', 'kube-system', { Corefile: `.:53 {\n    errors\n${rewrites}\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n    }\n    forward . /etc/resolv.conf\n    cache 30\n}\n` }));
    out.push(deployment('coredns', 'kube-system', { replicas: 2 }));
  }
  if (profile.prerequisites.certManager || profile.certificates.length > 0) {
    out.push(crd('certificates.cert-manager.io', 'Certificate'), deployment('cert-manager', 'cert-manager'), deployment('cert-manager-webhook', 'cert-manager'));
    out.push(webhookConfiguration('ValidatingWebhookConfiguration', 'cert-manager-webhook', 'LS0tLS1CRUdJTi'));
    for (const i of profile.issuers) out.push(issuer(name(i.name), { type: i.type === 'selfSigned' ? 'selfSigned' : i.type === 'ca' ? 'ca' : 'acme', ...(i.kind === 'Issuer' ? { namespace: o.namespace } : {}) }));
    for (const c of profile.certificates) {
      const certName = name(c.name);
      out.push(certificate(certName, o.namespace, { isCA: c.isCA, issuer: { kind: c.issuer.kind, name: name(c.issuer.name) }, ...(c.dnsNamesFromHostnames && h ? { dnsNames: [h.domain, `*.${h.domain}`] } : {}) }));
      if (o.certs) out.push(tlsSecret(name(c.secretName ?? c.name), o.namespace, c.isCA ? o.certs.signing : o.certs.serving));
    }
  }
  return out;
}
