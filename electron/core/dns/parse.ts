import { CorefileError } from './errors.ts';
import { isClose, isOpen, positionOf, tokenize, type Token } from './lexer.ts';
import { parseServerKey } from './server-address.ts';
import type { Corefile, Directive, ServerAddress, ServerBlock, Snippet, TopLevelImport } from './types.ts';

/**
 * Parse a Corefile into server blocks, snippets and top-level imports, keeping the offsets of
 * everything so the editor can patch the original text in place. The grammar follows the
 * Caddyfile parser CoreDNS uses: keys on one line (commas or spaces), `{` on the same or the
 * next line, one directive per line, nested `{ … }` opened on the directive's own line.
 * Imports are not expanded here (see expand.ts); `{$VAR}` stays as written.
 */
export function parseCorefile(text: string, source = 'Corefile'): Corefile {
  return new Parser(text, tokenize(text, source), source).file();
}

/**
 * Parse text that holds only directives, as an imported file does (k3s and AKS
 * `coredns-custom` `*.override` keys are pasted inside the main server block).
 */
export function parseDirectives(text: string, source = 'import'): Directive[] {
  return new Parser(text, tokenize(text, source), source).directivesOnly();
}

class Parser {
  private i = 0;
  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  file(): Corefile {
    const serverBlocks: ServerBlock[] = [];
    const snippets: Snippet[] = [];
    const imports: TopLevelImport[] = [];
    while (this.i < this.tokens.length) {
      const tok = this.tokens[this.i]!;
      if (!tok.quoted && tok.text === 'import') {
        imports.push(this.topLevelImport());
        continue;
      }
      this.serverBlock(serverBlocks, snippets);
    }
    return { serverBlocks, snippets, imports, text: this.text, source: this.source };
  }

  private fail(at: Token | number, problem: string): never {
    const pos = typeof at === 'number' ? positionOf(this.text, at) : at;
    throw new CorefileError(this.source, pos.line, pos.column, problem);
  }

  directivesOnly(): Directive[] {
    const directives = this.body(0);
    if (this.i < this.tokens.length) this.fail(this.tokens[this.i]!, `unexpected '}': no block is open here`);
    return directives;
  }

  /** Whether the token at `index` starts a new line (a quoted token may span lines). */
  private newLineAt(index: number): boolean {
    if (index === 0) return true;
    return this.tokens[index - 1]!.endLine < this.tokens[index]!.line;
  }

  private topLevelImport(): TopLevelImport {
    const head = this.tokens[this.i++]!;
    const args: string[] = [];
    let end = head.end;
    while (this.i < this.tokens.length && !this.newLineAt(this.i)) {
      const t = this.tokens[this.i++]!;
      args.push(t.text);
      end = t.end;
    }
    if (args.length === 0) this.fail(head, 'import needs a snippet name or a file pattern, e.g. "import /etc/coredns/custom/*.server"');
    return { args, range: [head.start, end], line: head.line };
  }

  private serverBlock(blocks: ServerBlock[], snippets: Snippet[]): void {
    const first = this.tokens[this.i]!;
    const keys: string[] = [];
    const keyTokens: Token[] = [];
    let expectingAnother = false;
    for (;;) {
      const t = this.tokens[this.i]!;
      if (isOpen(t)) {
        if (expectingAnother) this.fail(t, `expected another server address after the trailing comma, found '{'`);
        if (keys.length === 0) this.fail(t, `expected a server address such as ".:53" before '{'`);
        break;
      }
      if (isClose(t)) this.fail(t, `unexpected '}': no block is open here`);
      let key = t.text;
      if (key.endsWith(',')) {
        key = key.slice(0, -1);
        expectingAnother = true;
      } else expectingAnother = false;
      if (key !== '') {
        keys.push(key);
        keyTokens.push(t);
      }
      this.i++;
      if (this.i >= this.tokens.length) {
        if (expectingAnother) this.fail(this.text.length, 'expected another server address after the trailing comma, found the end of the file');
        break;
      }
      if (!expectingAnother && this.newLineAt(this.i)) break;
    }

    const open = this.tokens[this.i];
    const snippetName = keys.length === 1 && /^\(.+\)$/.test(keys[0]!) ? keys[0]!.slice(1, -1) : undefined;
    let plugins: Directive[];
    let bodyRange: [number, number];
    let end: number;
    if (isOpen(open)) {
      this.i++;
      plugins = this.body(0);
      const close = this.tokens[this.i];
      if (!isClose(close)) this.fail(open!, `expected '}' to close the block of "${keys.join(' ')}" opened here, found the end of the file`);
      bodyRange = [open!.end, close!.start];
      end = close!.end;
      this.i++;
    } else {
      // CoreDNS accepts a single server block without braces; its body then runs to the end.
      if (snippetName !== undefined) this.fail(first, `expected '{' after snippet "${keys[0]}"`);
      const bodyStart = this.i < this.tokens.length ? this.tokens[this.i]!.start : this.text.length;
      plugins = this.body(0);
      if (this.i < this.tokens.length) this.fail(this.tokens[this.i]!, `unexpected '}': no block is open here`);
      bodyRange = [bodyStart, this.text.length];
      end = this.text.length;
    }

    if (snippetName !== undefined) {
      snippets.push({ name: snippetName, body: plugins, range: [first.start, end], line: first.line });
      return;
    }
    const addresses: ServerAddress[] = keys.map((key, k) => {
      const parsed = parseServerKey(key);
      if (typeof parsed === 'string') this.fail(keyTokens[k]!, parsed);
      return parsed;
    });
    blocks.push({
      keys,
      zones: [...new Set(addresses.flatMap((a) => a.zones))],
      port: addresses[0]!.port,
      addresses,
      plugins,
      range: [first.start, end],
      bodyRange,
      line: first.line,
    });
  }

  /**
   * Directives up to (not including) the `}` that closes the current block, or to the end of
   * the file. `depth` 0 is a server block body: there CoreDNS wants the closing `}` on a line
   * of its own; inside a plugin's block a `}` may end the last line.
   */
  private body(depth: number): Directive[] {
    const directives: Directive[] = [];
    while (this.i < this.tokens.length) {
      const head = this.tokens[this.i]!;
      if (isClose(head)) return directives;
      if (isOpen(head)) this.fail(head, `unexpected '{': a block must open on the same line as the directive it belongs to`);
      this.i++;
      const args: string[] = [];
      let block: Directive[] | undefined;
      let end = head.end;
      while (this.i < this.tokens.length && !this.newLineAt(this.i)) {
        const t = this.tokens[this.i]!;
        if (isOpen(t)) {
          this.i++;
          block = this.body(depth + 1);
          const close = this.tokens[this.i];
          if (!isClose(close)) this.fail(t, `expected '}' to close the block of "${head.text}" opened here, found the end of the file`);
          end = close!.end;
          this.i++;
          continue;
        }
        if (isClose(t)) {
          if (depth === 0) this.fail(t, `unexpected '}' after "${head.text}": put the closing brace of the server block on its own line`);
          break;
        }
        args.push(t.text);
        end = t.end;
        this.i++;
      }
      const directive: Directive = { name: head.text, args, range: [head.start, end], line: head.line };
      if (block) directive.block = block;
      directives.push(directive);
    }
    return directives;
  }
}
