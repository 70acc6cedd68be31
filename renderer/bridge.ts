import {
  operations,
  streams,
  describeZodError,
  type ContractErrorBody,
  type OperationName,
  type OpInput,
  type OpOutput,
  type Outcome,
  type StreamEvent,
  type StreamInput,
  type StreamName,
  type StreamServerMessage,
} from '../shared/contract/index.ts';

/** What the Electron preload exposes on window.groundcrew. */
interface PreloadApi {
  invoke(op: string, input: unknown): Promise<unknown>;
  subscribe(stream: string, input: unknown, onMessage: (m: StreamServerMessage) => void): () => void;
}

declare global {
  interface Window {
    groundcrew?: PreloadApi;
  }
}

/** A contract error surfaced to components, with the code the core gave it. */
export class BridgeError extends Error {
  constructor(readonly body: ContractErrorBody) {
    super(body.message);
    this.name = 'BridgeError';
  }
}

type Transport = {
  kind: 'ipc' | 'http';
  invoke(op: string, input: unknown): Promise<unknown>;
  subscribe(stream: string, input: unknown, onMessage: (m: StreamServerMessage) => void): () => void;
};

function ipcTransport(api: PreloadApi): Transport {
  return { kind: 'ipc', invoke: (op, input) => api.invoke(op, input), subscribe: (s, i, cb) => api.subscribe(s, i, cb) };
}

/** HTTP for operations, one shared WebSocket (reconnecting) for streams. Auth rides on the host's cookie. */
function httpTransport(): Transport {
  const listeners = new Map<string, { stream: string; input: unknown; cb: (m: StreamServerMessage) => void }>();
  let socket: WebSocket | null = null;
  let nextId = 0;
  let retryMs = 500;
  const send = (msg: unknown) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(msg));
  };
  const connect = () => {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/streams`;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 500;
      for (const [id, l] of listeners) send({ type: 'subscribe', id, stream: l.stream, input: l.input });
    };
    ws.onmessage = (e) => {
      const msg = JSON.parse(String(e.data)) as StreamServerMessage;
      listeners.get(msg.id)?.cb(msg);
    };
    ws.onclose = () => {
      socket = null;
      if (listeners.size > 0) setTimeout(connect, (retryMs = Math.min(retryMs * 2, 10_000)));
    };
  };
  return {
    kind: 'http',
    async invoke(op, input) {
      const res = await fetch(`/api/invoke/${encodeURIComponent(op)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(input ?? {}),
      });
      return res.json();
    },
    subscribe(stream, input, cb) {
      const id = `s${++nextId}`;
      listeners.set(id, { stream, input, cb });
      if (!socket) connect();
      else send({ type: 'subscribe', id, stream, input });
      return () => {
        listeners.delete(id);
        send({ type: 'unsubscribe', id });
      };
    },
  };
}

const transport: Transport = typeof window !== 'undefined' && window.groundcrew ? ipcTransport(window.groundcrew) : httpTransport();

/** Which host the renderer runs in; components never need to know, but the About panel shows it. */
export const bridgeKind = transport.kind;

/** Invoke a contract operation; the result is validated against the contract before use. */
export async function invoke<N extends OperationName>(op: N, input: OpInput<N>): Promise<OpOutput<N>> {
  const outcome = (await transport.invoke(op, input)) as Outcome<unknown>;
  if (!outcome.ok) throw new BridgeError(outcome.error);
  const parsed = operations[op].output.safeParse(outcome.result);
  if (!parsed.success) throw new BridgeError({ code: 'internal', message: `${op}: unexpected result: ${describeZodError(parsed.error)}` });
  return parsed.data as OpOutput<N>;
}

export function subscribe<N extends StreamName>(
  stream: N,
  input: StreamInput<N>,
  onEvent: (event: StreamEvent<N>) => void,
  onError: (error: BridgeError) => void = () => undefined,
): () => void {
  return transport.subscribe(stream, input, (msg) => {
    if (msg.type === 'error') return onError(new BridgeError(msg.error));
    const parsed = streams[stream].event.safeParse(msg.event);
    if (parsed.success) onEvent(parsed.data as StreamEvent<N>);
    else onError(new BridgeError({ code: 'internal', message: `${stream}: unexpected event: ${describeZodError(parsed.error)}` }));
  });
}
