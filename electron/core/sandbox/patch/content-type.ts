/** The four patch flavours the Kubernetes API accepts on PATCH, told apart by Content-Type. */
export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

const byMediaType: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
  // Kubernetes also accepts apply configurations sent as CBOR/JSON under this name.
  'application/apply-patch+json': 'apply',
};

/**
 * Maps a request Content-Type to its patch type, ignoring parameters (`; charset=utf-8`) and
 * case. Returns undefined for anything else, so the server can answer 415 Unsupported Media Type.
 */
export function patchTypeFromContentType(contentType: string): PatchType | undefined {
  const mediaType = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return byMediaType[mediaType];
}
