import type { JournalEntry } from '../../../shared/model/repair.ts';
import { apiFailureOf, describeFailure } from '../repair/api-errors.ts';
import type { KubeWriter } from '../repair/kube-writer.ts';
import { ClusterJournal, DEFAULT_MAX_BYTES } from './cluster-journal.ts';
import { LocalJournal } from './local-journal.ts';
import { mergeEntries } from './merge.ts';

export { ClusterJournal, JOURNAL_CONFIGMAP, boundEntries } from './cluster-journal.ts';
export { LocalJournal } from './local-journal.ts';
export { mergeEntries } from './merge.ts';

export interface JournalView {
  entries: JournalEntry[];
  /** Why part of the journal could not be read (unreadable lines, no access to the cluster copy). */
  warnings: string[];
}

/**
 * The repair journal: local file first (it must survive even when the cluster write fails), then
 * the cluster mirror. Reading merges both by id.
 */
export class Journal {
  readonly local: LocalJournal;
  readonly cluster: ClusterJournal;

  constructor(
    home: string,
    client: KubeWriter,
    maxClusterBytes = DEFAULT_MAX_BYTES,
    /** Namespaces to read one by one when the identity may not list ConfigMaps cluster-wide. */
    private readonly knownNamespaces: readonly string[] = [],
  ) {
    this.local = new LocalJournal(home);
    this.cluster = new ClusterJournal(client, maxClusterBytes);
  }

  /** Records entries; returns a warning when the cluster copy could not be written. */
  async record(entries: readonly JournalEntry[]): Promise<string | undefined> {
    for (const e of entries) this.local.append(e);
    const byNamespace = new Map<string, JournalEntry[]>();
    for (const e of entries) if (e.namespace) byNamespace.set(e.namespace, [...(byNamespace.get(e.namespace) ?? []), e]);
    const failures: string[] = [];
    for (const [ns, list] of byNamespace) {
      try {
        await this.cluster.upsert(ns, list);
      } catch (err) {
        failures.push(`could not mirror the journal into ConfigMap ${ns}/groundcrew-journal: ${describeFailure(err)}`);
      }
    }
    return failures.length ? failures.join('; ') : undefined;
  }

  /** Local ∪ cluster, by id; entries of other contexts are left out of the local side. */
  async read(context?: string): Promise<JournalView> {
    const { entries: local, problems } = this.local.read();
    const warnings = [...problems];
    let remote: JournalEntry[] = [];
    try {
      remote = await this.cluster.readAll();
    } catch (err) {
      if (apiFailureOf(err)?.code !== 403) warnings.push(`could not read the cluster's journal: ${describeFailure(err)}`);
      else {
        // No cluster-wide list: read the namespaces we know journals live in, one by one.
        const namespaces = new Set([...this.knownNamespaces, ...local.map((e) => e.namespace).filter((n): n is string => !!n)]);
        const lists: JournalEntry[][] = [];
        for (const ns of namespaces) {
          try {
            lists.push(await this.cluster.read(ns));
          } catch (nsErr) {
            warnings.push(`could not read ConfigMap ${ns}/groundcrew-journal: ${describeFailure(nsErr)}`);
          }
        }
        remote = mergeEntries(...lists);
      }
    }
    const mine = context === undefined ? local : local.filter((e) => e.context === context);
    return { entries: mergeEntries(mine, remote), warnings };
  }
}
