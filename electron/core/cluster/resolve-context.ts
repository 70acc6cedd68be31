import { ContractError } from '../../../shared/contract/errors.ts';
import {
  decodeBase64Strict,
  parseCertificateBundle,
  parsePrivateKey,
  readFileOrExplain,
  resolveRelative,
} from './credential-material.ts';
import type { MergedEntry, MergedKubeconfig } from './kubeconfig-merge.ts';
import type { Path } from './kubeconfig-parse.ts';
import {
  EXEC_API_VERSIONS,
  type AuthDescriptor,
  type ClientCertificate,
  type ExecApiVersion,
  type ExecConfig,
  type ResolvedContext,
} from './resolved-context.ts';
import { parseServerUrl } from './server-url.ts';

export * from './resolved-context.ts';

type Entry = MergedEntry<Record<string, unknown>>;

/** An `invalid_config` error pointing at `file:line` of a field of an entry. */
function invalid(entry: Entry, field: Path, message: string): never {
  const line = entry.lineOf?.(field);
  const where = `${entry.file}${line ? `:${line}` : ''}`;
  throw new ContractError('invalid_config', `${where}: ${message}`, where);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Follow a context to its cluster and user, read every file they name (relative to the kubeconfig
 * that named it, like kubectl), decode every *-data field and parse every certificate and key.
 * `contextName` defaults to current-context. Every problem is a ContractError('invalid_config')
 * naming the file, the line where known, the entry and the field.
 */
export function resolveContext(merged: MergedKubeconfig, contextName?: string | null): ResolvedContext {
  const files = merged.files.join(', ') || 'no kubeconfig file';
  const known = [...merged.contexts.keys()].join(', ') || 'none';
  const name = contextName ?? merged.currentContext;
  if (!name) {
    throw new ContractError('invalid_config', `${files}: no current-context is set and no context was chosen (contexts: ${known})`, merged.files[0]);
  }
  const ctx = merged.contexts.get(name);
  if (!ctx) {
    if (!contextName && merged.currentContextAt) {
      const at = merged.currentContextAt;
      const where = `${at.file}${at.line ? `:${at.line}` : ''}`;
      throw new ContractError('invalid_config', `${where}: current-context "${name}" names no context (contexts: ${known})`, where);
    }
    throw new ContractError('invalid_config', `${files}: context "${name}" does not exist (contexts: ${known})`, merged.files[0]);
  }

  const clusterName = str(ctx.value.cluster);
  const cluster = clusterName ? merged.clusters.get(clusterName) : undefined;
  if (!clusterName || !cluster) {
    const knownClusters = [...merged.clusters.keys()].join(', ') || 'none';
    invalid(ctx, ['cluster'], `context "${name}": cluster "${clusterName ?? ''}" is not defined in ${files} (clusters: ${knownClusters})`);
  }
  const userName = str(ctx.value.user) ?? '';
  const user = userName ? merged.users.get(userName) : undefined;
  if (userName && !user) {
    const knownUsers = [...merged.users.keys()].join(', ') || 'none';
    invalid(ctx, ['user'], `context "${name}": user "${userName}" is not defined in ${files} (users: ${knownUsers})`);
  }

  const clusterPart = resolveCluster(cluster);
  const auth = user ? resolveUser(user) : ({ method: 'none' } as AuthDescriptor);
  if (clusterPart.server.startsWith('http://') && auth.clientCertificate) {
    invalid(user!, ['client-certificate'], `user "${userName}": a client certificate is set but cluster "${clusterName}" uses plain http (${clusterPart.server}); client certificates need https`);
  }
  const namespace = ctx.value.namespace;
  return {
    contextName: name,
    clusterName,
    userName,
    namespace: typeof namespace === 'string' && namespace !== '' ? namespace : 'default',
    files: user ? { context: ctx.file, cluster: cluster.file, user: user.file } : { context: ctx.file, cluster: cluster.file },
    ...clusterPart,
    auth,
  };
}

function resolveCluster(entry: Entry): Pick<ResolvedContext, 'server' | 'tls' | 'proxyUrl' | 'disableCompression' | 'execClusterConfig'> {
  const c = entry.value;
  const who = `cluster "${entry.name}"`;
  const url = parseServerUrl(String(c.server ?? ''));
  if (!url) invalid(entry, ['server'], `${who}: server is not a URL: ${JSON.stringify(c.server)} (expected https://host:port)`);

  for (const flag of ['insecure-skip-tls-verify', 'disable-compression'] as const) {
    if (c[flag] !== undefined && c[flag] !== null && typeof c[flag] !== 'boolean') invalid(entry, [flag], `${who}: ${flag} must be true or false, found ${JSON.stringify(c[flag])}`);
  }
  const insecure = c['insecure-skip-tls-verify'] === true;
  const caFile = str(c['certificate-authority']);
  const caData = c['certificate-authority-data'];
  if (caFile && caData !== undefined) {
    invalid(entry, ['certificate-authority-data'], `${who}: both certificate-authority and certificate-authority-data are set; keep only one`);
  }
  if (insecure && (caFile || caData !== undefined)) {
    invalid(entry, ['insecure-skip-tls-verify'], `${who}: insecure-skip-tls-verify cannot be combined with a certificate authority (kubectl refuses it too); remove one`);
  }
  let caPem: string | undefined;
  let caSource: string | undefined;
  if (caFile) {
    const file = resolveRelative(entry.file, caFile);
    caSource = `certificate-authority ${file}`;
    caPem = checkedBundle(entry, ['certificate-authority'], `${who}: certificate-authority`, () => readFileOrExplain(file));
  } else if (caData !== undefined && caData !== null) {
    caSource = `certificate-authority-data in ${entry.file}`;
    caPem = checkedBundle(entry, ['certificate-authority-data'], `${who}: certificate-authority-data`, () => decodeBase64Strict(caData));
  }

  const serverName = c['tls-server-name'];
  if (serverName !== undefined && serverName !== null && typeof serverName !== 'string') invalid(entry, ['tls-server-name'], `${who}: tls-server-name must be a host name`);

  const proxy = c['proxy-url'];
  let proxyUrl: string | undefined;
  if (proxy !== undefined && proxy !== null && proxy !== '') {
    let parsed: URL | undefined;
    try {
      parsed = new URL(String(proxy));
    } catch {
      /* reported below */
    }
    if (!parsed || !['http:', 'https:', 'socks5:'].includes(parsed.protocol)) {
      invalid(entry, ['proxy-url'], `${who}: proxy-url must be an http://, https:// or socks5:// URL, found ${JSON.stringify(String(proxy).replace(/\/\/[^@/]*@/, '//REDACTED@'))}`);
    }
    proxyUrl = parsed.toString();
  }
  const tls: ResolvedContext['tls'] = { insecure };
  if (caPem) {
    tls.caPem = caPem;
    tls.caSource = caSource;
  }
  if (typeof serverName === 'string' && serverName !== '') tls.serverName = serverName;
  const out: ReturnType<typeof resolveCluster> = { server: url.toString().replace(/\/$/, ''), tls, disableCompression: c['disable-compression'] === true };
  if (proxyUrl) out.proxyUrl = proxyUrl;
  const extensions = Array.isArray(c.extensions) ? (c.extensions as Array<Record<string, unknown>>) : [];
  const execExtension = extensions.find((x) => x?.name === 'client.authentication.k8s.io/exec');
  if (execExtension) out.execClusterConfig = execExtension.extension;
  return out;
}

function checkedBundle(entry: Entry, field: Path, what: string, read: () => Buffer): string {
  try {
    const bytes = read();
    parseCertificateBundle(bytes);
    return bytes.toString('utf8');
  } catch (err) {
    invalid(entry, field, `${what} ${(err as Error).message}`);
  }
}

function resolveUser(entry: Entry): AuthDescriptor {
  const u = entry.value;
  const who = `user "${entry.name}"`;
  const auth: AuthDescriptor = { method: 'none' };

  const clientCertificate = resolveClientCertificate(entry);
  if (clientCertificate) {
    auth.clientCertificate = clientCertificate;
    auth.method = 'client-certificate';
  }

  const bearer: string[] = [];
  if (u.token !== undefined && u.token !== null) {
    if (typeof u.token !== 'string' || u.token === '') invalid(entry, ['token'], `${who}: token must be a non-empty string`);
    auth.token = u.token;
    bearer.push('token');
  }
  if (u.tokenFile !== undefined && u.tokenFile !== null) {
    if (typeof u.tokenFile !== 'string' || u.tokenFile === '') invalid(entry, ['tokenFile'], `${who}: tokenFile must be a file path`);
    const file = resolveRelative(entry.file, u.tokenFile);
    try {
      if (readFileOrExplain(file).toString('utf8').trim() === '') throw new Error(`${file} is empty`);
    } catch (err) {
      invalid(entry, ['tokenFile'], `${who}: tokenFile ${(err as Error).message}`);
    }
    auth.tokenFile = file;
    bearer.push('tokenFile');
  }
  if (bearer.length === 2) {
    invalid(entry, ['tokenFile'], `${who}: both token and tokenFile are set; kubectl would silently use token — keep only one`);
  }
  if (u.username !== undefined || u.password !== undefined) {
    if (typeof u.username !== 'string' || typeof u.password !== 'string') invalid(entry, [u.username === undefined ? 'password' : 'username'], `${who}: basic auth needs both username and password as strings`);
    auth.basic = { username: u.username, password: u.password };
    bearer.push('basic auth');
  }
  if (bearer.length > 1) invalid(entry, ['username'], `${who}: more than one authentication method (${bearer.join(', ')}); only one is allowed`);
  if (auth.token) auth.method = 'token';
  else if (auth.tokenFile) auth.method = 'token-file';
  else if (auth.basic) auth.method = 'basic';

  if (u.exec !== undefined && u.exec !== null) {
    if (u['auth-provider'] !== undefined) invalid(entry, ['exec'], `${who}: exec and auth-provider cannot both be set`);
    if (bearer.length) invalid(entry, ['exec'], `${who}: exec cannot be combined with ${bearer[0]}; keep only one`);
    auth.exec = resolveExec(entry);
    auth.method = 'exec';
  }
  if (u['auth-provider'] !== undefined && u['auth-provider'] !== null) {
    if (bearer.length) invalid(entry, ['auth-provider'], `${who}: auth-provider cannot be combined with ${bearer[0]}; keep only one`);
    auth.oidc = resolveAuthProvider(entry);
    auth.method = 'oidc';
  }

  const impersonate = resolveImpersonation(entry);
  if (impersonate) auth.impersonate = impersonate;
  return auth;
}

function resolveClientCertificate(entry: Entry): ClientCertificate | undefined {
  const u = entry.value;
  const who = `user "${entry.name}"`;
  const pick = (fileKey: 'client-certificate' | 'client-key') => {
    const file = str(u[fileKey]);
    const data = u[`${fileKey}-data`];
    if (file && data !== undefined) invalid(entry, [`${fileKey}-data`], `${who}: both ${fileKey} and ${fileKey}-data are set; keep only one`);
    if (file) {
      const abs = resolveRelative(entry.file, file);
      return { field: fileKey, source: `${fileKey} ${abs}`, read: () => readFileOrExplain(abs) };
    }
    if (data !== undefined && data !== null) return { field: `${fileKey}-data`, source: `${fileKey}-data in ${entry.file}`, read: () => decodeBase64Strict(data) };
    return undefined;
  };
  const cert = pick('client-certificate');
  const key = pick('client-key');
  if (!cert && !key) return undefined;
  if (!cert) invalid(entry, [key!.field], `${who}: client-key is set without client-certificate`);
  if (!key) invalid(entry, [cert.field], `${who}: client-certificate is set without client-key`);
  let certs: ReturnType<typeof parseCertificateBundle>;
  let certBytes: Buffer;
  try {
    certBytes = cert.read();
    certs = parseCertificateBundle(certBytes);
  } catch (err) {
    invalid(entry, [cert.field], `${who}: ${cert.field} ${(err as Error).message}`);
  }
  let keyBytes: Buffer;
  try {
    keyBytes = key.read();
    const keyObject = parsePrivateKey(keyBytes);
    if (!certs[0]!.checkPrivateKey(keyObject)) throw new Error(`does not match the certificate in ${cert.source}`);
  } catch (err) {
    invalid(entry, [key.field], `${who}: ${key.field} ${(err as Error).message}`);
  }
  return {
    certPem: certBytes.toString('utf8'),
    keyPem: keyBytes.toString('utf8'),
    source: cert.source,
    subject: certs[0]!.subject.replace(/\n/g, ', '),
    notAfter: new Date(certs[0]!.validTo).toISOString(),
  };
}

function resolveExec(entry: Entry): ExecConfig {
  const e = entry.value.exec;
  const who = `user "${entry.name}": exec`;
  if (typeof e !== 'object' || e === null || Array.isArray(e)) invalid(entry, ['exec'], `${who} must be a mapping with command and apiVersion`);
  const x = e as Record<string, unknown>;
  if (typeof x.command !== 'string' || x.command.trim() === '') invalid(entry, ['exec'], `${who}.command is missing: name the credential plugin to run`);
  if (x.apiVersion === undefined || x.apiVersion === null || x.apiVersion === '') {
    invalid(entry, ['exec'], `${who}.apiVersion is missing; use one of ${EXEC_API_VERSIONS.join(', ')}`);
  }
  if (!EXEC_API_VERSIONS.includes(x.apiVersion as ExecApiVersion)) {
    invalid(entry, ['exec', 'apiVersion'], `${who}.apiVersion ${JSON.stringify(x.apiVersion)} is not supported; use one of ${EXEC_API_VERSIONS.join(', ')}`);
  }
  const args = x.args ?? [];
  if (!Array.isArray(args) || args.some((a) => typeof a !== 'string')) invalid(entry, ['exec', 'args'], `${who}.args must be a list of strings`);
  const envList = x.env ?? [];
  if (!Array.isArray(envList)) invalid(entry, ['exec', 'env'], `${who}.env must be a list of {name, value}`);
  const env = envList.map((item, i) => {
    const rec = item as Record<string, unknown> | null;
    if (!rec || typeof rec.name !== 'string' || rec.name === '') invalid(entry, ['exec', 'env', i], `${who}.env[${i}] needs a name`);
    return { name: rec.name, value: rec.value === undefined || rec.value === null ? '' : String(rec.value) };
  });
  const mode = x.interactiveMode ?? 'IfAvailable'; // client-go's default for kubeconfig v1
  if (mode !== 'Never' && mode !== 'IfAvailable' && mode !== 'Always') {
    invalid(entry, ['exec', 'interactiveMode'], `${who}.interactiveMode must be Never, IfAvailable or Always, found ${JSON.stringify(mode)}`);
  }
  if (x.provideClusterInfo !== undefined && typeof x.provideClusterInfo !== 'boolean') invalid(entry, ['exec', 'provideClusterInfo'], `${who}.provideClusterInfo must be true or false`);
  const out: ExecConfig = {
    command: x.command,
    args: args as string[],
    env,
    apiVersion: x.apiVersion as ExecApiVersion,
    provideClusterInfo: x.provideClusterInfo === true,
    interactiveMode: mode,
    file: entry.file,
  };
  if (typeof x.installHint === 'string' && x.installHint.trim() !== '') out.installHint = x.installHint.trim();
  return out;
}

const REMOVED_PROVIDERS: Record<string, string> = {
  gcp: 'the gcp auth-provider was removed from kubectl 1.26; use the exec plugin gke-gcloud-auth-plugin (`gcloud components install gke-gcloud-auth-plugin`)',
  azure: 'the azure auth-provider was removed from kubectl 1.26; use the exec plugin kubelogin (`kubelogin convert-kubeconfig`)',
};

function resolveAuthProvider(entry: Entry): NonNullable<AuthDescriptor['oidc']> {
  const p = entry.value['auth-provider'] as Record<string, unknown> | null;
  const who = `user "${entry.name}": auth-provider`;
  const name = p && typeof p === 'object' ? p.name : undefined;
  if (typeof name !== 'string' || name === '') invalid(entry, ['auth-provider'], `${who}.name is missing`);
  if (REMOVED_PROVIDERS[name]) invalid(entry, ['auth-provider', 'name'], `${who} "${name}": ${REMOVED_PROVIDERS[name]}`);
  if (name !== 'oidc') invalid(entry, ['auth-provider', 'name'], `${who} "${name}" is unknown; kubectl supports only "oidc" (other logins use an exec plugin)`);
  const config = (p!.config ?? {}) as Record<string, unknown>;
  const idToken = str(config['id-token']);
  if (!idToken) {
    invalid(entry, ['auth-provider', 'config'], `${who} oidc has no id-token; log in with your OIDC tool (e.g. \`kubectl oidc-login\`) so the kubeconfig holds one`);
  }
  const out: NonNullable<AuthDescriptor['oidc']> = { idToken, hasRefreshToken: typeof config['refresh-token'] === 'string' };
  if (typeof config['idp-issuer-url'] === 'string') out.issuer = config['idp-issuer-url'];
  return out;
}

function resolveImpersonation(entry: Entry): AuthDescriptor['impersonate'] | undefined {
  const u = entry.value;
  const who = `user "${entry.name}"`;
  if (u.as === undefined && u['as-uid'] === undefined && u['as-groups'] === undefined && u['as-user-extra'] === undefined) return undefined;
  const groups = u['as-groups'] ?? [];
  if (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string')) invalid(entry, ['as-groups'], `${who}: as-groups must be a list of strings`);
  const extra = (u['as-user-extra'] ?? {}) as Record<string, unknown>;
  const extraOut: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(extra)) {
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) invalid(entry, ['as-user-extra', k], `${who}: as-user-extra.${k} must be a list of strings`);
    extraOut[k] = v as string[];
  }
  const user = str(u.as);
  if (!user && (groups.length || Object.keys(extraOut).length || u['as-uid'] !== undefined)) {
    invalid(entry, ['as-groups'], `${who}: as-groups, as-uid and as-user-extra need "as" (the user to impersonate)`);
  }
  const out: NonNullable<AuthDescriptor['impersonate']> = { groups: groups as string[], extra: extraOut };
  if (user) out.user = user;
  if (typeof u['as-uid'] === 'string') out.uid = u['as-uid'];
  return out;
}
