import fs from 'node:fs';
import { ExecCredentialProvider, type ExecRunnerOptions } from './exec-credential.ts';
import { ClusterConnectionError } from './kube-errors.ts';
import type { ResolvedContext } from './resolved-context.ts';

export interface RequestCredential {
  headers: Record<string, string | string[]>;
  /** A client certificate from an exec plugin (kubeconfig certificates are fixed in the agent). */
  execClientCertificate?: { certPem: string; keyPem: string };
}

/**
 * Turns a context's auth descriptor into per-request headers: token, tokenFile (re-read on every
 * request, like client-go, so a rotated service-account token is picked up), basic auth, OIDC
 * id-token, exec plugin output, and the impersonation headers.
 */
export class CredentialSource {
  readonly exec: ExecCredentialProvider | undefined;

  constructor(
    private readonly rc: ResolvedContext,
    execOptions: ExecRunnerOptions,
  ) {
    this.exec = rc.auth.exec ? new ExecCredentialProvider(rc.auth.exec, rc, execOptions) : undefined;
  }

  async get(): Promise<RequestCredential> {
    const auth = this.rc.auth;
    const headers: Record<string, string | string[]> = {};
    let execClientCertificate: RequestCredential['execClientCertificate'];
    if (auth.token) headers.authorization = `Bearer ${auth.token}`;
    else if (auth.tokenFile) headers.authorization = `Bearer ${this.readTokenFile(auth.tokenFile)}`;
    else if (auth.basic) headers.authorization = `Basic ${Buffer.from(`${auth.basic.username}:${auth.basic.password}`).toString('base64')}`;
    else if (auth.oidc) headers.authorization = `Bearer ${auth.oidc.idToken}`;
    else if (this.exec) {
      const cred = await this.exec.get();
      if (cred.token) headers.authorization = `Bearer ${cred.token}`;
      execClientCertificate = cred.clientCertificate;
    }
    const imp = auth.impersonate;
    if (imp) {
      if (imp.user) headers['impersonate-user'] = imp.user;
      if (imp.uid) headers['impersonate-uid'] = imp.uid;
      if (imp.groups.length) headers['impersonate-group'] = imp.groups;
      for (const [k, v] of Object.entries(imp.extra)) headers[`impersonate-extra-${encodeURIComponent(k)}`] = v;
    }
    return execClientCertificate ? { headers, execClientCertificate } : { headers };
  }

  /** After a 401: true when asking again can help (an exec plugin may hand out a fresh credential). */
  invalidate(): boolean {
    if (!this.exec) return false;
    this.exec.invalidate();
    return true;
  }

  private readTokenFile(file: string): string {
    let token: string;
    try {
      token = fs.readFileSync(file, 'utf8').trim();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new ClusterConnectionError(
        'kubeconfig-invalid',
        `tokenFile ${file} of user "${this.rc.userName}" cannot be read: ${code === 'ENOENT' ? 'file does not exist' : (err as Error).message}`,
        `restore the token file or fix tokenFile in ${this.rc.files.user ?? this.rc.files.context}`,
        this.rc.files.user,
      );
    }
    if (token === '') {
      throw new ClusterConnectionError('kubeconfig-invalid', `tokenFile ${file} of user "${this.rc.userName}" is empty`, `write the token into ${file}`, this.rc.files.user);
    }
    return token;
  }
}
