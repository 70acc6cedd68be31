/**
 * The DNS lookup Job: a Job annotated `sandbox.groundcrew.dev/dns-lookup: <name>` runs
 * `nslookup <name>` against the cluster's CoreDNS. Returns undefined while no resolver is wired.
 */
import type { ControllerApi } from './api.ts';

export interface LookupResult {
  ok: boolean;
  lines: string[];
}

// TODO: answer from kube-system/coredns's Corefile through electron/core/dns's resolveName once
// that module is committed; until then a lookup Job stays running.
export function dnsLookup(_name: string, _api: ControllerApi): LookupResult | undefined {
  return undefined;
}
