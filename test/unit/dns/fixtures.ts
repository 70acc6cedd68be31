import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/corefiles');

/** Every `*.Corefile` fixture, byte for byte (read as latin1 so nothing is normalised). */
export function corefileFixtures(): Array<{ name: string; text: string }> {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.Corefile'))
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(FIXTURE_DIR, name), 'latin1') }));
}

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURE_DIR, name), 'latin1');
}

/** The simulated cluster the resolver tests use. */
export const CLUSTER = {
  services: [
    { name: 'ttdeps-traefik', namespace: 'default', clusterIP: '10.43.0.50' },
    { name: 'kube-dns', namespace: 'kube-system', clusterIP: '10.43.0.10' },
    { name: 'postgres', namespace: 'payments', clusterIP: '10.43.7.7' },
    { name: 'nats', namespace: 'tracetest', clusterIP: 'None', headless: true, podIPs: ['10.42.0.31', '10.42.0.32'] },
    { name: 'mongo', namespace: 'tracetest', clusterIP: 'None', headless: true, podIPs: [] },
  ],
  extraHosts: { '/etc/coredns/NodeHosts': '# k3s node list\n172.18.0.2 k3d-server-0\n172.18.0.3 k3d-agent-0 agent0.lan\n' },
};
