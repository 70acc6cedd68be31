/** A unified diff with added, removed and hunk lines coloured; the text itself is shown verbatim. */
export function DiffView({ diff, label }: { diff: string; label?: string }) {
  // The "Index:" / "=====" banner of the diff format repeats the file line below it.
  const lines = diff
    .replace(/\n$/, '')
    .split('\n')
    .filter((line) => !/^(Index: |={20,}$)/.test(line));
  return (
    <pre className="diff" aria-label={label ?? 'Diff'}>
      {lines.map((line, i) => (
        // One block per line (styles.css): the line breaks come from the blocks.
        <span key={i} className={lineClass(line)}>
          {line || ' '}
        </span>
      ))}
    </pre>
  );
}

function lineClass(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---')) return 'diff-file';
  if (line.startsWith('@@')) return 'diff-hunk';
  if (line.startsWith('+')) return 'diff-add';
  if (line.startsWith('-')) return 'diff-del';
  return 'diff-ctx';
}
