/** Image reference parsing, docker's rules: the first path part is a registry when it has a dot, a colon or is localhost. */
export interface ImageRef {
  registry: string;
  /** Repository without registry and tag, e.g. `kubeshop/tracetest-cloud`. */
  repository: string;
}

export function parseImage(image: string): ImageRef {
  const noDigest = image.split('@')[0]!;
  const parts = noDigest.split('/');
  const first = parts[0]!;
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first : 'docker.io';
  let path = (hasRegistry ? parts.slice(1) : parts).join('/');
  const colon = path.lastIndexOf(':');
  if (colon > path.lastIndexOf('/')) path = path.slice(0, colon);
  if (registry === 'docker.io' && path.startsWith('library/')) path = path.slice('library/'.length);
  return { registry, repository: path };
}

/**
 * Whether `repository` is one of `mirrored`. Mirror lists name repositories with or without their
 * original registry (`kubeshop/x`, `docker.io/kubeshop/x`); a mirror may also prefix a path.
 */
export function isMirrored(image: ImageRef, mirrorRegistry: string, mirrored: readonly string[]): boolean {
  const names = new Set(mirrored.map((m) => parseImage(m).repository));
  const mirrorHost = mirrorRegistry.split('/')[0]!;
  const mirrorPrefix = mirrorRegistry.split('/').slice(1).join('/');
  let repo = image.repository;
  if (image.registry === mirrorHost && mirrorPrefix && repo.startsWith(`${mirrorPrefix}/`)) repo = repo.slice(mirrorPrefix.length + 1);
  return names.has(repo);
}

export const fromRegistry = (image: ImageRef, mirrorRegistry: string) => image.registry === mirrorRegistry.split('/')[0];
