// Preload: exposes exactly one typed invoke/subscribe pair to the renderer, nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { invokeChannel, STREAM_MESSAGE, STREAM_SUBSCRIBE, STREAM_UNSUBSCRIBE } from './host/ipc/channels.ts';
import type { StreamServerMessage } from '../shared/contract/envelope.ts';

type Listener = (message: StreamServerMessage) => void;
const listeners = new Map<string, Listener>();
let nextId = 0;

ipcRenderer.on(STREAM_MESSAGE, (_event, message: StreamServerMessage) => {
  listeners.get(message.id)?.(message);
});

const api = {
  invoke: (op: string, input: unknown): Promise<unknown> => {
    if (typeof op !== 'string') return Promise.reject(new TypeError('operation name must be a string'));
    return ipcRenderer.invoke(invokeChannel(op), input);
  },
  subscribe: (stream: string, input: unknown, onMessage: Listener): (() => void) => {
    const id = `s${++nextId}`;
    listeners.set(id, onMessage);
    ipcRenderer.send(STREAM_SUBSCRIBE, { type: 'subscribe', id, stream, input });
    return () => {
      listeners.delete(id);
      ipcRenderer.send(STREAM_UNSUBSCRIBE, { type: 'unsubscribe', id });
    };
  },
};

contextBridge.exposeInMainWorld('groundcrew', api);
