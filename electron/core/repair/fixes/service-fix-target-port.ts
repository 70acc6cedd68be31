import type { KubeObject } from '../../cluster/view.ts';
import { patchChange } from '../changes.ts';
import { installationFor, parseFindingId, PlanError, profileOf, type Fix } from '../fix.ts';
import { containersSelectedBy, targetOf, type Container } from './targets.ts';

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
}

/**
 * A Service port whose targetPort matches no container port sends traffic nowhere. The right
 * target is the container port with the Service port's name, else the port the profile names.
 */
export const serviceFixTargetPort: Fix = {
  id: 'service.fix-target-port',
  title: 'Point the Service port at the container port',
  checks: ['edge.target-port-mismatch'],
  plan(view, finding, ctx) {
    const svc = targetOf(view, finding, ['Service']);
    const ns = svc.metadata.namespace!;
    const spec = svc.spec as { ports?: ServicePort[]; selector?: Record<string, string> };
    const ports = spec.ports ?? [];
    const wanted = parseFindingId(finding.id).detail ?? finding.edge?.port;
    // The check points at the port (`spec.ports[2]`); else match the profile port's name or number.
    const pointed = finding.evidence.map((e) => /^spec\.ports\[(\d+)\]$/.exec(e.path ?? '')?.[1]).find((x) => x !== undefined);
    const profileNumber = profileOf(finding, ctx.profiles)?.components.find((c) => c.id === (finding.edge?.provider ?? finding.component))?.ports.find((p) => p.name === wanted)?.number;
    const index =
      pointed !== undefined && ports[Number(pointed)]
        ? Number(pointed)
        : ports.length === 1
          ? 0
          : ports.findIndex((p) => p.name === wanted || String(p.port) === wanted || p.port === profileNumber);
    if (index < 0) throw new PlanError(`Service ${ns}/${svc.metadata.name} has no port ${wanted ?? '(unnamed)'}`);
    const port = ports[index]!;
    const containers = containersSelectedBy(view, ns, spec.selector ?? {});
    const containerPorts = containers.flatMap((c: Container) => c.ports ?? []);
    const current = port.targetPort ?? port.port;
    if (containerPorts.some((cp) => cp.containerPort === current || (cp.name !== undefined && cp.name === current))) {
      throw new PlanError(`targetPort ${current} of Service ${ns}/${svc.metadata.name} already matches a container port`);
    }

    const byName = port.name ? containerPorts.find((cp) => cp.name === port.name) : undefined;
    let target: number | undefined = byName?.containerPort;
    let why = byName ? `the container port named "${port.name}"` : '';
    if (target === undefined) {
      const inst = installationFor(view, finding, ctx.profiles, ns);
      const componentId = finding.edge?.provider ?? finding.component;
      const component = inst?.component(componentId)?.spec;
      const profilePort = component?.ports.find((p) => p.name === (finding.edge?.port ?? port.name) || p.number === port.port);
      if (profilePort) {
        const t = profilePort.targetPort ?? profilePort.number;
        target = typeof t === 'number' ? t : containerPorts.find((cp) => cp.name === t)?.containerPort;
        why = `the ${component!.title} port "${profilePort.name}" in profile ${finding.profile}`;
      }
    }
    if (target === undefined && containerPorts.length === 1) {
      target = containerPorts[0]!.containerPort;
      why = 'the only port its pods declare';
    }
    if (target === undefined) throw new PlanError(`cannot tell which container port Service ${ns}/${svc.metadata.name} port ${port.name ?? port.port} should target`);

    const change = patchChange(
      svc as KubeObject,
      (draft) => {
        ((draft.spec as { ports: ServicePort[] }).ports[index] as ServicePort).targetPort = target;
      },
      `set Service ${ns}/${svc.metadata.name} port ${port.name ?? port.port} targetPort ${current} → ${target}`,
    );
    return {
      changes: [change],
      explanation: `Service ${ns}/${svc.metadata.name} port ${port.name ?? port.port} forwards to ${current}, which no selected container listens on. It will forward to ${target}, ${why}.`,
    };
  },
};
