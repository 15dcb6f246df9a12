// A chart with its numbers: every chart can be switched to a plain table of the values
// it draws (a toggle button, reachable by keyboard and read by screen readers), so the
// figures are there for anyone who cannot or would rather not read them off a picture.
import { useId, useState, type ReactNode } from 'react';
import './analysis.css';

export type ChartTable = { columns: string[]; rows: (string | number)[][] };

export function ChartFrame({ title, table, children, wide, note }: { title: string; table: ChartTable | null; children: ReactNode; wide?: boolean; note?: ReactNode }) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <section className={`chart${wide ? ' chart-wide' : ''}`} aria-labelledby={id}>
      <div className="chart-head">
        <h3 id={id}>{title}</h3>
        <span className="grow" />
        {table && (
          <button type="button" className="small-button" aria-pressed={asTable} aria-label={`Show the numbers of “${title}” as a table`} onClick={() => setAsTable((v) => !v)}>
            {asTable ? 'Chart' : 'Table'}
          </button>
        )}
      </div>
      {note}
      {asTable && table ? <NumbersTable title={title} table={table} /> : children}
    </section>
  );
}

function NumbersTable({ title, table }: { title: string; table: ChartTable }) {
  return (
    <div className="chart-table scroll-box">
      <table className="data" aria-label={`${title}: the numbers`}>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th key={c} className={i > 0 ? 'num' : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i}>
              {r.map((v, j) => (
                <td key={j} className={j > 0 ? 'num' : undefined}>
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
