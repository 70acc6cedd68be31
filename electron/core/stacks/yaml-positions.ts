import { isNode, LineCounter, parseDocument, type Document } from 'yaml';

/**
 * YAML parsed with a line counter, so a schema issue at a field path can be reported as
 * file:line:column instead of a bare path.
 */
export interface PositionedYaml {
  doc: Document.Parsed;
  lines: LineCounter;
}

export function parseYamlWithPositions(text: string): PositionedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  return { doc, lines };
}

/** The line and column (1-based) of the node at `path`, or of its nearest existing parent. */
export function positionOf(yaml: PositionedYaml, path: readonly PropertyKey[]): { line: number; col: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const keyPath = path.slice(0, depth).map((k) => (typeof k === 'symbol' ? String(k) : k));
    const node = depth === 0 ? yaml.doc.contents : yaml.doc.getIn(keyPath, true);
    if (isNode(node) && node.range) return yaml.lines.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}
