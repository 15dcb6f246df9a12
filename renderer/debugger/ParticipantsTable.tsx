// Every participant of a run at the scrubbed moment: virtualized rows, fetched a
// page at a time from the host, sortable by score, status and progress. The table owns
// its order: a header click toggles it, and an order the host cannot give mid-run
// falls back to id order with a notice saying why.
import { memo, useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ParticipantFilter, ParticipantRow, SortKey } from '../../api/contract';
import { cleanFilter } from '../state/participantFilter';
import { api } from '../api';
import { notify, notifyError } from '../state/notices';
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
// Every column keeps a minimum width, so a narrow window scrolls sideways rather than dropping one.
const GRID = 'minmax(84px,1.6fr) minmax(70px,1fr) minmax(44px,0.7fr) minmax(50px,1.2fr) minmax(42px,0.6fr) minmax(42px,0.6fr) minmax(38px,0.6fr) minmax(64px,0.9fr)';

export type TableProps = {
  runId: string;
  atSeq: number;
  selected: string | null;
  onSelect(id: string): void;
  /** Only the participants that match (the host filters; paging works the same). */
  filter?: ParticipantFilter;
  /** Told how many rows the table has (after filtering) whenever a page arrives. */
  onTotal?(total: number): void;
};

const BY_ID: { key: SortKey; desc: boolean } = { key: 'id', desc: false };

/** Memoized: it follows the settled event, not every render of the debugger while scrubbing. */
export const ParticipantsTable = memo(function ParticipantsTable({ runId, atSeq, selected, onSelect, filter: rawFilter, onTotal }: TableProps) {
  const filter = cleanFilter(rawFilter);
  const filterKey = filter ? JSON.stringify(filter) : '';
  const [order, setOrder] = useState(BY_ID);
  const { key: sort, desc } = order;
  // A second click on a column reverses it; scores and progress start highest first.
  const onSort = (k: SortKey) => setOrder((o) => ({ key: k, desc: o.key === k ? !o.desc : k === 'score' || k === 'progress' }));
  const scroller = useRef<HTMLDivElement>(null);
  const key = `${runId}|${atSeq}|${sort}|${desc}|${filterKey}`;
  // Rows shown, with the key they belong to: old rows stay until the new moment's rows arrive
  // (no flicker while scrubbing).
  const [shown, setShown] = useState<{ key: string; total: number; pages: Map<number, ParticipantRow[]> }>({ key: '', total: 0, pages: new Map() });
  const virtualizer = useVirtualizer({ count: shown.total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  // One request at a time, always for the newest moment and order: a fast scrub sends a
  // handful of requests, never a queue that would hold up the inspector's.
  const live = useRef({ key, args: { runId, atSeq, sort, desc, filter }, visible: [0], busy: false, shown });
  live.current.key = key;
  live.current.args = { runId, atSeq, sort, desc, filter };
  live.current.visible = [0, ...pagesFor(first, last)];
  live.current.shown = shown;
  const pump = useRef<() => void>(() => {});
  const onTotalRef = useRef(onTotal);
  onTotalRef.current = onTotal;
  pump.current = () => {
    const l = live.current;
    if (l.busy) return;
    const have = l.shown.key === l.key ? l.shown.pages : new Map<number, ParticipantRow[]>();
    const page = l.visible.find((p) => !have.has(p));
    if (page === undefined) return;
    const k = l.key;
    const a = l.args;
    l.busy = true;
    api()
      .call('runs.participants', { ...a, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
      .then((res) => {
        if (live.current.key !== k) return;
        setShown((old) => {
          const pages = old.key === k ? new Map(old.pages) : new Map<number, ParticipantRow[]>();
          pages.set(page, res.rows);
          const next = { key: k, total: res.total, pages };
          live.current.shown = next;
          return next;
        });
        onTotalRef.current?.(res.total);
      })
      .catch((err) => {
        if (live.current.key !== k) return;
        if ((err as { code?: string }).code === 'conflict') {
          // The host cannot sort this many participants in the middle of a run; the message says why.
          notify(String((err as Error).message), 'info', 'debugger');
          setOrder(BY_ID);
        } else notifyError(err, 'Reading participants');
      })
      .finally(() => {
        live.current.busy = false;
        pump.current();
      });
  };
  useEffect(() => pump.current(), [key, first, last, shown]);

  const rowAt = (i: number): ParticipantRow | undefined => shown.pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE];

  return (
    <div className="ptable" role="table" aria-label="Participants" aria-rowcount={shown.total + 1}>
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
        {shown.total === 0 && (
          <p className="muted pad">{shown.key === '' ? 'Loading participants…' : filter ? 'No participant matches these filters at this point of the run.' : 'No participants have joined at this point of the run.'}</p>
        )}
      </div>
    </div>
  );
});
