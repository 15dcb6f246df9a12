// Text output shared by the what-if commands (compare, sweep, fork): figures in the
// unit people read them in, and the table of differences with their intervals.
import type { MetricDifference } from '../engine/whatif/compare';
import type { MetricUnit } from '../engine/whatif/metrics';
import { formatDuration } from './commands/simulate';

export function formatValue(v: number | null, unit: MetricUnit): string {
  if (v === null) return '–';
  switch (unit) {
    case 'share':
      return `${(v * 100).toFixed(1)}%`;
    case 'seconds':
      return formatDuration(v);
    case 'points':
      return String(Math.round(v * 10) / 10);
    case 'per-participant':
      return v.toFixed(2);
  }
}

/** A difference: shares in percentage points, times in signed seconds. */
export function formatDelta(v: number | null, unit: MetricUnit): string {
  if (v === null) return '–';
  const sign = v > 0 ? '+' : v < 0 ? '−' : '±';
  const a = Math.abs(v);
  switch (unit) {
    case 'share':
      return `${sign}${(a * 100).toFixed(1)} pts`;
    case 'seconds':
      return `${sign}${a < 60 ? `${a.toFixed(1)}s` : formatDuration(a)}`;
    case 'points':
      return `${sign}${Math.round(a * 10) / 10}`;
    case 'per-participant':
      return `${sign}${a.toFixed(2)}`;
  }
}

export function table(head: string[], rows: string[][], rightFrom = 1): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i >= rightFrom ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

const VERDICT = { higher: 'B higher', lower: 'B lower' } as const;

/** Rows of metrics: A, B, B − A, its interval and the verdict (empty when none is called). */
export function differenceTable(metrics: MetricDifference[], labels: { a: string; b: string } = { a: 'A', b: 'B' }, level = 0.95): string {
  return table(
    ['metric', labels.a, labels.b, `${labels.b} − ${labels.a}`, `${Math.round(level * 100)}% interval`, ''],
    metrics.map((m) => [
      m.label,
      formatValue(m.a, m.unit),
      formatValue(m.b, m.unit),
      formatDelta(m.diff, m.unit),
      m.ci ? `[${formatDelta(m.ci.lo, m.unit)}, ${formatDelta(m.ci.hi, m.unit)}]` : '–',
      m.verdict ? VERDICT[m.verdict] : '',
    ]),
  );
}
