/** Image reference parsing, docker's rules: the first path part is a registry when it has a dot, a colon or is localhost. */
export interface ImageRef {
  registry: string;
  /** Repository without registry and tag, e.g. `kubeshop/tracetest-cloud`. */
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImage(image: string): ImageRef {
  const [noDigest, digest] = image.split('@') as [string, string | undefined];
  const parts = noDigest.split('/');
  const first = parts[0]!;
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first : 'docker.io';
  let path = (hasRegistry ? parts.slice(1) : parts).join('/');
  let tag: string | undefined;
  const colon = path.lastIndexOf(':');
  if (colon > path.lastIndexOf('/')) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
  }
  if (registry === 'docker.io' && path.startsWith('library/')) path = path.slice('library/'.length);
  return { registry, repository: path, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/**
 * Whether an image is in the mirror list. List entries name repositories with or without their
 * original registry (`kubeshop/x`, `docker.io/kubeshop/x`) and with or without a tag; an entry
 * with a tag only covers that tag. A mirror may also prefix a path (`mirror:5000/team`).
 */
export function isMirrored(image: ImageRef, mirrorRegistry: string, mirrored: readonly string[]): boolean {
  const mirrorHost = mirrorRegistry.split('/')[0]!;
  const mirrorPrefix = mirrorRegistry.split('/').slice(1).join('/');
  let repo = image.repository;
  if (image.registry === mirrorHost && mirrorPrefix && repo.startsWith(`${mirrorPrefix}/`)) repo = repo.slice(mirrorPrefix.length + 1);
  return mirrored.some((entry) => {
    const m = parseImage(entry);
    return m.repository === repo && (m.tag === undefined || m.tag === (image.tag ?? 'latest'));
  });
}

export const fromRegistry = (image: ImageRef, mirrorRegistry: string) => image.registry === mirrorRegistry.split('/')[0];

export const describeImage = (image: ImageRef) => `${image.repository}${image.tag ? `:${image.tag}` : ''}`;
