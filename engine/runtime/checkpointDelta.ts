// A checkpoint delta as it crosses from a shard worker to the main thread: the participant
// ids, and their snapshots' JSON as UTF-8 in one transferable buffer. A structured clone of
// tens of thousands of { p, json } objects cost the receiving thread tens of milliseconds
// in one piece, while every event in flight waited; a transferred buffer
// costs nothing to receive, and each snapshot is decoded into a string of its own (not a
// slice of a bigger one, which would keep that whole text alive while any entry lives on
// in the runtime's recovery base).
import type { StoredSnapshot } from './types';
import { compareCodePoints } from '../replay/order';
import { encodeTexts, textAt, type TextRuns } from '../batch/textRuns';

/** Snapshot i's JSON is text i of the runs (textRuns: bytes plus offsets, one entry more than p). */
export type CheckpointDelta = TextRuns & { p: string[] };

export function encodeDelta(entries: readonly StoredSnapshot[]): CheckpointDelta {
  return { p: entries.map((e) => e.p), ...encodeTexts(entries.map((e) => e.json)) };
}

/** Entries `from` to `to` - 1 (default: all), each snapshot a string of its own (textAt). */
export function decodeDelta(d: CheckpointDelta, from = 0, to = d.p.length): StoredSnapshot[] {
  if (d.offsets.length !== d.p.length + 1) throw new Error(`checkpoint delta: ${d.p.length} participants, ${d.offsets.length - 1} snapshots`);
  const out = new Array<StoredSnapshot>(to - from);
  for (let i = from; i < to; i++) out[i - from] = { p: d.p[i], json: textAt(d, i) };
  return out;
}

/** The buffers to transfer with a delta (never copied, left unusable on the sending side). */
export function deltaTransferables(d: CheckpointDelta): ArrayBuffer[] {
  return [d.bytes.buffer as ArrayBuffer, d.offsets.buffer as ArrayBuffer];
}

/**
 * Every entry of the shards' parts in one list sorted by id: each part comes sorted from
 * its worker, so this merges (one comparison per entry) instead of sorting. Rows written
 * in key order also keep the database's B-trees packed (two interleaved runs split pages:
 * a larger file and a slower run, docs/performance.md "Sharded runtime").
 */
export function decodeMerged(parts: readonly CheckpointDelta[]): StoredSnapshot[] {
  let merged = parts.length > 0 ? decodeDelta(parts[0]) : [];
  for (let k = 1; k < parts.length; k++) {
    const a = merged;
    const b = decodeDelta(parts[k]);
    const out = new Array<StoredSnapshot>(a.length + b.length);
    let i = 0;
    let j = 0;
    let n = 0;
    while (i < a.length && j < b.length) out[n++] = compareCodePoints(a[i].p, b[j].p) <= 0 ? a[i++] : b[j++];
    while (i < a.length) out[n++] = a[i++];
    while (j < b.length) out[n++] = b[j++];
    merged = out;
  }
  return merged;
}
