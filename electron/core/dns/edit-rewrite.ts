import { CorefileError } from './errors.ts';
import { lineEndingAt, lineNumberOf, lineStartOf, splitKeepingEnds } from './lines.ts';
import { fqdn } from './names.ts';
import { parseCorefile } from './parse.ts';
import { markerTag, rewriteRuleTexts, type HostnameRewriteOptions } from './rewrite-rules.ts';
import type { ServerBlock } from './types.ts';

export interface PlanRewriteOptions extends HostnameRewriteOptions {
  /** A key as written (`.:53`) or a zone (`.`, `example.com`); default: the block serving `.` on :53. */
  serverBlock?: string;
}

/** Whether a line (with or without its ending) is one of ours for this marker tag. */
export function isMarkedLine(line: string, tag: string): boolean {
  const m = /\s#\s*(\S+)\s*$/.exec(line.replace(/\r?\n$/, ''));
  return m !== null && m[1] === tag;
}

/** Drop every whole line marked with `marker`; nothing else changes, byte for byte. */
export function removeHostnameRewrite(text: string, marker: string): { text: string; changed: boolean } {
  const tag = markerTag(marker);
  const kept = splitKeepingEnds(text).filter((line) => !isMarkedLine(line, tag));
  const out = kept.join('');
  return { text: out, changed: out !== text };
}

/**
 * Put our rewrite lines into the Corefile without touching anything else: our previously
 * marked lines are taken out first, then the fresh lines go in as whole lines just before the
 * block's `kubernetes` line (or its first plugin), with that line's exact indentation and line
 * ending. Planning twice gives the same text; `removeHostnameRewrite` gives the original back.
 * Refuses (CorefileError) a Corefile CoreDNS would reject, or one it cannot edit line-wise.
 */
export function planHostnameRewrite(text: string, options: PlanRewriteOptions): { text: string; changed: boolean; addedLines: number[] } {
  const tag = markerTag(options.marker);
  const rules = rewriteRuleTexts(options);
  const base = removeHostnameRewrite(text, options.marker).text;
  const corefile = parseCorefile(base, 'Corefile');
  const block = findBlock(corefile.serverBlocks, options.serverBlock);
  if (!block) {
    const wanted = options.serverBlock ?? `"." on port 53`;
    const have = corefile.serverBlocks.map((b) => b.keys.join(' ')).join(', ') || 'none';
    throw new CorefileError('Corefile', 1, 1, `no server block serves ${wanted} (blocks: ${have})`);
  }
  const anchor = block.plugins.find((p) => p.name === 'kubernetes') ?? block.plugins[0];
  let offset: number;
  let indent: string;
  if (anchor) {
    offset = lineStartOf(base, anchor.range[0]);
    indent = base.slice(offset, anchor.range[0]);
    if (!/^[ \t]*$/.test(indent)) {
      const line = lineNumberOf(base, anchor.range[0]);
      throw new CorefileError('Corefile', line, anchor.range[0] - offset + 1, `"${anchor.name}" shares its line with other text; put it on its own line before patching`);
    }
  } else {
    // An empty block: go on the line after `{`, one level deeper than the key line.
    const nl = base.indexOf('\n', block.bodyRange[0]);
    if (nl < 0 || nl >= block.bodyRange[1]) {
      throw new CorefileError('Corefile', block.line, 1, `server block ${block.keys.join(' ')} is on one line; write it over several lines before patching`);
    }
    offset = nl + 1;
    const keyIndent = /^[ \t]*/.exec(base.slice(lineStartOf(base, block.range[0])))![0];
    indent = keyIndent + (base.includes('\n\t') ? '\t' : '    ');
  }
  const eol = lineEndingAt(base, offset);
  const inserted = rules.map((rule) => `${indent}${rule} # ${tag}${eol}`).join('');
  const out = base.slice(0, offset) + inserted + base.slice(offset);
  const first = lineNumberOf(out, offset);
  return { text: out, changed: out !== text, addedLines: rules.map((_r, k) => first + k) };
}

/** The block named by a key or zone, or by default the one serving `.` on port 53. */
export function findBlock(blocks: ServerBlock[], wanted?: string): ServerBlock | undefined {
  if (wanted !== undefined) {
    const byKey = blocks.find((b) => b.keys.includes(wanted));
    if (byKey) return byKey;
    const zone = fqdn(wanted);
    return blocks.find((b) => b.addresses.some((a) => a.transport === 'dns' && a.port === 53 && a.zones.includes(zone)));
  }
  return blocks.find((b) => b.addresses.some((a) => a.transport === 'dns' && a.port === 53 && a.zones.includes('.')));
}
