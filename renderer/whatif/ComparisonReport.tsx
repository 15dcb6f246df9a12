// A comparison of design A and design B side by side (compare, and a fork against its
// original continuation): headline figures with B − A, its interval and the verdict
// (called only where the interval excludes zero), the per-step differences, the score and
// finish-time distributions of both overlaid, and the funnel of A against B.
import { useMemo, useRef, useState } from 'react';
import type { Comparison, MetricDifference } from '../../api/whatIf';
import { ChartFrame } from '../components/ChartFrame';
import { Plot, barOptions } from '../components/Plot';
import { Segmented } from '../components/Segmented';
import { fmtDuration, fmtInt } from '../lib/format';
import { fmtDiff, fmtInterval, fmtValue, verdictText } from './format';

export const COLOR_A = '#8a94a6';
export const COLOR_B = '#2f6fdb';

export function ComparisonReport({ c, names }: { c: Comparison; names: { a: string; b: string } }) {
  const headline = c.metrics.filter((m) => m.step === undefined);
  const perStep = c.metrics.filter((m) => m.step !== undefined);
  const called = perStep.filter((m) => m.verdict !== null);
  const [allSteps, setAllSteps] = useState(false);
  return (
    <div className="whatif-report">
      <p className="muted small" data-testid="comparison-basis">
        {c.runs} run{c.runs === 1 ? '' : 's'} a design × {fmtInt(c.participants)} participants, seeds {c.seeds[0]}–{c.seeds[c.seeds.length - 1]}, the same participants playing both.
        Differences are B − A averaged over the run pairs, with {Math.round(c.level * 100)}% intervals from {fmtInt(c.resamples)} bootstrap resamples; a difference is called only where its
        interval excludes zero.
      </p>
      <DifferenceTable title="Headline figures" rows={headline} names={names} />
      <div className="actions">
        <h3 className="grow">
          Steps: {called.length === 0 ? `no difference called in any of the ${perStep.length} per-step figures` : `${called.length} of ${perStep.length} per-step figures differ`}
        </h3>
        <label className="check">
          <input type="checkbox" checked={allSteps} onChange={(e) => setAllSteps(e.target.checked)} /> Show every per-step figure
        </label>
      </div>
      {(allSteps ? perStep : called).length > 0 && <DifferenceTable title="Per-step figures" rows={allSteps ? perStep : called} names={names} />}
      {(c.stepsOnlyInA.length > 0 || c.stepsOnlyInB.length > 0) && (
        <p className="muted small">
          {c.stepsOnlyInA.length > 0 && <>Only in A (not compared): {c.stepsOnlyInA.join(', ')}. </>}
          {c.stepsOnlyInB.length > 0 && <>Only in B (not compared): {c.stepsOnlyInB.join(', ')}.</>}
        </p>
      )}
      <div className="charts">
        <Funnel c={c} names={names} />
        <Overlay title="Score distribution" what="score" hist={c.distributions.score} names={names} fmt={(v) => fmtInt(v)} />
        <Overlay title="Finish time distribution (finishers)" what="finish time" hist={c.distributions.finishTime} names={names} fmt={fmtDuration} />
      </div>
    </div>
  );
}

function DifferenceTable({ title, rows, names }: { title: string; rows: MetricDifference[]; names: { a: string; b: string } }) {
  return (
    <div className="scroll-box whatif-table">
      <table className="data" aria-label={title}>
        <thead>
          <tr>
            <th>Figure</th>
            <th className="num" title={names.a}>
              A
            </th>
            <th className="num" title={names.b}>
              B
            </th>
            <th className="num">B − A</th>
            <th className="num">Interval</th>
            <th>Verdict</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.key} data-metric={m.key} data-verdict={m.verdict ?? 'none'} className={m.verdict ? `verdict-${m.verdict}` : undefined}>
              <td>{m.label}</td>
              <td className="num">{fmtValue(m.a, m.unit)}</td>
              <td className="num">{fmtValue(m.b, m.unit)}</td>
              <td className="num">{fmtDiff(m.diff, m.unit)}</td>
              <td className="num">{fmtInterval(m.ci, m.unit)}</td>
              <td className="verdict">{verdictText(m)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Funnel({ c, names }: { c: Comparison; names: { a: string; b: string } }) {
  const [what, setWhat] = useState<'reached' | 'solved'>('reached');
  const rows = useMemo(() => c.metrics.filter((m) => m.key.endsWith(`/${what}`) && m.step !== undefined), [c, what]);
  const labels = useRef<string[]>([]);
  labels.current = rows.map((m) => m.step!);
  const data = useMemo(() => [rows.map((_, i) => i), rows.map((m) => (m.a ?? 0) * 100), rows.map((m) => (m.b ?? 0) * 100)] as [number[], number[], number[]], [rows]);
  return (
    <ChartFrame
      wide
      title={`Funnel: A against B (share who ${what} each step)`}
      table={{ columns: ['Step', `A ${what}`, `B ${what}`, 'B − A'], rows: rows.map((m) => [m.step!, fmtValue(m.a, 'share'), fmtValue(m.b, 'share'), fmtDiff(m.diff, 'share')]) }}
      note={<Segmented label="Funnel figure" value={what} options={[{ value: 'reached', label: 'Reached' }, { value: 'solved', label: 'Solved' }]} onChange={setWhat} />}
    >
      <Plot
        shapeKey={`funnel-${rows.length}`}
        label={`Share of participants who ${what} each step, A against B`}
        data={data}
        options={(size) => barOptions(size, [{ label: `A: ${names.a} (%)`, fill: COLOR_A }, { label: `B: ${names.b} (%)`, fill: COLOR_B }], () => labels.current, 'step', labels.current.length > 6)}
      />
    </ChartFrame>
  );
}

function Overlay({ title, what, hist, names, fmt }: { title: string; what: string; hist: Comparison['distributions']['score']; names: { a: string; b: string }; fmt: (v: number) => string }) {
  const labels = useRef<string[]>([]);
  labels.current = hist.a.map((h) => fmt(h.from));
  const data = useMemo(() => [hist.a.map((_, i) => i), hist.a.map((h) => h.count), hist.b.map((h) => h.count)] as [number[], number[], number[]], [hist]);
  return (
    <ChartFrame
      title={title}
      table={hist.a.length ? { columns: [what, 'A', 'B'], rows: hist.a.map((h, i) => [`${fmt(h.from)} – ${fmt(h.to)}`, h.count, hist.b[i]?.count ?? 0]) } : null}
    >
      {hist.a.length ? (
        <Plot shapeKey={`${what}-${hist.a.length}`} label={`${title}: A and B overlaid, all runs pooled`} data={data} options={(size) => barOptions(size, [{ label: `A: ${names.a}`, fill: 'rgba(138,148,166,.75)' }, { label: `B: ${names.b}`, fill: 'rgba(47,111,219,.75)' }], () => labels.current, `${what} from`)} />
      ) : (
        <div className="empty">No values (nobody finished in either design).</div>
      )}
    </ChartFrame>
  );
}
