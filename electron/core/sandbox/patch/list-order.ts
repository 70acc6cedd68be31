import { jsonEqual } from './values.ts';

/**
 * Ordering of merged lists, as Kubernetes' strategic merge does it: items named by the patch
 * (or by a `$setElementOrder` list) keep that order, items only the server had keep theirs, and
 * the two runs interleave by their positions in the server's list.
 */

/** Identity of a list item: its merge key value for maps, the value itself for scalars. */
export type ItemKey = (item: unknown) => unknown;

function indexIn(list: readonly unknown[], item: unknown, key: ItemKey): number {
  const wanted = key(item);
  return list.findIndex((candidate) => jsonEqual(key(candidate), wanted));
}

/** Splits `merged` into the items `named` mentions (in merged order) and the rest. */
export function partitionByPresence(merged: readonly unknown[], named: readonly unknown[], key: ItemKey): [unknown[], unknown[]] {
  const present: unknown[] = [];
  const absent: unknown[] = [];
  for (const item of merged) (indexIn(named, item, key) >= 0 ? present : absent).push(item);
  return [present, absent];
}

/** Stable sort by position in `order`; items `order` does not mention go last, in their own order. */
function sortByOrder(items: readonly unknown[], order: readonly unknown[], key: ItemKey): unknown[] {
  const ranked = items.map((item, i) => {
    const rank = indexIn(order, item, key);
    return { item, rank: rank < 0 ? Number.MAX_SAFE_INTEGER : rank, i };
  });
  ranked.sort((a, b) => a.rank - b.rank || a.i - b.i);
  return ranked.map((entry) => entry.item);
}

/**
 * Returns patch-named items sorted by `patchOrder` merged with server-only items sorted by
 * `serverOrder`: a server-only item goes first only when both heads are in the server's list
 * and it comes earlier there; otherwise the patch item goes first (as Kubernetes does it).
 */
export function normalizeOrder(patchItems: readonly unknown[], serverOnly: readonly unknown[], patchOrder: readonly unknown[], serverOrder: readonly unknown[], key: ItemKey): unknown[] {
  const right = sortByOrder(patchItems, patchOrder, key);
  const left = sortByOrder(serverOnly, serverOrder, key);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], key);
      const ri = indexIn(serverOrder, right[j], key);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/**
 * The live list as Kubernetes' `$setElementOrder` handling ends up consulting it. apimachinery
 * deletes `$patch: delete` items by shifting the rest left in the same Go backing array, then
 * appends new items into that array while it has room; the live-list header it later sorts by
 * still spans the old length, so it sees the shifted items followed by the new ones (or stale
 * copies). Reproducing that keeps our order identical to a real API server's.
 */
export function inPlaceServerOrder(original: readonly unknown[], deletedKeys: readonly unknown[], appended: readonly unknown[], key: ItemKey): unknown[] {
  const backing = [...original];
  let length = backing.length;
  for (const deleted of deletedKeys) {
    for (;;) {
      const at = backing.slice(0, length).findIndex((item) => jsonEqual(key(item), deleted));
      if (at < 0) break;
      backing.copyWithin(at, at + 1, length);
      length--;
    }
  }
  for (const item of appended) {
    if (length >= backing.length) break; // Go reallocates: later appends land elsewhere
    backing[length++] = item;
  }
  return backing;
}
