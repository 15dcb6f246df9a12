// How a replay result is shown: the ranked table and rejected-lines summary for
// people, and the spec §4 JSON produced in pieces (a log with millions of rejected
// lines must not need one giant string).
import type { ParticipantResult, RejectionReason } from '../log/types';
import { compareCodePoints } from './order';
import type { ReplayOutcome } from './replay';
import type { RejectionList } from './rejections';

export type RankedParticipant = ParticipantResult & { rank: number };

/**
 * Score descending, then finish time ascending (participants who did not finish
 * after those who did), then id in code-point order. Participants equal in score
 * and finish time share a rank ("1, 2, 2, 4").
 */
export function rankParticipants(participants: readonly ParticipantResult[]): RankedParticipant[] {
  const finish = (p: ParticipantResult) => p.finishedAt ?? Infinity;
  const sorted = [...participants].sort((a, b) => b.score - a.score || finish(a) - finish(b) || compareCodePoints(a.id, b.id));
  const ranked: RankedParticipant[] = [];
  sorted.forEach((p, k) => {
    const prev = ranked[k - 1];
    const tied = prev !== undefined && prev.score === p.score && finish(prev) === finish(p);
    ranked.push({ ...p, rank: tied ? prev.rank : k + 1 });
  });
  return ranked;
}

/** A number as people read it: up to 3 decimals, no trailing zeros. */
export function formatSeconds(t: number): string {
  return String(Math.round(t * 1000) / 1000);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The ranked table, columns aligned; text columns left, numbers right. */
export function formatRankingTable(participants: readonly ParticipantResult[], pending?: ReadonlyMap<string, number>): string {
  if (participants.length === 0) return 'No participants joined.\n';
  // hunt/2: a Pending column (judged steps awaiting judgement) after Failed.
  const withPending = pending !== undefined;
  const header = ['Rank', 'Participant', 'Status', 'Score', 'Solved', 'Failed', ...(withPending ? ['Pending'] : []), 'Finished at'];
  const right = [true, false, false, true, true, true, ...(withPending ? [true] : []), true];
  const rows = rankParticipants(participants).map((p) => [
    String(p.rank),
    p.id,
    p.status,
    String(p.score),
    String(p.solved.length),
    String(p.failed.length),
    ...(withPending ? [String(pending.get(p.id) ?? 0)] : []),
    p.finishedAt === null ? '-' : formatSeconds(p.finishedAt),
  ]);
  const width = (s: string) => [...s].length;
  const widths = header.map((h, c) => Math.max(width(h), ...rows.map((r) => width(r[c]))));
  const pad = (s: string, c: number) => {
    const fill = ' '.repeat(widths[c] - width(s));
    return right[c] ? fill + s : s + fill;
  };
  return [header, ...rows].map((r) => r.map(pad).join('  ').trimEnd()).join('\n') + '\n';
}

/** hunt/2: how many submissions await judgement, and from how many participants ('' for hunt/1). */
export function formatPendingSummary(pending: ReadonlyMap<string, number> | undefined): string {
  if (pending === undefined) return '';
  let steps = 0;
  for (const n of pending.values()) steps += n;
  if (steps === 0) return 'No submissions awaiting judgement.\n';
  return `Awaiting judgement: ${plural(steps, 'submission')} from ${plural(pending.size, 'participant')} (in neither solved nor failed).\n`;
}

/** "line 4", "lines 4, 9 and 12", "lines 4, 9, 12, … and 340 more". */
export function formatLineList(lines: readonly number[], shown = 10): string {
  if (lines.length === 1) return `line ${lines[0]}`;
  if (lines.length <= shown) return `lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`;
  return `lines ${lines.slice(0, shown).join(', ')} and ${(lines.length - shown).toLocaleString('en-US')} more`;
}

export function formatRejectionSummary(rejections: RejectionList): string {
  if (rejections.length === 0) return 'No rejected lines.\n';
  const groups = rejections.byReason();
  const width = Math.max(...[...groups.keys()].map((r) => r.length));
  const out = [`Rejected lines: ${rejections.length.toLocaleString('en-US')}`];
  for (const [reason, lines] of groups as Map<RejectionReason, number[]>) {
    out.push(`  ${reason.padEnd(width)}  ${String(lines.length).padStart(6)}  ${formatLineList(lines)}`);
  }
  return out.join('\n') + '\n';
}

/** The whole human report: a summary line, the ranked table, the rejected lines. */
export function formatReplayReport(o: ReplayOutcome, untilGiven: boolean): string {
  const head =
    `Hunt ${o.hunt}: ${plural(o.events, 'event')} read, ${o.applied.toLocaleString('en-US')} applied, ` +
    `${o.rejections.length.toLocaleString('en-US')} rejected; ${plural(o.participants.length, 'participant')}; ` +
    `${untilGiven ? 'results at' : 'log ends at'} t = ${formatSeconds(o.endTime)} s`;
  return `${head}\n\n${formatRankingTable(o.participants, o.pending)}${formatPendingSummary(o.pending)}\n${formatRejectionSummary(o.rejections)}`;
}

/**
 * The spec §4 JSON, in pieces: one rejection or participant a line, so the output
 * can be written as it is produced. Numbers are printed exactly as computed.
 */
export function* replayJsonPieces(o: ReplayOutcome): Generator<string> {
  yield `{\n  "hunt": ${JSON.stringify(o.hunt)},\n  "events": ${o.events},\n  "applied": ${o.applied},\n  "rejected": [`;
  for (let k = 0; k < o.rejections.length; k++) {
    yield `${k === 0 ? '\n' : ',\n'}    {"line": ${o.rejections.lineAt(k)}, "reason": "${o.rejections.reasonAt(k)}"}`;
  }
  yield `${o.rejections.length > 0 ? '\n  ' : ''}],\n  "endTime": ${JSON.stringify(o.endTime)},\n  "participants": [`;
  for (let k = 0; k < o.participants.length; k++) {
    const p = o.participants[k];
    const json = JSON.stringify({
      id: p.id,
      status: p.status,
      score: p.score,
      solved: p.solved,
      failed: p.failed,
      hintsUsed: p.hintsUsed,
      finishedAt: p.finishedAt,
    });
    yield `${k === 0 ? '\n' : ',\n'}    ${json}`;
  }
  yield `${o.participants.length > 0 ? '\n  ' : ''}]\n}\n`;
}
