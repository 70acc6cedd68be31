import { jwtExpiry } from './credential-material.ts';
import type { ResolvedContext } from './resolved-context.ts';

/** The likely reason a server answered 401 for this context's credentials, and what to do. Never includes the credential. */
export function unauthorizedCause(rc: ResolvedContext, now = Date.now()): string {
  const auth = rc.auth;
  const userFile = rc.files.user ?? rc.files.context;
  const user = `user "${rc.userName}"`;
  switch (auth.method) {
    case 'token':
      return `the token of ${user} in ${userFile} was rejected: it is expired, revoked, or belongs to another cluster; get a new token`;
    case 'token-file':
      return `the token in ${auth.tokenFile} (${user}) was rejected: it is expired, revoked, or belongs to another cluster; replace the file's content`;
    case 'basic':
      return `username/password of ${user} were rejected (most clusters disable basic auth); use a token or client certificate`;
    case 'exec': {
      const exec = auth.exec!;
      const shown = [exec.command, ...exec.args].join(' ');
      return `the credential from exec plugin "${exec.command}" was rejected even after running it again: log in again (try \`${shown}\`) and check that it targets this cluster`;
    }
    case 'oidc': {
      const exp = jwtExpiry(auth.oidc!.idToken);
      if (exp && exp.getTime() <= now) {
        return `the OIDC id-token of ${user} expired at ${exp.toISOString()}; log in again with your OIDC tool (Groundcrew does not refresh id-tokens)`;
      }
      return `the OIDC id-token of ${user} was rejected: the API server may not trust issuer ${auth.oidc!.issuer ?? '(unknown)'} or its client id`;
    }
    case 'client-certificate': {
      const cert = auth.clientCertificate!;
      if (Date.parse(cert.notAfter) <= now) return `the client certificate (${cert.source}) expired at ${cert.notAfter}; renew it`;
      return `the client certificate (${cert.source}, ${cert.subject}) is not accepted: is it signed by this cluster's client CA?`;
    }
    case 'none':
    default:
      return rc.userName
        ? `${user} in ${userFile} has no credentials; add a token, client certificate or exec plugin`
        : `context "${rc.contextName}" names no user, so requests are anonymous; set a user in ${rc.files.context}`;
  }
}
