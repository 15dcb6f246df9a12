// How what-if figures read: by their unit (a share as a percentage, a difference of
// shares in percentage points, seconds as h:mm:ss), and the verdict in words.
import type { MetricDifference, MetricInfo } from '../../api/whatIf';
import { fmtDuration } from '../lib/format';

type Unit = MetricInfo['unit'];

export function fmtValue(v: number | null | undefined, unit: Unit): string {
  if (v == null) return '–';
  if (unit === 'share') return `${(v * 100).toFixed(1)}%`;
  if (unit === 'seconds') return fmtDuration(v);
  if (unit === 'points') return (Math.round(v * 10) / 10).toLocaleString('en-US');
  return v.toFixed(2);
}

/** A difference, signed: +3.2 pp, −0:45, +12.5. */
export function fmtDiff(v: number | null | undefined, unit: Unit): string {
  if (v == null) return '–';
  const sign = v > 0 ? '+' : v < 0 ? '−' : '±';
  const a = Math.abs(v);
  if (unit === 'share') return `${sign}${(a * 100).toFixed(1)} pp`;
  if (unit === 'seconds') return `${sign}${fmtDuration(a)}`;
  if (unit === 'points') return `${sign}${(Math.round(a * 10) / 10).toLocaleString('en-US')}`;
  return `${sign}${a.toFixed(2)}`;
}

export function fmtInterval(ci: { lo: number; hi: number } | null, unit: Unit): string {
  if (!ci) return 'no interval';
  return `${fmtDiff(ci.lo, unit)} … ${fmtDiff(ci.hi, unit)}`;
}

export function verdictText(m: Pick<MetricDifference, 'verdict' | 'ci'>): string {
  if (m.verdict === 'higher') return 'B higher';
  if (m.verdict === 'lower') return 'B lower';
  return m.ci ? 'no difference called' : 'too few runs';
}
