import { createChange, deleteChange } from '../changes.ts';
import type { Fix } from '../fix.ts';
import { recreatable } from '../recreate.ts';
import { targetOf } from './targets.ts';

/**
 * A failed Job runs again only as a new Job: delete it (its pods go with it) and create it from
 * its own spec, without what the Job controller stamped on it (selector, controller-uid labels).
 */
export const jobRerun: Fix = {
  id: 'job.rerun',
  title: 'Run the failed Job again',
  checks: ['job.failed', 'chall.janitor-stale'],
  plan(view, finding) {
    const job = targetOf(view, finding, ['batch/Job']);
    const what = `Job ${job.metadata.namespace}/${job.metadata.name}`;
    return {
      changes: [deleteChange(job, `delete the failed ${what} and its pods`), createChange(recreatable(job), `create ${what} again from its spec`)],
      explanation: `${what} failed and a Job never retries once failed. It is deleted and created again from the same spec, so it runs once more.`,
      undoNote: 'Undo deletes the new Job and re-creates the failed one from its spec (it would run again).',
    };
  },
};
