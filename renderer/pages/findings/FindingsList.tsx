import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { FindingRow, GroupHeader } from './FindingRow.tsx';
import type { ListRow } from './filter.ts';

/** Above this many rows the list is virtualized: only what is on screen is in the DOM. */
const VIRTUALIZE_ABOVE = 150;

interface Props {
  rows: ListRow[];
  selectedId: string | undefined;
  onSelect(id: string): void;
  onToggleGroup(key: string): void;
}

function Row({ row, selectedId, onSelect, onToggleGroup }: { row: ListRow } & Omit<Props, 'rows'>) {
  return row.type === 'group' ? (
    <GroupHeader group={row.group} collapsed={row.collapsed} onToggle={onToggleGroup} />
  ) : (
    <FindingRow finding={row.finding} selected={row.finding.id === selectedId} onSelect={onSelect} />
  );
}

const rowKey = (row: ListRow) => (row.type === 'group' ? `g:${row.group.key}` : `f:${row.finding.id}`);

export function FindingsList(props: Props) {
  return props.rows.length > VIRTUALIZE_ABOVE ? <VirtualList {...props} /> : <PlainList {...props} />;
}

function PlainList({ rows, selectedId, ...rest }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!selectedId) return;
    ref.current?.querySelector(`[data-finding-id="${CSS.escape(selectedId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  return (
    <div className="findings-scroll" ref={ref} aria-label="Findings" role="list" data-virtualized="false">
      {rows.map((row) => (
        <div role="listitem" key={rowKey(row)}>
          <Row row={row} selectedId={selectedId} {...rest} />
        </div>
      ))}
    </div>
  );
}

function VirtualList({ rows, selectedId, ...rest }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  // No React Compiler here: the virtualizer's changing functions are fine in a plain component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => ref.current,
    estimateSize: (i) => (rows[i]?.type === 'group' ? 34 : 58),
    getItemKey: (i) => rowKey(rows[i]!),
    overscan: 8,
  });
  const selectedIndex = selectedId ? rows.findIndex((r) => r.type === 'finding' && r.finding.id === selectedId) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'center' });
  }, [selectedIndex, virtualizer]);
  return (
    <div className="findings-scroll" ref={ref} aria-label="Findings" role="list" data-virtualized="true">
      <div className="virtual-space" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            role="listitem"
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            // React applies style through the CSSOM, which the no-inline-style CSP allows.
            style={{ transform: `translateY(${item.start}px)` }}
            className="virtual-row"
          >
            <Row row={rows[item.index]!} selectedId={selectedId} {...rest} />
          </div>
        ))}
      </div>
    </div>
  );
}
