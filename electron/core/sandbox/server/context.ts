import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../../cluster/view.ts';
import type { ServedType } from '../store/builtin-types.ts';
import type { MemoryStore } from '../store/memory-store.ts';
import type { IssuedTokens, UserInfo } from './auth.ts';
import type { Faults } from './faults.ts';
import type { ResourceRequest } from './request-info.ts';

/** Everything a resource handler needs about one request. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  user: UserInfo;
  info: ResourceRequest;
  type: ServedType;
  /** The apiVersion the client asked in (group/version of the URL). */
  gv: string;
  verb: string;
  runtime: ServerRuntime;
}

export interface ServerRuntime {
  store: MemoryStore;
  faults: Faults;
  /** How often a watch with allowWatchBookmarks=true gets a BOOKMARK event. */
  bookmarkIntervalMs: number;
  issuedTokens: IssuedTokens;
  now(): string;
}

/** The object as the client's version names it (CRDs may serve several versions of one stored object). */
export function inVersion(object: KubeObject, gv: string): KubeObject {
  return object.apiVersion === gv ? object : { ...object, apiVersion: gv };
}

export function flag(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  return v === 'true' || v === '1';
}

export function isDryRun(query: URLSearchParams): boolean {
  return query.getAll('dryRun').includes('All');
}
