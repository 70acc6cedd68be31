/**
 * The fields a kubeconfig (v1) may hold, as client-go defines them. kubectl silently ignores
 * unknown fields. That turns a typo such as `certificate-authority-date` into a confusing TLS
 * failure much later, so a near miss of a known field is refused with the field that was meant;
 * any other unknown field (another tool's addition, a newer client-go field) is ignored like
 * kubectl does, and reported as a warning.
 */
export const KNOWN_FIELDS = {
  root: ['apiVersion', 'kind', 'preferences', 'clusters', 'users', 'contexts', 'current-context', 'extensions'],
  cluster: [
    'server',
    'tls-server-name',
    'insecure-skip-tls-verify',
    'certificate-authority',
    'certificate-authority-data',
    'proxy-url',
    'disable-compression',
    'extensions',
  ],
  user: [
    'client-certificate',
    'client-certificate-data',
    'client-key',
    'client-key-data',
    'token',
    'tokenFile',
    'as',
    'as-uid',
    'as-groups',
    'as-user-extra',
    'username',
    'password',
    'auth-provider',
    'exec',
    'extensions',
  ],
  context: ['cluster', 'user', 'namespace', 'extensions'],
  exec: ['command', 'args', 'env', 'apiVersion', 'installHint', 'provideClusterInfo', 'interactiveMode'],
  authProvider: ['name', 'config'],
} as const;

/**
 * The known field `name` is a typo of, for "did you mean" hints: within 1 edit for short names,
 * 2 up to 8 letters, 3 beyond (a swap of two neighbours counts as one edit), so `tokne` → `token`
 * but `foo` is not mistaken for `as`.
 */
export function closestField(name: string, known: readonly string[]): string | undefined {
  const allowed = name.length <= 4 ? 1 : name.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of known) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
