import { operationNames, StreamClientMessageSchema, describeZodError, type Outcome, type StreamServerMessage } from '../../../shared/contract/index.ts';
import type { Core } from '../../core/core.ts';
import { invokeChannel, STREAM_MESSAGE, STREAM_SUBSCRIBE, STREAM_UNSUBSCRIBE } from './channels.ts';

/** The slice of Electron's ipcMain this module needs, so tests can pass a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): void;
}
export interface IpcEventLike {
  sender: { id: number; send(channel: string, message: unknown): void; once?(event: 'destroyed', cb: () => void): void };
  senderFrame?: { url: string } | null;
}

/**
 * One handler per contract operation; each validates (inside core.invoke) and always resolves
 * to an Outcome, so a malformed payload from the renderer yields an error value, never a crash.
 * `trustedSender` rejects IPC from frames that are not our own renderer.
 */
export function registerIpc(ipcMain: IpcMainLike, core: Core, trustedSender: (event: IpcEventLike) => boolean): void {
  for (const op of operationNames) {
    ipcMain.handle(invokeChannel(op), async (event, input): Promise<Outcome<unknown>> => {
      if (!trustedSender(event)) return { ok: false, error: { code: 'forbidden', message: 'IPC from an untrusted frame' } };
      return core.invoke(op, input);
    });
  }

  const subscriptions = new Map<string, () => void>();
  const key = (event: IpcEventLike, id: string) => `${event.sender.id}:${id}`;
  ipcMain.on(STREAM_SUBSCRIBE, (event, raw) => {
    const send = (m: StreamServerMessage) => event.sender.send(STREAM_MESSAGE, m);
    if (!trustedSender(event)) return send({ type: 'error', id: '', error: { code: 'forbidden', message: 'IPC from an untrusted frame' } });
    const msg = StreamClientMessageSchema.safeParse(raw);
    if (!msg.success || msg.data.type !== 'subscribe') {
      return send({ type: 'error', id: '', error: { code: 'invalid_input', message: msg.success ? 'expected a subscribe message' : describeZodError(msg.error) } });
    }
    const { id, stream, input } = msg.data;
    const k = key(event, id);
    subscriptions.get(k)?.();
    const stop = core.subscribe(stream, input, (m) => send(m.type === 'event' ? { type: 'event', id, event: m.event } : { type: 'error', id, error: m.error }));
    subscriptions.set(k, stop);
    // A closed window must not leave its watches running.
    event.sender.once?.('destroyed', () => {
      subscriptions.get(k)?.();
      subscriptions.delete(k);
    });
  });
  ipcMain.on(STREAM_UNSUBSCRIBE, (event, raw) => {
    const msg = StreamClientMessageSchema.safeParse(raw);
    if (!msg.success || msg.data.type !== 'unsubscribe') return;
    const k = key(event, msg.data.id);
    subscriptions.get(k)?.();
    subscriptions.delete(k);
  });
}
