import { test } from 'node:test';
import assert from 'node:assert/strict';
import { operationNames, operations } from '../../../shared/contract/index.ts';
import { createCore } from '../../../electron/core/core.ts';
import { registerIpc, type IpcEventLike, type IpcMainLike } from '../../../electron/host/ipc/register.ts';
import { invokeChannel, STREAM_MESSAGE, STREAM_SUBSCRIBE } from '../../../electron/host/ipc/channels.ts';
import { tempDir } from '../../support/temp.ts';
import { writeThreeContexts } from '../../support/kubeconfigs.ts';

const appRoot = process.cwd();

function fakeIpc() {
  const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
  const listeners = new Map<string, (event: IpcEventLike, ...args: unknown[]) => void>();
  const ipc: IpcMainLike = {
    handle: (channel, fn) => void handlers.set(channel, fn),
    on: (channel, fn) => void listeners.set(channel, fn),
  };
  return { ipc, handlers, listeners };
}

const sent: Array<[string, unknown]> = [];
const event = (url = 'groundcrew://app/index.html'): IpcEventLike => ({
  sender: { id: 1, send: (channel, message) => void sent.push([channel, message]) },
  senderFrame: { url },
});

function setup() {
  const dir = tempDir();
  const { KUBECONFIG } = writeThreeContexts(dir);
  const core = createCore({ appRoot, host: 'electron', env: { KUBECONFIG, GROUNDCREW_HOME: dir } });
  const { ipc, handlers, listeners } = fakeIpc();
  registerIpc(ipc, core, (e) => (e.senderFrame?.url ?? '').startsWith('groundcrew://app/'));
  return { core, handlers, listeners };
}

test('one IPC handler is registered per contract operation', () => {
  const { handlers, core } = setup();
  assert.deepEqual([...handlers.keys()].sort(), operationNames.map(invokeChannel).sort());
  core.close();
});

const malformedPayloads: unknown[] = [null, 42, 'text', [], { unexpected: true }, { name: 7 }, { name: '' }, { __proto__: { polluted: 1 } }, undefined];

test('malformed payloads to every IPC handler yield validation errors, never a crash', async () => {
  const { handlers, core } = setup();
  for (const op of operationNames) {
    const handler = handlers.get(invokeChannel(op))!;
    for (const payload of malformedPayloads) {
      const outcome = (await handler(event(), payload)) as { ok: boolean; error?: { code: string; message: string } };
      assert.equal(typeof outcome, 'object', `${op} ${JSON.stringify(payload)}`);
      const emptyInput = payload === undefined || (payload !== null && typeof payload === 'object' && Object.getPrototypeOf(payload) === Object.prototype && Object.keys(payload).length === 0);
      if (emptyInput && operations[op].input.safeParse({}).success) {
        // No payload is a valid input for operations whose fields are all optional: it must pass validation.
        assert.ok(outcome.ok || outcome.error!.code !== 'invalid_input', `${op} with no payload: ${outcome.error?.message}`);
        continue;
      }
      assert.equal(outcome.ok, false, `${op} must reject ${JSON.stringify(payload)}`);
      assert.equal(outcome.error!.code, 'invalid_input', `${op}: ${outcome.error!.message}`);
      assert.ok(outcome.error!.message.startsWith(op), outcome.error!.message);
    }
  }
  core.close();
});

test('a valid payload works through IPC and a frame that is not the app is refused', async () => {
  const { handlers, core } = setup();
  const select = handlers.get(invokeChannel('contexts.select'))!;
  const ok = (await select(event(), { name: 'gamma' })) as { ok: boolean; result: { selected: string } };
  assert.equal(ok.ok, true);
  assert.equal(ok.result.selected, 'gamma');
  const refused = (await select(event('https://evil.example/'), { name: 'beta' })) as { ok: boolean; error: { code: string } };
  assert.equal(refused.ok, false);
  assert.equal(refused.error.code, 'forbidden');
  core.close();
});

test('a malformed stream subscription gets an error message, a valid one gets the contexts', async () => {
  const { listeners, core } = setup();
  sent.length = 0;
  const subscribe = listeners.get(STREAM_SUBSCRIBE)!;
  subscribe(event(), { type: 'subscribe' });
  subscribe(event(), { type: 'subscribe', id: 'x', stream: 'no.such.stream', input: {} });
  subscribe(event(), { type: 'subscribe', id: 'y', stream: 'contexts.changes', input: {} });
  const messages = sent.filter(([channel]) => channel === STREAM_MESSAGE).map(([, m]) => m as { type: string; id: string; error?: { code: string }; event?: { contexts: unknown[] } });
  assert.equal(messages[0]!.type, 'error');
  assert.equal(messages[0]!.error!.code, 'invalid_input');
  assert.equal(messages[1]!.error!.code, 'unknown_operation');
  assert.equal(messages[2]!.type, 'event');
  assert.equal(messages[2]!.event!.contexts.length, 3);
  core.close();
});
