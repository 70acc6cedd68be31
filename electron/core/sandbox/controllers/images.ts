/** Image references and the site's mirror registry: what would fail to pull in an air-gapped cluster. */
import type { MirrorRegistry } from './context.ts';

export interface ImageRef {
  /** Registry host, '' for Docker Hub shorthand. */
  host: string;
  repository: string;
  tag: string;
}

export function parseImage(image: string): ImageRef {
  let rest = image.split('@')[0]!;
  let host = '';
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      host = first;
      rest = rest.slice(slash + 1);
    }
  }
  const colon = rest.lastIndexOf(':');
  return colon > 0 ? { host, repository: rest.slice(0, colon), tag: rest.slice(colon + 1) } : { host, repository: rest, tag: 'latest' };
}

/** `repository:tag`, the key the mirror list is compared by. */
function mirrorKey(image: string): string {
  const ref = parseImage(image);
  return `${ref.repository}:${ref.tag}`;
}

/** The containerd error for an image that is not in the mirror registry, or undefined when it pulls. */
export function mirrorPullError(image: string, mirror: MirrorRegistry | undefined): string | undefined {
  if (!mirror) return undefined;
  const ref = parseImage(image);
  if (ref.host !== mirror.host) return mirror.airGapped ? unreachableRegistryError(ref) : undefined;
  const present = new Set(mirror.images.map(mirrorKey));
  if (present.has(`${ref.repository}:${ref.tag}`)) return undefined;
  const full = `${ref.host}/${ref.repository}:${ref.tag}`;
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`;
}

/** containerd's error when the image's registry cannot be reached from an air-gapped node. */
function unreachableRegistryError(ref: ImageRef): string {
  const host = ref.host || 'docker.io';
  const repo = !ref.host && !ref.repository.includes('/') ? `library/${ref.repository}` : ref.repository;
  const endpoint = host === 'docker.io' ? 'registry-1.docker.io' : host;
  const full = `${host}/${repo}:${ref.tag}`;
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": failed to do request: Head "https://${endpoint}/v2/${repo}/manifests/${ref.tag}": dial tcp: lookup ${endpoint.split(':')[0]} on 127.0.0.53:53: server misbehaving`;
}

/** A plausible content digest for a pulled image (stable per reference). */
export function imageDigest(image: string): string {
  let h = 0n;
  for (const c of image) h = (h * 131n + BigInt(c.charCodeAt(0))) % (1n << 256n);
  return h.toString(16).padStart(64, '0').slice(-64);
}
