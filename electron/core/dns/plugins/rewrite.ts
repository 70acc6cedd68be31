import { fqdn, goRegex, isHostname } from '../names.ts';
import type { Directive } from '../types.ts';
import { bare, type PluginHandler } from '../resolve-types.ts';

type MatchType = 'exact' | 'prefix' | 'suffix' | 'substring' | 'regex';
const MATCH_TYPES = new Set<string>(['exact', 'prefix', 'suffix', 'substring', 'regex']);

/** One `rewrite … name …` rule, read from a directive (or a line of a `rewrite { }` block). */
export interface NameRewriteRule {
  mode: 'stop' | 'continue';
  match: MatchType;
  from: string;
  to: string;
  /** `answer name FROM TO` (regex), `answer auto`, or none. */
  answer?: { kind: 'name'; from: string; to: string } | { kind: 'auto' };
  line: number;
}

/**
 * Read the name rules of `rewrite` lines (other fields — type, class, edns0, ttl… — do not
 * change which A record a name gets, so they are skipped). Follows the rewrite plugin docs:
 * `rewrite [continue|stop] name [exact|prefix|suffix|substring|regex] FROM TO [answer name FROM TO | answer auto]`
 * and the block form `rewrite [continue|stop] { name regex … \n answer name … }`.
 */
export function nameRewriteRules(lines: Directive[]): NameRewriteRule[] {
  const rules: NameRewriteRule[] = [];
  for (const d of lines) {
    const args = [...d.args];
    let mode: NameRewriteRule['mode'] = 'stop';
    if (args[0] === 'stop' || args[0] === 'continue') mode = args.shift() as NameRewriteRule['mode'];
    if (d.block && args.length === 0) {
      // Block form: a `name` line, optionally followed by an `answer name` line.
      const nameLine = d.block.find((l) => l.name === 'name');
      const answerLine = d.block.find((l) => l.name === 'answer');
      if (!nameLine) continue;
      const rule = ruleFrom(['name', ...nameLine.args], mode, d.line);
      if (rule && answerLine?.args[0] === 'name' && answerLine.args.length >= 3) {
        rule.answer = { kind: 'name', from: answerLine.args[1]!, to: answerLine.args[2]! };
      }
      if (rule) rules.push(rule);
      continue;
    }
    const rule = ruleFrom(args, mode, d.line);
    if (rule) rules.push(rule);
  }
  return rules;
}

function ruleFrom(args: string[], mode: NameRewriteRule['mode'], line: number): NameRewriteRule | undefined {
  if (args[0] !== 'name') return undefined;
  let rest = args.slice(1);
  let match: MatchType = 'exact';
  if (rest.length >= 3 && MATCH_TYPES.has(rest[0]!)) {
    match = rest[0] as MatchType;
    rest = rest.slice(1);
  }
  if (rest.length < 2) return undefined;
  const rule: NameRewriteRule = { mode, match, from: rest[0]!, to: rest[1]!, line };
  const opts = rest.slice(2);
  if (opts[0] === 'answer' && opts[1] === 'auto') rule.answer = { kind: 'auto' };
  else if (opts[0] === 'answer' && opts[1] === 'name' && opts.length >= 4) rule.answer = { kind: 'name', from: opts[2]!, to: opts[3]! };
  return rule;
}

/** Apply `{1}`, `{2}`… group references the way the rewrite plugin does. */
function substituteGroups(template: string, groups: string[]): string {
  let out = template;
  groups.forEach((value, index) => {
    out = out.split(`{${index}}`).join(value ?? '');
  });
  return out;
}

/** The rewritten name, or undefined when the rule does not match. */
export function applyNameRule(rule: NameRewriteRule, qname: string): string | undefined {
  switch (rule.match) {
    case 'exact':
      return qname === fqdn(rule.from) ? fqdn(rule.to) : undefined;
    case 'prefix': {
      const from = rule.from.toLowerCase();
      return qname.startsWith(from) ? fqdn(rule.to.toLowerCase() + qname.slice(from.length)) : undefined;
    }
    case 'suffix': {
      const from = fqdn(rule.from);
      return qname.endsWith(from) ? fqdn(qname.slice(0, qname.length - from.length) + fqdn(rule.to)) : undefined;
    }
    case 'substring': {
      const from = rule.from.toLowerCase();
      return qname.includes(from) ? fqdn(qname.split(from).join(rule.to.toLowerCase())) : undefined;
    }
    case 'regex': {
      const groups = goRegex(rule.from).exec(qname);
      return groups ? fqdn(substituteGroups(rule.to, [...groups].map((g) => g ?? ''))) : undefined;
    }
  }
}

/**
 * Rules run in line order; a matching `stop` rule (the default) ends the rewriting, a matching
 * `continue` rule passes the rewritten name on to the next rule. Exact rules put the original
 * name back in the answer by themselves (rewrite docs); regex rules need `answer name` (or
 * `answer auto`), otherwise the client sees the answer under the rewritten name.
 */
export const rewritePlugin: PluginHandler = (lines, state) => {
  for (const rule of nameRewriteRules(lines)) {
    const before = state.qname;
    let after: string | undefined;
    try {
      after = applyNameRule(rule, before);
    } catch (err) {
      state.via.push(`rewrite (line ${rule.line}): invalid regex ${JSON.stringify(rule.from)}: ${(err as Error).message}`);
      return { kind: 'rcode', rcode: 'SERVFAIL' };
    }
    if (after === undefined) continue;
    if (!isHostname(after)) {
      state.via.push(`rewrite name ${rule.match} ${bare(before)} → ${bare(after)}: not a legal domain name`);
      return { kind: 'rcode', rcode: 'SERVFAIL' };
    }
    state.qname = after;
    state.via.push(`rewrite name ${rule.match} ${bare(before)} → ${bare(after)}`);
    if (rule.match === 'exact' || rule.answer?.kind === 'auto') {
      state.answerRewrites.push((owner) => (owner === after ? before : owner));
    } else if (rule.answer?.kind === 'name') {
      const answer = rule.answer;
      state.answerRewrites.push((owner) => {
        const groups = goRegex(answer.from).exec(owner);
        return groups ? fqdn(substituteGroups(answer.to, [...groups].map((g) => g ?? ''))) : owner;
      });
    }
    if (rule.mode === 'stop') break;
  }
  return { kind: 'next' };
};
