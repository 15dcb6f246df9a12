// A step's window (hunt/2: opening, closing, the participant's own deadline and what
// the clock alone does next) in words, for the inspector and the playtest.
import type { StepDetail } from '../../api/contract';
import { fmtDuration } from '../lib/format';

/** A step's window in words, e.g. "opens 30:00 · closes 1:20:00 · fails at 1:20:00 unless done"; '' when it has none. */
export function windowText(s: StepDetail): string {
  const w = s.window;
  const parts: string[] = [];
  if (w.next?.kind === 'opens') parts.push(`opens at ${fmtDuration(w.next.at)}`);
  else if (w.opensAt !== null) parts.push(`opens ${fmtDuration(w.opensAt)}`);
  if (w.closesAt !== null) parts.push(`closes ${fmtDuration(w.closesAt)}`);
  if (w.deadlineAt !== null && s.status !== 'solved' && s.status !== 'failed') parts.push(`deadline ${fmtDuration(w.deadlineAt)}`);
  if (w.next?.kind === 'fails') parts.push(`fails at ${fmtDuration(w.next.at)} unless done`);
  return parts.join(' · ');
}
