import { ClusterConnectionError, ProxyTunnelError } from './kube-errors.ts';
import type { ProxyChoice } from './proxy-config.ts';
import type { ResolvedContext } from './resolved-context.ts';

/** How far a request got before it failed; a timeout means different things at each step. */
export type RequestPhase = 'connect' | 'tls' | 'response' | 'body';

/** Thrown by the client's own timer, so a timeout is never confused with a reset. */
export class RequestTimeoutError extends Error {
  constructor(
    readonly phase: RequestPhase,
    readonly timeoutMs: number,
  ) {
    super(`timed out after ${timeoutMs} ms (${phase})`);
    this.name = 'RequestTimeoutError';
  }
}

// OpenSSL verification results that mean "no trusted CA signed this certificate".
const UNKNOWN_AUTHORITY = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

interface Where {
  rc: ResolvedContext;
  proxy: ProxyChoice | null;
}

/** Turns a socket/TLS/proxy failure into one ConnectionClass with a message and a hint saying what to do. */
export function classifyTransportError(err: unknown, { rc, proxy }: Where): ClusterConnectionError {
  if (err instanceof ClusterConnectionError) return err;
  const server = new URL(rc.server);
  const host = server.hostname;
  const port = server.port || (server.protocol === 'https:' ? '443' : '80');
  const target = `${host}:${port}`;
  const clusterFile = rc.files.cluster;
  const cluster = `cluster "${rc.clusterName}"`;

  if (err instanceof ProxyTunnelError) {
    return new ClusterConnectionError('proxy', err.message, `check that the proxy runs and may reach ${target}, or change ${proxy?.source ?? 'the proxy setting'} (NO_PROXY lists hosts to reach directly; proxy-url in the kubeconfig always wins)`, clusterFile, { cause: err });
  }
  if (err instanceof RequestTimeoutError) {
    const what =
      err.phase === 'connect'
        ? proxy
          ? `no tunnel to ${target} through proxy ${proxy.display} (${proxy.source}) within ${err.timeoutMs} ms`
          : `no TCP connection to ${target} within ${err.timeoutMs} ms`
        : err.phase === 'tls'
          ? `${target} accepted the connection but did not complete a TLS handshake within ${err.timeoutMs} ms`
          : `${target} did not answer within ${err.timeoutMs} ms`;
    const hint =
      err.phase === 'tls'
        ? `the port may belong to something that is not the API server (or a firewall holds the traffic); check server of ${cluster} in ${clusterFile}`
        : `check that ${target} is reachable from this machine (VPN, firewall${proxy ? `, proxy ${proxy.display}` : ''}) and the server address in ${clusterFile}`;
    return new ClusterConnectionError('timeout', what, hint, clusterFile, { cause: err });
  }

  const e = err as NodeJS.ErrnoException & { reason?: string; cert?: { subjectaltname?: string; subject?: { CN?: string } } };
  const code = e?.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NODATA' || code === 'EAI_NONAME') {
    return new ClusterConnectionError(
      'dns',
      `the host name ${host} does not resolve (${code})`,
      `check server of ${cluster} in ${clusterFile} for a typo, and your DNS or VPN${host.endsWith('.invalid') ? ' (".invalid" names never resolve)' : ''}`,
      clusterFile,
      { cause: err },
    );
  }
  if (code === 'ECONNREFUSED') {
    return new ClusterConnectionError('refused', `connection to ${target} refused: nothing listens there`, `is the API server running, and is the port in server of ${cluster} (${clusterFile}) right?`, clusterFile, { cause: err });
  }
  if (code === 'ETIMEDOUT' || code === 'ENETUNREACH' || code === 'EHOSTUNREACH') {
    return new ClusterConnectionError('timeout', `${target} cannot be reached (${code})`, `check routes, VPN and firewall towards ${target}`, clusterFile, { cause: err });
  }
  if (UNKNOWN_AUTHORITY.has(code)) {
    const hint = rc.tls.caSource
      ? `${rc.tls.caSource.startsWith('certificate-authority-data') ? 'certificate-authority-data' : 'certificate-authority'} does not sign the server's certificate: check ${rc.tls.caSource} (${cluster})`
      : `the server's certificate is not signed by a CA this machine trusts: add certificate-authority-data for ${cluster} in ${clusterFile}`;
    return new ClusterConnectionError('tls-unknown-authority', `TLS: the certificate of ${target} is signed by an unknown authority (${code})`, hint, clusterFile, { cause: err });
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = (e.cert?.subjectaltname ?? '').replace(/(DNS|IP Address):/g, '').trim() || e.cert?.subject?.CN || 'unknown';
    const asked = rc.tls.serverName ?? host;
    return new ClusterConnectionError(
      'tls-name-mismatch',
      `TLS: the certificate of ${target} is not valid for "${asked}" (it names ${names})`,
      `set tls-server-name for ${cluster} in ${clusterFile} to one of: ${names} — or use that name in server`,
      clusterFile,
      { cause: err },
    );
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return new ClusterConnectionError('tls-other', `TLS: the certificate of ${target} ${code === 'CERT_HAS_EXPIRED' ? 'has expired' : 'is not valid yet'}`, 'renew the API server certificate, or check this machine\'s clock', clusterFile, { cause: err });
  }
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /SSL|TLS|certificate/i.test(e?.message ?? '')) {
    // OpenSSL messages carry source paths; its `reason` is the readable part.
    const reason = e.reason ?? /routines:[^:]*:([^:]+):/.exec(e.message ?? '')?.[1] ?? e.message;
    if (/wrong version number|packet length too long|http request/i.test(String(reason))) {
      return new ClusterConnectionError('tls-other', `${target} does not speak TLS (${reason})`, `the port answers plain HTTP or another protocol: check the scheme and port of server for ${cluster} in ${clusterFile}`, clusterFile, { cause: err });
    }
    const certHint = rc.auth.clientCertificate ? ` and the client certificate of user "${rc.userName}" (${rc.auth.clientCertificate.source})` : '';
    return new ClusterConnectionError('tls-other', `TLS handshake with ${target} failed: ${reason}`, `check the server's TLS setup${certHint}`, clusterFile, { cause: err });
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') {
    return new ClusterConnectionError('http-error', `connection to ${target} was closed unexpectedly (${code})`, `the server or something in between dropped the connection; is ${target} the API server's port?`, clusterFile, { cause: err });
  }
  return new ClusterConnectionError('http-error', `request to ${target} failed: ${e?.message ?? String(err)}`, `check server of ${cluster} in ${clusterFile}`, clusterFile, { cause: err });
}
