// A scrolling list that renders only the rows in view (@tanstack/react-virtual), so the
// console stays quick with 2,000 teams or a long activity feed. Rows have a fixed height.
import { useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

type Props<T> = {
  items: readonly T[];
  rowHeight: number;
  /** The list's accessible name. */
  label: string;
  keyOf: (item: T) => string;
  row: (item: T, index: number) => ReactNode;
  empty?: ReactNode;
  className?: string;
};

export function VirtualList<T>({ items, rowHeight, label, keyOf, row, empty, className }: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 10, getItemKey: (i) => keyOf(items[i]) });
  return (
    <div ref={scroller} className={`vlist ${className ?? ''}`} role="list" aria-label={label}>
      {items.length === 0 && empty}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((v) => (
          <div key={v.key} role="listitem" className="vlist-row" style={{ height: rowHeight, transform: `translateY(${v.start}px)` }}>
            {row(items[v.index], v.index)}
          </div>
        ))}
      </div>
    </div>
  );
}
