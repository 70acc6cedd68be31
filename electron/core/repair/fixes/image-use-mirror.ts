import { patchChange } from '../changes.ts';
import { parseFindingId, PlanError, profileOf, type Fix } from '../fix.ts';
import { podTemplateOf, workloadOf, type Container } from './targets.ts';

/** `kubeshop/x:1`, `docker.io/library/nginx:1`, `ghcr.io/o/x@sha256:…` → the same path and tag under `mirror`. */
export function mirroredImage(image: string, mirror: string): string {
  const parts = image.split('/');
  const first = parts[0]!;
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let rest = hasRegistry ? parts.slice(1).join('/') : image;
  if ((!hasRegistry || first === 'docker.io') && rest.startsWith('library/')) rest = rest.slice('library/'.length);
  return `${mirror.replace(/\/+$/, '')}/${rest}`;
}

/**
 * Air-gapped sites pull from their mirror registry: the container's image is rewritten to the
 * mirror (same repository path and tag) and the mirror's pull secret added to the pod template.
 */
export const imageUseMirror: Fix = {
  id: 'image.use-mirror',
  title: "Pull the image from the site's mirror registry",
  checks: ['image.not-mirrored', 'workload.image-pull'],
  plan(view, finding, ctx) {
    const mirror = ctx.options.mirrorRegistry ?? profileOf(finding, ctx.profiles)?.airGap?.mirrorRegistry;
    if (!mirror) throw new PlanError('no mirror registry is configured (site setting or the profile\'s airGap.mirrorRegistry)');
    const w = workloadOf(view, finding);
    const what = `${w.kind} ${w.metadata.namespace}/${w.metadata.name}`;
    const only = parseFindingId(finding.id).detail;
    const template = podTemplateOf(w);
    const all = [...(template?.spec?.containers ?? []), ...(template?.spec?.initContainers ?? [])];
    const mirrorHost = mirror.split('/')[0]!;
    const targets = all.filter((c: Container) => (only ? c.name === only : true) && c.image && !c.image.startsWith(`${mirrorHost}/`));
    if (targets.length === 0) throw new PlanError(`${what}: ${only ? `container ${only}` : 'every container'} already pulls from ${mirror}`);
    const secret = ctx.options.pullSecretName;
    const rewrites = new Map(targets.map((c) => [c.name, mirroredImage(c.image!, mirror)]));
    const change = patchChange(
      w,
      (d) => {
        const spec = podTemplateOf(d)!.spec!;
        for (const list of [spec.containers, spec.initContainers]) for (const c of list ?? []) if (rewrites.has(c.name)) c.image = rewrites.get(c.name);
        if (secret && !(spec.imagePullSecrets ?? []).some((s) => s.name === secret)) spec.imagePullSecrets = [...(spec.imagePullSecrets ?? []), { name: secret }];
      },
      `pull ${[...rewrites.values()].join(', ')} in ${what}`,
    );
    return {
      changes: [change],
      explanation: `${what} pulls ${targets.map((c) => c.image).join(', ')} from outside the site; it will pull ${[...rewrites.values()].join(', ')} from ${mirror}${secret ? ` with pull secret ${secret}` : ''}. The images must be in the mirror (the offline bundle pushes them).`,
    };
  },
};
