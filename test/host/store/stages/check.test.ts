import { describe, expect, it } from 'vitest';
import { BoundedQueue, type IdlePolicy } from '../../../../engine/flow/boundedQueue';
import { LogFront } from '../../../../engine/log/front';
import type { RunBatch } from '../../../../host/store/runBatch';
import { LineBatchBuilder, participantAt, VERDICT_PENDING } from '../../../../engine/batch/lineBatch';
import { checkCommitted, checkStage, LogChecks } from '../../../../host/store/stages/check';
import type { LineItem } from '../../../../host/store/stages/read';
import { SYNTHETIC_HUNT, syntheticLog } from '../../../engine/runtime/harness';
import { shardSeqs } from './batches';

async function drain<T>(q: BoundedQueue<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of q) out.push(x);
  return out;
}

/** Feeds `items` to a check stage and returns its batches (and how it ended). */
async function check(items: LineItem[], opts: { batchSize: number; flushEachItem?: boolean; signal?: AbortSignal; idle?: IdlePolicy }) {
  const input = new BoundedQueue<LineItem>(4, opts.idle ?? null);
  const out = new BoundedQueue<RunBatch>(1);
  const checks = new LogChecks(SYNTHETIC_HUNT.format, 0, 0, 0);
  const reports: boolean[] = [];
  const stage = checkStage(input, out, checks, { batchSize: opts.batchSize, measure: false, flushEachItem: opts.flushEachItem ?? false, signal: opts.signal, report: (s) => reports.push(s) });
  const feeding = (async () => {
    for (const item of items) if (!(await input.push(item))) return;
    input.close();
  })();
  const [status, batches] = await Promise.all([stage, drain(out), feeding]);
  return { status, batches, checks, reports };
}

describe('check stage', () => {
  const lines = syntheticLog(5, 30);

  it('sends a position that passed with its coordinates (the shards build its event from them), no other line', async () => {
    const { batches } = await check(
      [
        [
          '{"t":0,"p":"a","type":"join"}',
          '{"t":1,"p":"a","type":"position","lat":48.2086912,"lon":16.3733585,"accuracy":5}',
          '{"t":0.5,"p":"a","type":"position","lat":1,"lon":2}',
          '{"t":2,"p":"a","type":"position","lat":"1","lon":2}',
          '{"t":3,"p":"a","type":"answer","step":"s1","text":"x"}',
        ],
      ],
      { batchSize: 10 },
    );
    const b = batches[0];
    expect(b.rejection).toEqual([null, null, 'time-backwards', 'malformed', null]);
    expect(Array.from(b.lines.lat)).toEqual([NaN, 48.2086912, NaN, NaN, NaN]);
    expect(Array.from(b.lines.lon)).toEqual([NaN, 16.3733585, NaN, NaN, NaN]);
  });

  it('numbers lines, gives non-blank ones consecutive seqs, and rejects what spec §3.10 checks 1–4 reject (as LogFront does)', async () => {
    // The log in chunks of 17 lines, as a file source hands it over.
    const chunks: LineItem[] = [];
    for (let i = 0; i < lines.length; i += 17) chunks.push(lines.slice(i, i + 17));
    const { status, batches, checks } = await check(chunks, { batchSize: 50 });
    expect(status).toBe('completed');

    const front = new LogFront(SYNTHETIC_HUNT.format);
    const expected: { line: number; reason: string | null }[] = [];
    lines.forEach((text, i) => {
      const v = front.acceptLine(text);
      if (v !== null) expected.push({ line: i + 1, reason: v.ok ? null : v.reason });
    });
    const got = batches.flatMap((b) => Array.from({ length: b.length }, (_, i) => ({ line: b.lines.line[i], reason: b.rejection[i] })));
    expect(got).toEqual(expected);
    expect(expected.some((e) => e.reason === 'malformed')).toBe(true);
    expect(expected.some((e) => e.reason === 'time-backwards')).toBe(true);
    // Full batches of 50, seqs without gaps, the last one partial.
    expect(batches.slice(0, -1).every((b) => b.length === 50)).toBe(true);
    batches.forEach((b, k) => expect(b.seq0).toBe(k * 50 + 1));
    expect(checks.seq).toBe(expected.length);
    expect(checks.lineNo).toBe(lines.length);
    // Only lines that passed go to the participants, with their seq.
    expect(batches.flatMap(shardSeqs)).toEqual(expected.map((e, i) => (e.reason === null ? i + 1 : -1)).filter((s) => s > 0));
    // Each batch carries the log clock after its last line.
    expect(batches.at(-1)!.clock).toBe(front.clock);
  });

  it('takes the envelopes of lines its source built instead of parsing them', async () => {
    const builder = new LineBatchBuilder(2);
    builder.add('not json, but vouched for', 0, 0, 1, 'a', 'join', VERDICT_PENDING);
    builder.add('also built', 0, 0, 0.5, 'b', 'join', VERDICT_PENDING);
    const built = builder.finish();
    const { batches } = await check([built], { batchSize: 10 });
    expect(batches).toHaveLength(1);
    expect([0, 1].map((i) => participantAt(batches[0].lines, i))).toEqual(['a', 'b']);
    // The built envelopes still get check 4: time going backwards is rejected.
    expect(batches[0].rejection).toEqual([null, 'time-backwards']);
  });

  it('sends a partial batch when its source stalls (idle), and reports the stall', async () => {
    let fire: (() => void) | null = null;
    const idle: IdlePolicy = { arm: (f) => ((fire = f), () => (fire = null)) };
    const input = new BoundedQueue<LineItem>(4, idle);
    const out = new BoundedQueue<RunBatch>(2);
    const reports: boolean[] = [];
    const stage = checkStage(input, out, new LogChecks('hunt/1', 0, 0, 0), { batchSize: 100, measure: false, flushEachItem: false, report: (s) => reports.push(s) });
    await input.push(lines.slice(0, 3));
    await new Promise((r) => setImmediate(r));
    expect(out.queued).toBe(0);
    fire!();
    const first = await out.next();
    expect(first.kind === 'item' && first.item.length).toBe(lines.slice(0, 3).filter((l) => l.trim() !== '').length);
    await new Promise((r) => setImmediate(r));
    expect(reports).toEqual([true]);
    input.close();
    expect(await stage).toBe('completed');
  });

  it('sends what each item held at once with flushEachItem (a live feed)', async () => {
    const { batches } = await check([lines[0], lines.slice(1, 4)], { batchSize: 100, flushEachItem: true });
    expect(batches.map((b) => b.length)).toEqual([1, lines.slice(1, 4).filter((l) => l.trim() !== '').length]);
  });

  it('stops reading after the batch during which the run was cancelled, and closes its input', async () => {
    const abort = new AbortController();
    abort.abort();
    const { status, batches, checks } = await check([lines.slice(0, 40), lines.slice(40)], { batchSize: 10, signal: abort.signal });
    expect(status).toBe('cancelled');
    expect(batches).toHaveLength(1);
    expect(checks.seq).toBe(10);
  });

  it('feeds committed lines again with their stored verdicts (a resume), and refuses a gap', async () => {
    const out = new BoundedQueue<RunBatch>(8);
    const rows = [
      { seq: 1, line: 1, raw: lines[0], rejection: null },
      { seq: 2, line: 3, raw: '{"t":', rejection: 'malformed' },
    ];
    await checkCommitted(rows, out, new LogChecks('hunt/1', 0, 0, 0), 10);
    const [b] = await drain(out);
    expect(Array.from(b.lines.line.slice(0, 2))).toEqual([1, 3]);
    expect(b.expected).toEqual([null, 'malformed']);
    expect(b.rejection).toEqual([null, 'malformed']);
    await expect(checkCommitted([{ seq: 5, line: 5, raw: lines[0], rejection: null }], new BoundedQueue<RunBatch>(1), new LogChecks('hunt/1', 3, 3, 0), 10)).rejects.toThrow(
      /the stored log has a gap: seq 5 after 3/,
    );
  });
});
