// Why each step loses people: one row per step, its full title on the left, a bar as long
// as the number who reached it, split into solved, failed by its time limit, failed by
// attempts, quit or out of hunt time while on it, and still on it. Hovering a row shows
// every number; clicking a part opens those participants in the debugger.
import { useState } from 'react';
import type { StepDiagnostics, StepOutcomeFilter } from '../../api/contract';
import { fmtDuration, fmtInt } from '../lib/format';
import type { ChartTable } from '../components/ChartFrame';

type Part = { outcome: Exclude<StepOutcomeFilter, 'reached' | 'failed' | 'locked'>; label: string; count: (d: StepDiagnostics) => number };

export const PARTS: Part[] = [
  { outcome: 'solved', label: 'solved', count: (d) => d.solved },
  { outcome: 'failed-time-limit', label: 'failed: time limit', count: (d) => d.failedTimeLimit },
  { outcome: 'failed-attempts', label: 'failed: attempts', count: (d) => d.failedAttempts },
  { outcome: 'failed-other', label: 'failed: other', count: (d) => d.failedOther },
  { outcome: 'quit-on-it', label: 'quit on it', count: (d) => d.quitOnIt },
  { outcome: 'timed-out-on-it', label: 'hunt time ran out on it', count: (d) => d.timedOutOnIt },
  { outcome: 'open', label: 'still on it', count: (d) => d.open },
];

export function diagnosticsTable(steps: StepDiagnostics[]): ChartTable {
  return {
    columns: ['Step', 'Reached', ...PARTS.map((p) => p.label), 'Median time', 'p90 time', 'Hints', 'Wrong attempts'],
    rows: steps.map((d) => [d.title || d.step, d.reached, ...PARTS.map((p) => p.count(d)), fmtDuration(d.timeSpent.median), fmtDuration(d.timeSpent.p90), d.hints, d.wrongAttempts]),
  };
}

export function StepDiagnosticsChart({ steps, onPick }: { steps: StepDiagnostics[]; onPick(step: string, outcome: StepOutcomeFilter): void }) {
  const [tip, setTip] = useState<{ d: StepDiagnostics; x: number; y: number } | null>(null);
  const max = Math.max(1, ...steps.map((d) => d.reached));
  return (
    <div className="diag" onMouseLeave={() => setTip(null)}>
      <div className="diag-legend" aria-hidden="true">
        {/* Only the parts some bar has: a finished run has nobody "still on it". */}
        {PARTS.filter((p) => p.outcome === 'solved' || steps.some((d) => p.count(d) > 0)).map((p) => (
          <span key={p.outcome}>
            <span className={`swatch seg-${p.outcome}`} />
            {p.label}
          </span>
        ))}
      </div>
      {steps.map((d) => (
        <div key={d.step} className="diag-row" data-step={d.step} onMouseMove={(e) => setTip({ d, x: e.clientX, y: e.clientY })}>
          <button type="button" className="link diag-label" title={`List the ${d.reached} participants who reached it`} onClick={() => onPick(d.step, 'reached')}>
            {d.title || d.step}
          </button>
          <div className="diag-bar" style={{ width: `${(d.reached / max) * 100}%` }}>
            {PARTS.map((p) => {
              const n = p.count(d);
              if (n === 0) return null;
              return (
                <button
                  key={p.outcome}
                  type="button"
                  className={`diag-seg seg-${p.outcome}`}
                  style={{ width: `${(n / Math.max(1, d.reached)) * 100}%` }}
                  aria-label={`${d.title || d.step}: ${fmtInt(n)} ${p.label}; list them in the debugger`}
                  onFocus={(e) => {
                    const r = e.currentTarget.getBoundingClientRect();
                    setTip({ d, x: r.left, y: r.bottom });
                  }}
                  onBlur={() => setTip(null)}
                  onClick={() => onPick(d.step, p.outcome)}
                />
              );
            })}
          </div>
          <span className="diag-nums">
            {fmtInt(d.solved)} of {fmtInt(d.reached)} solved · {fmtDuration(d.timeSpent.median)}
          </span>
        </div>
      ))}
      {tip && <DiagnosticsTip d={tip.d} x={tip.x} y={tip.y} />}
    </div>
  );
}

function DiagnosticsTip({ d, x, y }: { d: StepDiagnostics; x: number; y: number }) {
  const left = Math.min(x + 14, window.innerWidth - 330);
  const top = Math.min(y + 14, window.innerHeight - 260);
  return (
    <div className="diag-tip" role="tooltip" style={{ left, top }} data-testid="diag-tip">
      <strong>{d.title || d.step}</strong>
      <table>
        <tbody>
          <tr><td>reached</td><td className="num">{fmtInt(d.reached)}</td></tr>
          {PARTS.map((p) => (
            <tr key={p.outcome}><td>{p.label}</td><td className="num">{fmtInt(p.count(d))}</td></tr>
          ))}
          <tr><td>time spent (median / p90)</td><td className="num">{fmtDuration(d.timeSpent.median)} / {fmtDuration(d.timeSpent.p90)}</td></tr>
          <tr><td>hints taken</td><td className="num">{fmtInt(d.hints)}</td></tr>
          <tr><td>wrong attempts</td><td className="num">{fmtInt(d.wrongAttempts)}</td></tr>
          <tr><td>time limit · max attempts</td><td className="num">{d.timeLimitSec === null ? 'none' : fmtDuration(d.timeLimitSec)} · {d.maxAttempts ?? 'unlimited'}</td></tr>
        </tbody>
      </table>
    </div>
  );
}
