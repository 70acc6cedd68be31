/** CoreDNS Corefile library: parse, resolve offline, and patch in place (reversibly). */
export { parseCorefile, parseDirectives } from './parse.ts';
export { CorefileError } from './errors.ts';
export type { Corefile, Directive, PluginDirective, ServerAddress, ServerBlock, Snippet, TopLevelImport } from './types.ts';
export { resolveName, chooseBlock } from './resolve.ts';
export type { ClusterDns, ClusterService, Rcode, Resolution } from './resolve-types.ts';
export { PLUGIN_ORDER } from './plugin-order.ts';
export { PRIVATE_SUFFIXES } from './plugins/forward.ts';
export { planHostnameRewrite, removeHostnameRewrite, findBlock, isMarkedLine, type PlanRewriteOptions } from './edit-rewrite.ts';
export { rewriteRuleTexts, markerTag, type HostnameRewriteOptions } from './rewrite-rules.ts';
export { planCustomOverride, detectSetup, type ConfigMapLike, type DnsSetup } from './k3s-custom.ts';
