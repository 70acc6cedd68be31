import type { KubeObject } from '../../cluster/view.ts';
import { StoreError } from '../store/types.ts';
import { flag, type RequestContext } from './context.ts';
import { HttpError } from './status.ts';

/** GET pods/<name>/log: container, tailLines, sinceSeconds/sinceTime, limitBytes, previous, timestamps, follow (streams until the pod goes or the client leaves). */
export function servePodLog(ctx: RequestContext): void {
  const { store } = ctx.runtime;
  const ns = ctx.info.namespace ?? 'default';
  const name = ctx.info.name!;
  const pod = store.getFrozen(ctx.type, ns, name);
  if (!pod) throw new StoreError('NotFound', `pods "${name}" not found`);
  const spec = (pod.spec ?? {}) as { containers?: Array<{ name: string }>; initContainers?: Array<{ name: string }> };
  const names = (spec.containers ?? []).map((c) => c.name);
  const all = [...names, ...(spec.initContainers ?? []).map((c) => c.name)];
  let container = ctx.query.get('container');
  if (!container) {
    const defaulted = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    if (defaulted) container = defaulted;
    else if (names.length === 1) container = names[0]!;
    else throw new HttpError('BadRequest', `a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`);
  }
  if (!all.includes(container)) throw new HttpError('BadRequest', `container ${container} is not valid for pod ${name}`);
  const previous = flag(ctx.query, 'previous');
  const timestamps = flag(ctx.query, 'timestamps');
  let lines = store.logs.read(ns, name, container, previous);
  if (previous && lines.length === 0) {
    throw new HttpError('BadRequest', `previous terminated container "${container}" in pod "${name}" not found`);
  }
  const sinceSeconds = ctx.query.get('sinceSeconds');
  const sinceTime = ctx.query.get('sinceTime');
  if (sinceSeconds !== null || sinceTime !== null) {
    const from = sinceTime !== null ? Date.parse(sinceTime) : Date.now() - Number(sinceSeconds) * 1000;
    if (Number.isNaN(from)) throw new HttpError('BadRequest', `sinceSeconds/sinceTime: Invalid value: "${sinceTime ?? sinceSeconds}"`);
    lines = lines.filter((l) => Date.parse(l.time) >= from);
  }
  const tail = ctx.query.get('tailLines');
  if (tail !== null) {
    const n = Number(tail);
    if (!Number.isInteger(n) || n < 0) throw new HttpError('BadRequest', `tailLines: Invalid value: "${tail}"`);
    lines = n === 0 ? [] : lines.slice(-n);
  }
  const format = (l: { time: string; text: string }) => (timestamps ? `${l.time} ${l.text}\n` : `${l.text}\n`);
  const { res } = ctx;
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
  let text = lines.map(format).join('');
  const limitBytes = Number(ctx.query.get('limitBytes') ?? 0);
  if (Number.isInteger(limitBytes) && limitBytes > 0) text = Buffer.from(text).subarray(0, limitBytes).toString('utf8');
  res.write(text);
  if (!flag(ctx.query, 'follow') || previous) {
    res.end();
    return;
  }
  const stopFollow = store.logs.follow(ns, name, container, (line) => res.write(format(line)));
  const stopWatch = store.watch(ctx.type, (event) => {
    const o: KubeObject = event.object;
    if (event.type === 'DELETED' && o.metadata.namespace === ns && o.metadata.name === name) res.end();
  });
  res.on('close', () => {
    stopFollow();
    stopWatch();
  });
}
