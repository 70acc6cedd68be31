import { CorefileError } from './errors.ts';
import { parseCorefile, parseDirectives } from './parse.ts';
import type { Corefile, Directive, ServerBlock } from './types.ts';

/** What `import` lines can pull in when we resolve offline. */
export interface ImportSources {
  /** k3s/AKS `coredns-custom` `*.override` contents, pasted where `import …*.override` stands. */
  overrides?: string[];
  /** Other imported files by path (e.g. `/etc/coredns/custom/team.server`); globs match these. */
  files?: Record<string, string>;
}

const MAX_DEPTH = 10;

/**
 * The server blocks CoreDNS would actually run: every `import` replaced by the snippet or files
 * it names, and top-level imports of `*.server` files added as blocks. `notes` collects imports
 * that matched nothing (CoreDNS itself only warns for globs that match no file).
 */
export function effectiveServerBlocks(corefile: Corefile, sources: ImportSources, notes: string[]): ServerBlock[] {
  const snippets = new Map(corefile.snippets.map((s) => [s.name, s.body]));
  const blocks = corefile.serverBlocks.map((block) => ({ ...block, plugins: expandDirectives(block.plugins, snippets, sources, notes, 0) }));
  for (const imp of corefile.imports) {
    for (const pattern of imp.args) {
      const matched = matchFiles(pattern, sources.files ?? {});
      if (matched.length === 0) notes.push(`import ${pattern}: no file matched (skipped)`);
      for (const [path, content] of matched) {
        const inner = parseCorefile(content, path);
        blocks.push(...effectiveServerBlocks({ ...inner, snippets: [...corefile.snippets, ...inner.snippets] }, { ...sources, files: {} }, notes));
      }
    }
  }
  return blocks;
}

function expandDirectives(
  directives: Directive[],
  snippets: Map<string, Directive[]>,
  sources: ImportSources,
  notes: string[],
  depth: number,
): Directive[] {
  const out: Directive[] = [];
  for (const d of directives) {
    if (d.name !== 'import') {
      out.push(d);
      continue;
    }
    if (depth >= MAX_DEPTH) throw new CorefileError('Corefile', d.line, 1, `import nesting deeper than ${MAX_DEPTH}: is a snippet importing itself?`);
    for (const pattern of d.args) {
      const snippet = snippets.get(pattern);
      if (snippet) {
        out.push(...expandDirectives(snippet, snippets, sources, notes, depth + 1));
        continue;
      }
      const pieces: Array<[string, string]> = [];
      if (pattern.endsWith('.override')) (sources.overrides ?? []).forEach((text, n) => pieces.push([`override #${n + 1}`, text]));
      pieces.push(...matchFiles(pattern, sources.files ?? {}));
      if (pieces.length === 0) notes.push(`import ${pattern}: nothing to import (skipped)`);
      for (const [label, text] of pieces) {
        out.push(...expandDirectives(parseDirectives(text, label), snippets, sources, notes, depth + 1));
      }
    }
  }
  return out;
}

/** Files whose path matches a glob (`*` within one path segment); relative globs match a path's tail. */
function matchFiles(pattern: string, files: Record<string, string>): Array<[string, string]> {
  const body = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*');
  const re = new RegExp(pattern.startsWith('/') ? `^${body}$` : `(^|/)${body}$`);
  return Object.entries(files).filter(([path]) => re.test(path)).sort(([a], [b]) => a.localeCompare(b));
}
