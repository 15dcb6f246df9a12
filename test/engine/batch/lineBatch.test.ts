// The one batch format for lines in flight (engine/batch/lineBatch.ts): built, read, sliced
// per shard, moved through a real worker thread, and refused with a clear error when broken.
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkLineBatch,
  eventsOf,
  LineBatchBuilder,
  lineBatchFromBytes,
  lineText,
  lineTexts,
  parseLine,
  parseLines,
  participantAt,
  selectRows,
  transferList,
  typeAt,
  VERDICT_APPLIED,
  VERDICT_PENDING,
  verdictAt,
  verdictCode,
  type LineBatch,
} from '../../../engine/batch/lineBatch';
import { startWorker } from '../../../engine/threads/worker';
import { ThreadClient } from '../../../engine/threads/client';
import type { LineBatchWorkerApi } from './fixtures/lineBatch-protocol';
import type { PositionEvent } from '../../../engine/log/types';

type Row = { text: string; seq: number; line: number; t: number; p: string | null; type: string | null; verdict: number; lat?: number; lon?: number };

const ROWS: Row[] = [
  { text: '{"t":0,"p":"alice","type":"join"}', seq: 1, line: 1, t: 0, p: 'alice', type: 'join', verdict: VERDICT_PENDING },
  { text: '{"t":1,"p":"zoë ☃","type":"answer","step":"s1","answer":"ß"}', seq: 2, line: 3, t: 1, p: 'zoë ☃', type: 'answer', verdict: VERDICT_PENDING },
  { text: 'not json', seq: 3, line: 4, t: NaN, p: null, type: null, verdict: verdictCode('malformed') },
  { text: '{"t":2,"p":"alice","type":"dance"}', seq: 4, line: 5, t: 2, p: 'alice', type: 'dance', verdict: verdictCode('unknown-type') },
  { text: '', seq: 5, line: 6, t: NaN, p: null, type: null, verdict: VERDICT_APPLIED },
  { text: '{"t":3,"p":"bob","type":"position","lat":1.5,"lon":-2}', seq: 6, line: 7, t: 3, p: 'bob', type: 'position', verdict: VERDICT_APPLIED, lat: 1.5, lon: -2 },
];

function build(rows: Row[] = ROWS): LineBatch {
  const b = new LineBatchBuilder(rows.length + 3);
  for (const r of rows) b.add(r.text, r.seq, r.line, r.t, r.p, r.type, r.verdict, r.lat, r.lon);
  return b.finish();
}

function rowsOf(b: LineBatch): Row[] {
  return Array.from({ length: b.length }, (_, i) => ({
    text: lineText(b, i),
    seq: b.seq[i],
    line: b.line[i],
    t: b.t[i],
    p: participantAt(b, i),
    type: typeAt(b, i),
    verdict: b.verdict[i],
    ...(Number.isNaN(b.lat[i]) ? {} : { lat: b.lat[i], lon: b.lon[i] }),
  }));
}

const open: ThreadClient<LineBatchWorkerApi>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.terminate()));
});

describe('LineBatch', () => {
  it('gives back every line, column and string it was built with (UTF-8, unknown types, no envelope)', () => {
    const b = checkLineBatch(build());
    expect(rowsOf(b)).toEqual(ROWS);
    expect(lineTexts(b)).toEqual(ROWS.map((r) => r.text));
    expect(b.bytes.length).toBe(new TextEncoder().encode(ROWS.map((r) => r.text).join('')).length);
    // Participants and types outside EVENT_TYPES are each in the table once.
    expect(b.stringEnds.length).toBe(4); // alice, zoë ☃, dance, bob
    expect(parseLine(b, 5)).toEqual({ t: 3, p: 'bob', type: 'position', lat: 1.5, lon: -2 });
    expect(verdictAt(b, 2)).toBe('malformed');
    expect(verdictAt(b, 5)).toBeNull();
    expect(() => verdictAt(b, 0)).toThrow(/verdict code 255 is still pending/);
  });

  it('gives each row\'s event: a position from its coordinates, any other line parsed', () => {
    const rows: Row[] = [
      { text: '{"t":0,"p":"zoë ☃","type":"join","name":"Z"}', seq: 1, line: 1, t: 0, p: 'zoë ☃', type: 'join', verdict: VERDICT_PENDING },
      { text: '{"t":1,"p":"zoë ☃","type":"position","lat":48.2086912,"lon":-0}', seq: 2, line: 2, t: 1, p: 'zoë ☃', type: 'position', verdict: VERDICT_PENDING, lat: 48.2086912, lon: -0 },
      { text: '{"t":2,"p":"bob","type":"answer","step":"s1","text":"x"}', seq: 3, line: 3, t: 2, p: 'bob', type: 'answer', verdict: VERDICT_PENDING },
      // A position without coordinates in the columns (a source that gave none) is parsed.
      { text: '{"t":3,"p":"bob","type":"position","lat":1,"lon":2}', seq: 4, line: 4, t: 3, p: 'bob', type: 'position', verdict: VERDICT_PENDING },
    ];
    const b = checkLineBatch(build(rows));
    expect(eventsOf(b)).toEqual(parseLines(b));
    expect((eventsOf(b)[1] as PositionEvent).lon).toBe(-0);
    // The coordinates, not the text, make the event: the text is not read again.
    const built = new LineBatchBuilder(1);
    built.add('{"t":5,"p":"bob","type":"position","lat":1,"lon":2}', 1, 1, 5, 'bob', 'position', VERDICT_PENDING, 3, 4);
    expect(eventsOf(built.finish())).toEqual([{ t: 5, p: 'bob', type: 'position', lat: 3, lon: 4 }]);
    // They survive a shard's copy and a copy row by row.
    expect(eventsOf(selectRows(b, [1, 3]))).toEqual([parseLine(b, 1), parseLine(b, 3)]);
    const copy = new LineBatchBuilder(2);
    copy.addEncoded(b, 1, 9, 9, 1, VERDICT_PENDING);
    expect(copy.finish().lat[0]).toBe(48.2086912);
  });

  it('reads ASCII-only batches with one decode and the same result', () => {
    const ascii = ROWS.filter((r) => [...r.text].every((c) => c.charCodeAt(0) < 0x80));
    const b = build(ascii);
    expect(b.bytes.length).toBe(ascii.reduce((n, r) => n + r.text.length, 0));
    expect(lineTexts(b)).toEqual(ascii.map((r) => r.text));
    expect(parseLines(selectRows(b, [0, 4]))).toEqual([JSON.parse(ascii[0].text), JSON.parse(ascii[4].text)]);
  });

  it('slices a shard its own rows as a compact copy: only their bytes and strings', () => {
    const b = build();
    const part = selectRows(b, [1, 5]);
    expect(rowsOf(part)).toEqual([ROWS[1], ROWS[5]]);
    expect(part.bytes.length).toBe(b.offsets[2] - b.offsets[1] + (b.offsets[6] - b.offsets[5]));
    expect(part.stringEnds.length).toBe(2);
    // The copy shares nothing with the batch: moving it leaves the batch whole.
    expect(transferList(part).some((buf) => transferList(b).includes(buf))).toBe(false);
    expect(selectRows(b, []).length).toBe(0);
    expect(() => selectRows(b, [3, 1])).toThrow(/ascending indexes below 6 \(row 1 is 1\)/);
    expect(() => selectRows(b, [9])).toThrow(/row 0 is 9/);
  });

  it('moves its buffers through a real worker thread, which reads it and sends a slice back moved', async () => {
    const client = new ThreadClient<LineBatchWorkerApi>(startWorker(new URL('./fixtures/lineBatch.worker.ts', import.meta.url)), { name: 'line batch' });
    open.push(client);
    const b = build();
    const size = b.bytes.byteLength;
    const read = await client.callWith({ transfer: transferList(b) }, 'read', b);
    expect(read).toEqual({ texts: ROWS.map((r) => r.text), participants: ROWS.map((r) => r.p), types: ROWS.map((r) => r.type), byteLength: size });
    // Moved, not copied: the sender's buffers are detached.
    expect(b.bytes.byteLength).toBe(0);
    expect(b.seq.length).toBe(0);

    const again = build();
    const back = await client.callWith({ transfer: transferList(again) }, 'select', again, [0, 2, 3]);
    expect(rowsOf(checkLineBatch(back))).toEqual([ROWS[0], ROWS[2], ROWS[3]]);
  }, 60_000);

  it('is built directly from encoded text (a generator\'s bytes)', () => {
    const texts = ['{"t":0,"p":"a","type":"join"}', '{"t":1,"p":"b","type":"join"}'];
    const bytes = new TextEncoder().encode(texts.join(''));
    const b = lineBatchFromBytes({
      bytes,
      offsets: Uint32Array.of(0, texts[0].length, bytes.length),
      seq: Float64Array.of(10, 11),
      line: Float64Array.of(10, 11),
      t: Float64Array.of(0, 1),
      participant: Int32Array.of(0, 1),
      names: ['a', 'b'],
      type: Int32Array.of(0, 0),
      verdict: Uint8Array.of(VERDICT_PENDING, VERDICT_PENDING),
      lat: Float64Array.of(NaN, NaN),
      lon: Float64Array.of(NaN, NaN),
    });
    expect(lineTexts(b)).toEqual(texts);
    expect([participantAt(b, 1), typeAt(b, 1)]).toEqual(['b', 'join']);
  });

  it('refuses a broken batch naming the field: offsets out of range, wrong lengths, bad indexes and codes', () => {
    const broken = (change: (b: Record<string, unknown>) => void): (() => LineBatch) => {
      const b = { ...build() } as Record<string, unknown>;
      change(b);
      return () => checkLineBatch(b as LineBatch, 'batch from shard 1');
    };
    expect(broken((b) => (b.offsets = Uint32Array.of(0, 5, 3, 9, 9, 9, 9)))).toThrow('batch from shard 1: offsets[2] = 3 is before offsets[1] = 5');
    expect(broken((b) => (b.offsets = Uint32Array.of(0, 1, 2, 3, 4, 5, 9999)))).toThrow(/offsets\[6\] = 9999 is beyond the \d+ bytes of the batch/);
    expect(broken((b) => (b.offsets = new Uint32Array(3)))).toThrow('offsets has 3 entries, 7 expected');
    expect(broken((b) => (b.t = new Float64Array(2)))).toThrow('column t has 2 rows, the batch 6');
    expect(broken((b) => (b.verdict = undefined))).toThrow('column verdict has undefined rows, the batch 6');
    expect(broken((b) => (b.lat = Float64Array.of(1, NaN, NaN, NaN, NaN, 1.5)))).toThrow('row 0 has coordinates (lat 1, lon NaN) but is not a position with a participant, or only one of them');
    expect(broken((b) => ((b.lat = Float64Array.of(1, NaN, NaN, NaN, NaN, 1.5)), (b.lon = Float64Array.of(1, NaN, NaN, NaN, NaN, -2))))).toThrow('row 0 has coordinates');
    expect(broken((b) => (b.lon = new Float64Array(5)))).toThrow('column lon has 5 rows, the batch 6');
    expect(broken((b) => (b.participant = Int32Array.of(0, 1, -1, 0, -1, 7)))).toThrow('participant[5] = 7 is outside the string table (4 entries)');
    expect(broken((b) => (b.type = Int32Array.of(0, 1, -1, 99, -1, 3)))).toThrow('type[3] = 99 is neither a type code nor in the string table');
    expect(broken((b) => (b.verdict = Uint8Array.of(0, 0, 0, 0, 0, 200)))).toThrow('verdict[5] = 200 is not a verdict code');
    expect(broken((b) => (b.strings = 'short'))).toThrow(/string table's ends reach \d+, its text has 5 characters/);
    expect(() => verdictCode('no-such-reason' as never)).toThrow('unknown rejection reason "no-such-reason"');
    expect(() => new LineBatchBuilder(0)).toThrow(/capacity must be a whole number/);
    const full = new LineBatchBuilder(1);
    full.add('{}', 1, 1, NaN, null, null, VERDICT_APPLIED);
    expect(() => full.add('{}', 2, 2, NaN, null, null, VERDICT_APPLIED)).toThrow('line batch: full (1 lines)');
  });
});

describe('LineBatchBuilder.addEncoded', () => {
  it('copies rows of a built batch byte for byte, mixed with lines given as text, in any order', () => {
    const source = build();
    const b = new LineBatchBuilder(5);
    b.add('{"first":"as text ü"}', 10, 10, NaN, null, null, VERDICT_APPLIED);
    for (const row of [1, 2, 5]) b.addEncoded(source, row, 10 + row, 10 + row, source.t[row], VERDICT_PENDING);
    b.addEncoded(source, 0, 20, 20, 0, VERDICT_PENDING);
    const out = checkLineBatch(b.finish());
    expect(lineTexts(out)).toEqual(['{"first":"as text ü"}', ROWS[1].text, ROWS[2].text, ROWS[5].text, ROWS[0].text]);
    expect([participantAt(out, 1), typeAt(out, 3), participantAt(out, 4)]).toEqual(['zoë ☃', 'position', 'alice']);
  });

  it('keeps each row\'s participant and type when rows of two sources and text rows share names, and a type outside EVENT_TYPES', () => {
    const first = build();
    const second = build([ROWS[3], ROWS[0], ROWS[1]]);
    const b = new LineBatchBuilder(6);
    b.addEncoded(first, 3, 1, 1, 2, VERDICT_PENDING);
    b.add('{"t":2,"p":"alice","type":"dance"}', 2, 2, 2, 'alice', 'dance', VERDICT_PENDING);
    b.addEncoded(second, 0, 3, 3, 2, VERDICT_PENDING);
    b.addEncoded(second, 2, 4, 4, 1, VERDICT_PENDING);
    b.addEncoded(first, 0, 5, 5, 0, VERDICT_PENDING);
    b.addEncoded(second, 1, 6, 6, 0, VERDICT_PENDING);
    const out = checkLineBatch(b.finish());
    expect(Array.from({ length: 6 }, (_, i) => [participantAt(out, i), typeAt(out, i)])).toEqual([
      ['alice', 'dance'],
      ['alice', 'dance'],
      ['alice', 'dance'],
      ['zoë ☃', 'answer'],
      ['alice', 'join'],
      ['alice', 'join'],
    ]);
    // A shard's copy of some of those rows reads the same.
    const part = selectRows(out, [1, 3, 5]);
    expect([0, 1, 2].map((i) => [participantAt(part, i), typeAt(part, i)])).toEqual([
      ['alice', 'dance'],
      ['zoë ☃', 'answer'],
      ['alice', 'join'],
    ]);
  });
});
