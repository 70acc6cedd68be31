/**
 * Per-container log lines for `pods/log`. Controllers and scenarios append; the server reads and
 * follows. Each container keeps its current and previous run (for `previous=true`).
 */
export interface LogLine {
  time: string;
  text: string;
}

type Follower = (line: LogLine) => void;

interface ContainerLog {
  current: LogLine[];
  previous: LogLine[];
  followers: Set<Follower>;
}

export class PodLogs {
  private readonly logs = new Map<string, ContainerLog>();

  constructor(private readonly maxLines = 5_000) {}

  private entry(namespace: string, pod: string, container: string): ContainerLog {
    const key = `${namespace}/${pod}/${container}`;
    let log = this.logs.get(key);
    if (!log) {
      log = { current: [], previous: [], followers: new Set() };
      this.logs.set(key, log);
    }
    return log;
  }

  append(namespace: string, pod: string, container: string, text: string, time = new Date().toISOString()): void {
    const log = this.entry(namespace, pod, container);
    for (const part of text.split('\n')) {
      const line = { time, text: part };
      log.current.push(line);
      if (log.current.length > this.maxLines) log.current.splice(0, log.current.length - this.maxLines);
      for (const follower of log.followers) follower(line);
    }
  }

  /** A container restarted: what it logged becomes `previous`. */
  restart(namespace: string, pod: string, container: string): void {
    const log = this.entry(namespace, pod, container);
    log.previous = log.current;
    log.current = [];
  }

  read(namespace: string, pod: string, container: string, previous = false): LogLine[] {
    const log = this.logs.get(`${namespace}/${pod}/${container}`);
    if (!log) return [];
    return previous ? log.previous : log.current;
  }

  follow(namespace: string, pod: string, container: string, follower: Follower): () => void {
    const log = this.entry(namespace, pod, container);
    log.followers.add(follower);
    return () => log.followers.delete(follower);
  }

  /** Forget a deleted pod's logs. */
  dropPod(namespace: string, pod: string): void {
    const prefix = `${namespace}/${pod}/`;
    for (const key of this.logs.keys()) if (key.startsWith(prefix)) this.logs.delete(key);
  }
}
