import type { z } from 'zod';
import {
  ContractError,
  describeZodError,
  isOperationName,
  isStreamName,
  operations,
  streams,
  toErrorBody,
  type ContractErrorBody,
  type OperationName,
  type Operations,
  type OpOutput,
  type Outcome,
  type StreamEvent,
  type StreamName,
  type Streams,
} from '../../shared/contract/index.ts';
import type { AppInfo } from '../../shared/model/app-info.ts';
import { readAppInfo, readLicenses } from './app-info.ts';
import { ContextService } from './cluster/context-service.ts';
import { clusterArea } from './areas/cluster-area.ts';
import { inspectionArea } from './areas/inspection-area.ts';
import { repairArea } from './areas/repair-area.ts';
import { ClusterSessions } from './session/cluster-sessions.ts';
import { groundcrewHome, SettingsStore } from './settings.ts';

export interface CoreOptions {
  appRoot: string;
  host: AppInfo['host'];
  env?: NodeJS.ProcessEnv;
  /** Like kubectl's --kubeconfig: this file only, instead of KUBECONFIG / ~/.kube/config. */
  kubeconfig?: string;
}

type OpHandlers = {
  [N in OperationName]: (input: z.output<Operations[N]['input']>) => Promise<OpOutput<N>> | OpOutput<N>;
};
type StreamHandlers = {
  [N in StreamName]: (
    input: z.output<Streams[N]['input']>,
    emit: (event: StreamEvent<N>) => void,
    fail: (err: unknown) => void,
  ) => () => void;
};

export type StreamListener = (message: { type: 'event'; event: unknown } | { type: 'error'; error: ContractErrorBody }) => void;

/** The one entry point every host (Electron IPC, browser host, CLI) uses. */
export interface Core {
  invoke(name: string, input: unknown): Promise<Outcome<unknown>>;
  subscribe(name: string, input: unknown, listener: StreamListener): () => void;
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  const env = options.env ?? process.env;
  const home = groundcrewHome(env);
  const settings = new SettingsStore(home);
  const contexts = new ContextService(env, settings, options.kubeconfig);
  const kubeconfig = options.kubeconfig ? { kubeconfig: options.kubeconfig } : {};
  const desktop = options.host === 'electron';
  const sessions = new ClusterSessions({ env, desktop, ...kubeconfig });
  const cluster = clusterArea({ env, desktop, contexts, sessions, ...kubeconfig });
  const inspection = inspectionArea({ appRoot: options.appRoot, home, contexts, sessions });
  const repair = repairArea({ home, contexts, sessions, profiles: inspection.profiles });

  const handlers: OpHandlers = {
    'app.info': () => readAppInfo(options.appRoot, options.host),
    'app.licenses': () => readLicenses(options.appRoot),
    'contexts.list': () => contexts.list(),
    'contexts.select': ({ name }) => contexts.select(name),
    'cluster.connect': ({ context }) => cluster.connect(context),
    'cluster.permissions': ({ context }) => cluster.permissions(context),
    'inspect.run': ({ context, profile }) => inspection.run(context, profile),
    'repair.plan': ({ context, findingId }) => repair.plan(context, findingId),
    'repair.apply': ({ context, planId }) => repair.apply(context, planId),
    'journal.list': ({ context }) => repair.journal(context),
    'journal.undo': ({ context, entryId }) => repair.undo(context, entryId),
  };
  const streamHandlers: StreamHandlers = {
    'contexts.changes': (_input, emit, fail) => contexts.watch(emit, fail),
    'inspect.live': ({ context, profile }, emit, fail) => inspection.live(context, profile, emit, fail),
    'repair.progress': ({ id }, emit) => repair.progress(id, emit),
  };
  const open = new Set<() => void>();

  return {
    async invoke(name, rawInput) {
      try {
        if (!isOperationName(name)) throw new ContractError('unknown_operation', `unknown operation "${String(name)}"`);
        const spec = operations[name];
        const input = spec.input.safeParse(rawInput === undefined ? {} : rawInput);
        if (!input.success) throw new ContractError('invalid_input', `${name}: ${describeZodError(input.error)}`);
        const handler = handlers[name] as (i: unknown) => unknown;
        const result = await handler(input.data);
        const output = spec.output.safeParse(result);
        // An output that breaks the contract is our bug, not the caller's: say so plainly.
        if (!output.success) throw new ContractError('internal', `${name} produced an invalid result: ${describeZodError(output.error)}`);
        return { ok: true, result: output.data };
      } catch (err) {
        return { ok: false, error: toErrorBody(err) };
      }
    },

    subscribe(name, rawInput, listener) {
      const fail = (err: unknown) => listener({ type: 'error', error: toErrorBody(err) });
      if (!isStreamName(name)) {
        fail(new ContractError('unknown_operation', `unknown stream "${String(name)}"`));
        return () => undefined;
      }
      const spec = streams[name];
      const input = spec.input.safeParse(rawInput === undefined ? {} : rawInput);
      if (!input.success) {
        fail(new ContractError('invalid_input', `${name}: ${describeZodError(input.error)}`));
        return () => undefined;
      }
      const emit = (event: unknown) => {
        const checked = spec.event.safeParse(event);
        if (checked.success) listener({ type: 'event', event: checked.data });
        else fail(new ContractError('internal', `${name} produced an invalid event: ${describeZodError(checked.error)}`));
      };
      const start = streamHandlers[name] as (i: unknown, e: (ev: unknown) => void, f: (err: unknown) => void) => () => void;
      const stop = start(input.data, emit, fail);
      const close = () => {
        if (open.delete(close)) stop();
      };
      open.add(close);
      return close;
    },

    close() {
      for (const close of [...open]) close();
      sessions.close();
    },
  };
}
