import { JournalEntrySchema, type JournalEntry } from '../../../shared/model/repair.ts';
import { apiFailureOf, isConflict, isNotFound } from '../repair/api-errors.ts';
import type { KubeWriter } from '../repair/kube-writer.ts';
import { mergeEntries } from './merge.ts';

export const JOURNAL_CONFIGMAP = 'groundcrew-journal';
const ENTRIES_KEY = 'entries.jsonl';
const NOTE_KEY = 'dropped';
/** A ConfigMap holds at most 1 MiB; stay well under it with room for metadata. */
export const DEFAULT_MAX_BYTES = 900 * 1024;

interface ConfigMap {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; resourceVersion?: string; labels?: Record<string, string> };
  data?: Record<string, string>;
}

function parseLines(text: string | undefined): JournalEntry[] {
  const out: JournalEntry[] = [];
  for (const line of (text ?? '').split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = JournalEntrySchema.safeParse(JSON.parse(line));
      if (parsed.success) out.push(parsed.data);
    } catch {
      // Someone edited the ConfigMap by hand; skip what we cannot read rather than lose the rest.
    }
  }
  return out;
}

/**
 * Keeps the newest entries whose lines fit in `maxBytes`; says how many older ones were dropped.
 * Returns the lines oldest first.
 */
export function boundEntries(entries: readonly JournalEntry[], maxBytes: number, previousNote?: string): { text: string; note?: string } {
  const lines = entries.map((e) => `${JSON.stringify(e)}\n`);
  let size = 0;
  let keepFrom = lines.length;
  while (keepFrom > 0 && size + Buffer.byteLength(lines[keepFrom - 1]!) <= maxBytes) {
    size += Buffer.byteLength(lines[keepFrom - 1]!);
    keepFrom--;
  }
  const dropped = keepFrom;
  const before = Number(/^(\d+) /.exec(previousNote ?? '')?.[1] ?? 0);
  const note = dropped > 0 || before > 0
    ? `${before + dropped} older entries dropped to keep this ConfigMap under ${Math.round(maxBytes / 1024)} KiB; each workstation keeps its full journal in its Groundcrew home`
    : undefined;
  return { text: lines.slice(keepFrom).join(''), note };
}

/**
 * The journal's copy in the cluster: ConfigMap `groundcrew-journal` in the stack's namespace, so a
 * second workstation sees what the first one did. Writes are read-modify-write under the
 * ConfigMap's resourceVersion, retried when another workstation wrote in between.
 */
export class ClusterJournal {
  constructor(
    private readonly client: KubeWriter,
    private readonly maxBytes = DEFAULT_MAX_BYTES,
  ) {}

  private path(namespace: string, name?: string) {
    return `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps${name ? `/${name}` : ''}`;
  }

  async read(namespace: string): Promise<JournalEntry[]> {
    try {
      const cm = await this.client.request<ConfigMap>({ method: 'GET', path: this.path(namespace, JOURNAL_CONFIGMAP) });
      return parseLines(cm.data?.[ENTRIES_KEY]);
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
  }

  /** Every namespace's journal ConfigMap the caller may list. */
  async readAll(): Promise<JournalEntry[]> {
    const list = await this.client.request<{ items?: ConfigMap[] }>({ method: 'GET', path: '/api/v1/configmaps', query: { fieldSelector: `metadata.name=${JOURNAL_CONFIGMAP}` } });
    return mergeEntries(...(list.items ?? []).filter((cm) => cm.metadata.name === JOURNAL_CONFIGMAP).map((cm) => parseLines(cm.data?.[ENTRIES_KEY])));
  }

  /** Adds (or replaces, by id) entries in `namespace`'s journal. */
  async upsert(namespace: string, entries: readonly JournalEntry[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      let live: ConfigMap | undefined;
      try {
        live = await this.client.request<ConfigMap>({ method: 'GET', path: this.path(namespace, JOURNAL_CONFIGMAP) });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      const merged = mergeEntries(parseLines(live?.data?.[ENTRIES_KEY]), entries);
      const { text, note } = boundEntries(merged, this.maxBytes, live?.data?.[NOTE_KEY]);
      const data: Record<string, string> = { [ENTRIES_KEY]: text, ...(note ? { [NOTE_KEY]: note } : {}) };
      const body: ConfigMap = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: JOURNAL_CONFIGMAP,
          namespace,
          labels: { 'app.kubernetes.io/managed-by': 'groundcrew' },
          ...(live?.metadata.resourceVersion ? { resourceVersion: live.metadata.resourceVersion } : {}),
        },
        data,
      };
      try {
        if (live) await this.client.request({ method: 'PUT', path: this.path(namespace, JOURNAL_CONFIGMAP), query: { fieldManager: 'groundcrew' }, body });
        else await this.client.request({ method: 'POST', path: this.path(namespace), query: { fieldManager: 'groundcrew' }, body });
        return;
      } catch (err) {
        // Another workstation wrote first (409 on update, AlreadyExists on create): merge again.
        const raced = isConflict(err) || apiFailureOf(err)?.reason === 'AlreadyExists';
        if (!raced || attempt >= 4) throw err;
      }
    }
  }
}
