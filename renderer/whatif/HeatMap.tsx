// A two-field sweep as a heat map: rows the first field's values, columns the second's,
// each cell coloured by the chosen figure as its point comes in (pending cells stay empty,
// a point the change made invalid is hatched and says why). A table, so it reads as one.
import type { PointResult } from '../../api/whatIf';
import { pointValue, type SweepMetric } from './sweepMetrics';
import { fmtValue } from './format';

/** Light to dark blue; t from 0 to 1. */
function color(t: number): string {
  const l = 94 - t * 58;
  return `hsl(214 70% ${l}%)`;
}

export function HeatMap({ axes, points, metric }: { axes: { path: string; values: number[] }[]; points: PointResult[]; metric: SweepMetric }) {
  const [rowsAxis, colsAxis] = axes;
  const byIndex = new Map(points.map((p) => [p.index, p]));
  const means = points.map((p) => pointValue(p, metric.key)?.mean).filter((v): v is number => typeof v === 'number');
  const min = Math.min(...means);
  const max = Math.max(...means);
  const scale = (v: number) => (max > min ? (v - min) / (max - min) : 0.5);
  return (
    <div className="heatmap-box">
      <p className="small heatmap-axes">
        Rows: <code>{rowsAxis.path}</code> · columns: <code>{colsAxis.path}</code> · {metric.label}
      </p>
      <table className="heatmap" aria-label={`Heat map of ${metric.label} by ${rowsAxis.path} (rows) and ${colsAxis.path} (columns)`} data-testid="heatmap">
        <thead>
          <tr>
            <th scope="col" className="heatmap-corner">
              rows ╲ columns
            </th>
            {colsAxis.values.map((v) => (
              <th key={v} scope="col">
                {v}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rowsAxis.values.map((rv, i) => (
            <tr key={rv}>
              <th scope="row">{rv}</th>
              {colsAxis.values.map((cv, j) => {
                const p = byIndex.get(i * colsAxis.values.length + j);
                if (!p) return <td key={cv} data-state="pending" title="not done yet" />;
                if (!p.ok)
                  return (
                    <td key={cv} data-state="invalid" className="invalid" title={p.problem}>
                      invalid
                    </td>
                  );
                const v = pointValue(p, metric.key);
                const mean = v?.mean ?? null;
                const t = mean === null ? 0 : scale(mean);
                return (
                  <td
                    key={cv}
                    data-state="done"
                    style={mean === null ? undefined : { background: color(t), color: t > 0.55 ? '#fff' : '#1b2430' }}
                    title={`${rowsAxis.path} = ${rv}, ${colsAxis.path} = ${cv}: ${fmtValue(mean, metric.unit)}${v?.lo != null && v.hi != null ? ` (${fmtValue(v.lo, metric.unit)} … ${fmtValue(v.hi, metric.unit)})` : ''}`}
                  >
                    {fmtValue(mean, metric.unit)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {means.length > 0 && (
        <div className="heatmap-legend" aria-hidden="true">
          <span>{fmtValue(min, metric.unit)}</span>
          <span className="heatmap-ramp" />
          <span>{fmtValue(max, metric.unit)}</span>
        </div>
      )}
    </div>
  );
}
