/**
 * What simulated containers print: a few lines in the style of the real component, picked by
 * image name, so `kubectl logs` and the log views show something recognisable.
 */
import type { KubeObject } from '../../cluster/view.ts';

interface ContainerLike {
  name: string;
  image: string;
  ports?: Array<{ containerPort: number; name?: string }>;
}

const ts = (d: Date) => d.toISOString();

export function startupLines(pod: KubeObject, c: ContainerLike, now: Date): string[] {
  const t = ts(now);
  const ports = (c.ports ?? []).map((p) => p.containerPort);
  const img = c.image;
  if (/coredns/.test(img)) return ['.:53', '[INFO] plugin/reload: Running configuration SHA512 = 7f1e9c3d', 'CoreDNS-1.11.3', 'linux/amd64, go1.21.11, a6338e9'];
  if (/nats(:|$|@)|\/nats:/.test(img) && !/nats-box/.test(img)) {
    return [`[1] ${t} [INF] Starting nats-server`, `[1] ${t} [INF]   Version:  2.10.22`, `[1] ${t} [INF] Starting JetStream`, `[1] ${t} [INF] Listening for client connections on 0.0.0.0:4222`, `[1] ${t} [INF] Server is ready`];
  }
  if (/postgres/.test(img)) return ['postgresql 12:00:00.00 INFO  ==> ** Starting PostgreSQL **', `${t} UTC [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`, `${t} UTC [1] LOG:  database system is ready to accept connections`];
  if (/mongo/.test(img)) return [`{"t":{"$date":"${t}"},"s":"I","c":"NETWORK","id":23015,"ctx":"listener","msg":"Listening on","attr":{"address":"0.0.0.0"}}`, `{"t":{"$date":"${t}"},"s":"I","c":"NETWORK","id":23016,"ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}`];
  if (/traefik/.test(img)) return [`${t} INF Traefik version 2.10.6 built on 2023-11-28T09:27:14Z version=2.10.6`, `${t} INF Starting provider aggregator aggregator.ProviderAggregator`, `${t} INF Starting provider *crd.Provider`];
  if (/etcd/.test(img)) return [`{"level":"info","ts":"${t}","caller":"etcdmain/etcd.go:73","msg":"Running: ","args":["etcd"]}`, `{"level":"info","ts":"${t}","caller":"embed/serve.go:250","msg":"serving client traffic insecurely; this is strongly discouraged!","traffic":"grpc+http","address":"[::]:2379"}`];
  if (/minio/.test(img)) return ['MinIO Object Storage Server', 'API: http://0.0.0.0:9000', 'Status:         1 Online, 0 Offline.'];
  if (/cert-manager/.test(img)) return [`I1122 ${t.slice(11, 23)}       1 start.go:75] "starting cert-manager" logger="cert-manager" version="v1.16.2"`];
  const listen = ports.length ? ports.map((p) => `{"level":"info","ts":"${t}","msg":"listening","addr":":${p}"}`) : [];
  return [`{"level":"info","ts":"${t}","msg":"starting ${c.name}","image":"${img}","pod":"${pod.metadata.name}"}`, ...listen];
}

export function crashLines(c: ContainerLike, now: Date, message?: string): string[] {
  const t = ts(now);
  if (message) return [`{"level":"info","ts":"${t}","msg":"starting ${c.name}"}`, message];
  return [`{"level":"info","ts":"${t}","msg":"starting ${c.name}"}`, `{"level":"fatal","ts":"${t}","msg":"failed to start: dial tcp: connection refused"}`];
}

export function jobLines(c: ContainerLike, ok: boolean, now: Date, message?: string): string[] {
  const t = ts(now);
  if (/nats-box/.test(c.image)) {
    return ok
      ? ['Stream tests was created', 'Information for Stream tests created ' + t, '  Subjects: agent.>, monitors.>, suites.>, test.>', 'KV bucket control-flow created', 'KV bucket rungroups_cache created', 'KV bucket run_filters_cache created']
      : [message ?? 'nats: error: could not create Stream: context deadline exceeded', 'nats: error: nats: no servers available for connection'];
  }
  if (/janitor/.test(c.image)) {
    return ok ? [`{"level":"info","ts":"${t}","msg":"janitoring","challenges":2}`, `{"level":"info","ts":"${t}","msg":"janitor completed"}`] : [`{"level":"error","ts":"${t}","msg":"${message ?? 'listing challenges: rpc error: code = Unavailable desc = connection refused'}"}`];
  }
  return ok ? [message ?? 'done'] : [message ?? 'Error: exit status 1'];
}
