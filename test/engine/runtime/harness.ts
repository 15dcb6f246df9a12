// Test harness for the sharded runtime: feeds log lines through LogFront (main thread)
// and then the runtime, the way the run pipeline does, and builds the spec §4 result;
// plus a seeded synthetic log with many participants that exercises every rule.
import type { Hunt } from '../../../engine/hunt/schema';
import { isBlankLine, LogFront } from '../../../engine/log/front';
import type { Rejection, RejectionReason, ReplayResult } from '../../../engine/log/types';
import type { ShardedRuntime } from '../../../engine/runtime/shardedRuntime';
import { LineBatchBuilder, VERDICT_PENDING } from '../../../engine/batch/lineBatch';
import { seededUniform } from '../../../engine/sim/random';

/** Feeds a log to a runtime in batches; can stop and go on (possibly with another runtime). */
export class LogFeeder {
  readonly front: LogFront;
  /** Verdict of every non-blank line by seq (index seq - 1): null = applied. */
  readonly verdicts: (RejectionReason | null)[] = [];
  /** Seqs of the events sent to the runtime (the lines LogFront accepted). */
  readonly sentSeqs = new Set<number>();
  private lineNo = 0;
  private seq = 0;

  /**
   * `wire`: how the batches are made: from the parsed events (`events`: each line is the
   * event's JSON text) or from the log's lines as they are (`lines`, as the durable pipeline
   * does). Either way the workers parse each line once.
   */
  constructor(
    private readonly lines: string[],
    private readonly wire: 'events' | 'lines' = 'events',
    format = 'hunt/1',
  ) {
    this.front = new LogFront(format);
  }

  /** Lines fed so far. */
  get position(): number {
    return this.lineNo;
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** Feeds lines up to (not including) index `end`, keeping up to the runtime's in-flight bound busy. */
  async feed(rt: ShardedRuntime, end = this.lines.length, batchSize = 16): Promise<void> {
    let batch = new LineBatchBuilder(batchSize);
    const pending: Promise<void>[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const sent = batch.finish();
      batch = new LineBatchBuilder(batchSize);
      const { verdicts } = await rt.enqueue(sent);
      // Every row of `sent` is pending: its verdicts come in its row order.
      pending.push(verdicts.then((vs) => vs.forEach((v, k) => (this.verdicts[sent.seq[k] - 1] = v))));
    };
    while (this.lineNo < end) {
      const text = this.lines[this.lineNo++];
      const verdict = this.front.acceptLine(text);
      if (verdict === null) continue;
      this.seq++;
      if (!verdict.ok) {
        this.verdicts[this.seq - 1] = verdict.reason;
        continue;
      }
      const e = verdict.event;
      batch.add(this.wire === 'events' ? JSON.stringify(e) : text, this.seq, this.lineNo, e.t, e.p, e.type, VERDICT_PENDING);
      this.sentSeqs.add(this.seq);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await Promise.all(pending);
  }

  /**
   * Moves past the first `end` lines without sending them (they were applied before a
   * checkpoint): only the LogFront clock and the line and seq counters advance.
   */
  skip(end: number): void {
    while (this.lineNo < end) {
      const verdict = this.front.acceptLine(this.lines[this.lineNo++]);
      if (verdict !== null) this.seq++;
    }
  }

  /** Lines fed so far that were rejected, with their line numbers. */
  rejections(): Rejection[] {
    const out: Rejection[] = [];
    let seq = 0;
    for (let i = 0; i < this.lineNo; i++) {
      if (isBlankLine(this.lines[i])) continue;
      const reason = this.verdicts[seq++];
      if (reason) out.push({ line: i + 1, reason });
    }
    return out;
  }

  /** Finalizes at the log clock and takes the spec §4 result. */
  async result(rt: ShardedRuntime, huntId: string): Promise<ReplayResult> {
    await rt.finalize(this.front.clock);
    const rejected = this.rejections();
    return {
      hunt: huntId,
      events: this.seq,
      applied: this.seq - rejected.length,
      rejected,
      endTime: this.front.clock,
      participants: await rt.results(),
    };
  }
}

/** The synthetic logs are the same on every run. */
export const prng = seededUniform;

/** Batches in flight of the runtimes these tests start (a run takes its bound from host/tuning.ts; this was the runtime's old default). */
export const IN_FLIGHT = 4;

/** A hunt with every kind of step, hints, attempt limits and short time limits (so deadlines matter). */
export const SYNTHETIC_HUNT: Hunt = {
  format: 'hunt/1',
  id: 'synthetic',
  title: 'Synthetic',
  timeLimitSec: 400,
  wrongAnswerPenalty: 5,
  locations: [
    { id: 'gate', lat: 10, lon: 10, radiusM: 30 },
    { id: 'tower', lat: 10.01, lon: 10.01, radiusM: 30 },
  ],
  steps: [
    { id: 'gate', title: 'Gate', kind: 'location', location: 'gate' },
    { id: 'riddle', title: 'Riddle', kind: 'answer', prompt: '?', answers: ['echo'], maxAttempts: 3, requires: ['gate'], hints: [{ text: 'h', penalty: 10 }, { text: 'h2', penalty: 15 }], timeLimitSec: 60 },
    { id: 'plaque', title: 'Plaque', kind: 'code', code: 'PQ-1', requires: ['gate'], timeLimitSec: 90 },
    { id: 'tower', title: 'Tower', kind: 'location', location: 'tower', requires: ['riddle'] },
    { id: 'final', title: 'Final', kind: 'answer', prompt: '?', answers: ['done'], maxAttempts: 2, requires: ['plaque', 'tower'], hints: [{ text: 'h', penalty: 50 }] },
  ],
};

/**
 * A log of SYNTHETIC_HUNT for `participants` participants, each playing a plausible
 * script (join, positions on and off target, hints, wrong and right answers and codes,
 * quitting, idling until a deadline passes, acting after finishing), all interleaved
 * by time, plus lines the log level rejects (time going backwards, an unknown type,
 * bad JSON, blank lines) and events of participants who never joined.
 */
export function syntheticLog(seed: number, participants: number): string[] {
  const rnd = prng(seed);
  const chance = (x: number) => rnd() < x;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  type Ev = Record<string, unknown> & { t: number };
  const all: { e: Ev; order: number }[] = [];
  for (let i = 0; i < participants; i++) {
    const p = `p-${i.toString(36)}${i % 7 === 0 ? 'é' : ''}${i % 11 === 0 ? '😀' : ''}`;
    const slow = chance(0.25);
    let t = Math.round(rnd() * 3000) / 10;
    const evs: Ev[] = [{ t, p, type: 'join', ...(chance(0.5) ? { name: `Team ${i}` } : {}) }];
    const at = (e: Record<string, unknown>) => {
      t += Math.round(rnd() * (slow ? 450 : 150)) / 10;
      evs.push({ t, p, ...e });
    };
    if (chance(0.3)) at({ type: 'position', lat: 11, lon: 11 });
    if (chance(0.1)) at({ type: 'answer', step: 'riddle', text: 'echo' }); // not available yet
    at({ type: 'position', lat: 10, lon: 10 });
    if (chance(0.4)) at({ type: 'hint', step: 'riddle' });
    if (chance(0.2)) at({ type: 'hint', step: 'riddle' });
    if (chance(0.1)) at({ type: 'hint', step: 'riddle' }); // none left after two
    if (chance(0.1)) at({ type: 'scan', step: 'riddle', code: 'X' }); // wrong kind
    for (let k = 0; k < 3 && chance(0.35); k++) at({ type: 'answer', step: 'riddle', text: pick(['echo?!', 'eko', 'no']) });
    // Some give up here without quitting: no more events, the deadlines decide.
    if (!chance(0.08)) {
      at({ type: 'answer', step: 'riddle', text: pick(['Echo!', 'ÉCHO', 'echo']) });
      if (chance(0.3)) at({ type: 'scan', step: 'plaque', code: 'pq-1' });
      if (chance(0.05)) at({ type: 'hint', step: 'nope' });
      at({ type: 'scan', step: 'plaque', code: ' PQ-1 ' });
      if (chance(0.1)) at({ type: 'quit' });
      at({ type: 'position', lat: 10.01, lon: 10.01 });
      if (chance(0.3)) at({ type: 'hint', step: 'final' });
      if (chance(0.3)) at({ type: 'answer', step: 'final', text: 'almost' });
      at({ type: 'answer', step: 'final', text: 'Done.' });
      if (chance(0.2)) at({ type: 'answer', step: 'final', text: 'done' }); // after finishing
      if (chance(0.1)) at({ type: 'join' });
    }
    evs.forEach((e) => all.push({ e, order: all.length }));
  }
  all.sort((a, b) => a.e.t - b.e.t || a.order - b.order);
  const lines: string[] = [];
  let clock = 0;
  for (const { e } of all) {
    clock = e.t;
    lines.push(JSON.stringify(e));
    const r = rnd();
    if (r < 0.01) lines.push(JSON.stringify({ t: Math.max(0, clock - 5), p: e.p, type: 'quit' }));
    else if (r < 0.015) lines.push(JSON.stringify({ t: clock, p: e.p, type: 'teleport' }));
    else if (r < 0.02) lines.push('{"t": 1, "p": ');
    else if (r < 0.025) lines.push('');
    else if (r < 0.035) lines.push(JSON.stringify({ t: clock, p: `ghost-${Math.floor(rnd() * 5)}`, type: 'answer', step: 'riddle', text: 'echo' }));
  }
  return lines;
}
