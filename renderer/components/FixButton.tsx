import type { Finding } from '../../shared/model/finding.ts';
import { useUi } from '../state/ui.ts';

/** Opens the fix dialog for a finding; renders nothing for findings no repair can fix. */
export function FixButton({ finding }: { finding: Finding }) {
  if (!finding.fixId) return null;
  return (
    <button
      type="button"
      className="fix-button"
      data-fix-id={finding.fixId}
      aria-label={`Fix: ${finding.title}`}
      onClick={(e) => {
        e.stopPropagation();
        useUi.getState().openFix(finding.id);
      }}
    >
      Fix…
    </button>
  );
}
