/** Line helpers that keep every byte: each piece carries its own line ending. */

/** Split into lines, each keeping its `\n` (and `\r\n`); joining them gives the text back. */
export function splitKeepingEnds(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Offset of the start of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The line ending used by the line holding `offset`, or of the file when that line has none. */
export function lineEndingAt(text: string, offset: number): string {
  const nl = text.indexOf('\n', offset);
  if (nl >= 0) return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** 1-based line number of an offset. */
export function lineNumberOf(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset; i++) if (text[i] === '\n') n++;
  return n;
}
