import path from 'node:path';
import { writeFile } from './temp.ts';

/**
 * Two kubeconfig files holding three contexts between them (the second file also
 * redefines one context, which kubectl's merge rule must ignore).
 */
export function writeThreeContexts(dir: string): { files: string[]; KUBECONFIG: string } {
  const a = writeFile(
    dir,
    'a.yaml',
    `apiVersion: v1
kind: Config
current-context: alpha
clusters:
- name: cluster-a
  cluster:
    server: https://127.0.0.1:16443
users:
- name: user-a
  user:
    token: secret-token-a
contexts:
- name: alpha
  context: {cluster: cluster-a, user: user-a, namespace: tracetest}
- name: beta
  context: {cluster: cluster-a, user: user-a}
`,
  );
  const b = writeFile(
    dir,
    'b.yaml',
    `apiVersion: v1
kind: Config
current-context: gamma
clusters:
- name: cluster-b
  cluster:
    server: https://127.0.0.2:26443
users:
- name: user-b
  user:
    token: secret-token-b
contexts:
- name: gamma
  context: {cluster: cluster-b, user: user-b, namespace: testkube}
- name: alpha
  context: {cluster: cluster-b, user: user-b, namespace: shadowed}
`,
  );
  return { files: [a, b], KUBECONFIG: [a, b].join(path.delimiter) };
}
