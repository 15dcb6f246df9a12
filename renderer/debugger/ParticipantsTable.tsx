// Every participant of a run at the scrubbed moment: virtualized rows, fetched a
// page at a time from the host, sortable by score, status and progress.
import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ParticipantRow, SortKey } from '../../api/contract';
import { api } from '../api';
import { notifyError } from '../state/notices';
import { PAGE_SIZE, pagesFor } from './pages';
import { fmtDuration, fmtInt } from '../lib/format';

const COLUMNS: { key: SortKey | null; label: string; num?: boolean }[] = [
  { key: 'id', label: 'Participant' },
  { key: 'status', label: 'Status' },
  { key: 'score', label: 'Score', num: true },
  { key: 'progress', label: 'Progress' },
  { key: null, label: 'Solved', num: true },
  { key: null, label: 'Failed', num: true },
  { key: null, label: 'Hints', num: true },
  { key: 'finishedAt', label: 'Finished at', num: true },
];
const ROW_HEIGHT = 28;
const GRID = '1.6fr 1fr 0.7fr 1.2fr 0.6fr 0.6fr 0.6fr 0.9fr';

export type TableProps = {
  runId: string;
  atSeq: number;
  sort: SortKey;
  desc: boolean;
  onSort(key: SortKey): void;
  selected: string | null;
  onSelect(id: string): void;
};

export function ParticipantsTable({ runId, atSeq, sort, desc, onSort, selected, onSelect }: TableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [total, setTotal] = useState(0);
  const [pages, setPages] = useState<Map<number, ParticipantRow[]>>(new Map());
  const inFlight = useRef(new Set<string>());
  const key = `${runId}|${atSeq}|${sort}|${desc}`;
  const keyRef = useRef(key);

  // A new moment or order: keep showing the old rows until the new ones arrive (no flicker while scrubbing).
  useEffect(() => {
    keyRef.current = key;
    inFlight.current.clear();
    void load(0, true);
  }, [key]);

  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  async function load(page: number, reset = false) {
    const k = keyRef.current;
    const tag = `${k}#${page}`;
    if (inFlight.current.has(tag)) return;
    inFlight.current.add(tag);
    try {
      const res = await api().call('runs.participants', { runId, atSeq, sort, desc, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
      if (keyRef.current !== k) return;
      setTotal(res.total);
      setPages((old) => {
        const next = reset ? new Map<number, ParticipantRow[]>() : new Map(old);
        next.set(page, res.rows);
        return next;
      });
    } catch (err) {
      notifyError(err, 'Reading participants');
    } finally {
      inFlight.current.delete(tag);
    }
  }

  useEffect(() => {
    for (const p of pagesFor(first, last)) if (!pages.has(p)) void load(p);
  }, [first, last, pages]);

  const rowAt = (i: number): ParticipantRow | undefined => pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE];

  return (
    <div className="ptable" role="table" aria-label="Participants" aria-rowcount={total + 1}>
      <div className="ptable-head" role="row" style={{ gridTemplateColumns: GRID }}>
        {COLUMNS.map((c) =>
          c.key ? (
            <div key={c.label} role="columnheader" aria-sort={sort === c.key ? (desc ? 'descending' : 'ascending') : 'none'} className={c.num ? 'num' : undefined}>
              <button type="button" className="sort" onClick={() => onSort(c.key!)} aria-label={`Sort by ${c.label.toLowerCase()}`}>
                {c.label}
                {sort === c.key ? (desc ? ' ▼' : ' ▲') : ''}
              </button>
            </div>
          ) : (
            <div key={c.label} role="columnheader" className={c.num ? 'num' : undefined}>
              {c.label}
            </div>
          ),
        )}
      </div>
      <div className="ptable-body" ref={scroller}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={row?.id === selected}
                className={`ptable-row ${row?.id === selected ? 'is-selected' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT, gridTemplateColumns: GRID }}
                onClick={() => row && onSelect(row.id)}
              >
                {row ? (
                  <>
                    <div role="cell">
                      <button type="button" className="link" aria-label={`Inspect participant ${row.id}`} onClick={() => onSelect(row.id)}>
                        {row.id}
                      </button>
                    </div>
                    <div role="cell">
                      <span className={`pill pill-${row.status}`}>{row.status.replace('_', ' ')}</span>
                    </div>
                    <div role="cell" className="num">{fmtInt(row.score)}</div>
                    <div role="cell">
                      <span className="bar" aria-label={`${Math.round(row.progress * 100)}% of steps done`}>
                        <span style={{ width: `${row.progress * 100}%` }} />
                      </span>
                    </div>
                    <div role="cell" className="num">{row.solved}</div>
                    <div role="cell" className="num">{row.failed}</div>
                    <div role="cell" className="num">{row.hintsUsed}</div>
                    <div role="cell" className="num">{fmtDuration(row.finishedAt)}</div>
                  </>
                ) : (
                  <div role="cell" className="muted">…</div>
                )}
              </div>
            );
          })}
        </div>
        {total === 0 && <p className="muted pad">No participants have joined at this point of the run.</p>}
      </div>
    </div>
  );
}
