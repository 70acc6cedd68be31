import { CorefileError } from './errors.ts';

/** One Caddyfile token, with where it sits in the original text. */
export interface Token {
  /** The value CoreDNS sees: quotes removed, `\"` unescaped, every other backslash kept. */
  text: string;
  /** Offset of the first character (the opening quote for quoted tokens). */
  start: number;
  /** Offset just past the last character (past the closing quote). */
  end: number;
  /** 1-based line and column of `start`. */
  line: number;
  column: number;
  /** Line of the last character; differs from `line` only for quoted tokens spanning lines. */
  endLine: number;
  quoted: boolean;
}

const isSpace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';

/**
 * Split a Corefile into tokens the way CoreDNS's Caddyfile lexer does: whitespace separates
 * tokens, `#` starts a comment only where a token could start, `"` quotes only at the start of
 * a token, and inside quotes only `\"` is an escape (so regexes like `\.` survive untouched).
 */
export function tokenize(text: string, source = 'Corefile'): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n') {
      line++;
      lineStart = i + 1;
      i++;
      continue;
    }
    if (isSpace(ch)) {
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const start = i;
    const startLine = line;
    const column = start - lineStart + 1;
    if (ch === '"') {
      let value = '';
      i++;
      let closed = false;
      while (i < text.length) {
        const c = text[i]!;
        if (c === '\\' && text[i + 1] === '"') {
          value += '"';
          i += 2;
          continue;
        }
        if (c === '"') {
          closed = true;
          i++;
          break;
        }
        if (c === '\n') {
          line++;
          lineStart = i + 1;
        }
        value += c;
        i++;
      }
      if (!closed) throw new CorefileError(source, startLine, column, 'unterminated quoted string: expected a closing \'"\' before the end of the file');
      tokens.push({ text: value, start, end: i, line: startLine, column, endLine: line, quoted: true });
      continue;
    }
    // A bare token runs to the next whitespace; quotes and '#' inside it are ordinary characters.
    while (i < text.length && !isSpace(text[i]!)) i++;
    tokens.push({ text: text.slice(start, i), start, end: i, line: startLine, column, endLine: startLine, quoted: false });
  }
  return tokens;
}

/** Whether `tok` is an unquoted brace (only a standalone `{` or `}` opens or closes a block). */
export const isOpen = (tok: Token | undefined): boolean => !!tok && !tok.quoted && tok.text === '{';
export const isClose = (tok: Token | undefined): boolean => !!tok && !tok.quoted && tok.text === '}';

/** 1-based line and column of an offset, for errors that point past the last token. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
