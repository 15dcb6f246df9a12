// Strings as UTF-8 bytes back to back with their offsets: the one transferable text format
// of the threads (a LineBatch's lines, a checkpoint delta's snapshots). Two typed arrays
// cross a thread boundary by moving their buffers, where a structured clone of many strings
// costs the receiving thread one allocation per string in one piece.
// Neutral ground: engine/batch (line batches) and engine/runtime (checkpoint deltas) both use it.

export type TextRuns = {
  /** UTF-8 of the texts, back to back (no separators). */
  readonly bytes: Uint8Array;
  /** One entry per text and the end: text i is bytes[offsets[i], offsets[i + 1]). */
  readonly offsets: Uint32Array;
};

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Encodes texts back to back: one encode of the joined text when it is ASCII (byte = char
 * offsets), else text by text. Both arrays have buffers of their own, exactly their size
 * (never a shared pool), so they can be moved to another thread.
 */
export function encodeTexts(texts: readonly string[]): TextRuns {
  const offsets = new Uint32Array(texts.length + 1);
  const joined = texts.join('');
  const bytes = encoder.encode(joined);
  if (bytes.length === joined.length) {
    let at = 0;
    for (let i = 0; i < texts.length; i++) offsets[i + 1] = at += texts[i].length;
    return { bytes, offsets };
  }
  // Some text is not ASCII: byte offsets differ from character offsets.
  const out = new Uint8Array(bytes.length);
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    at += encoder.encodeInto(texts[i], out.subarray(at)).written;
    offsets[i + 1] = at;
  }
  return { bytes: out, offsets };
}

/** Text i, decoded into a string of its own (it keeps no larger text alive). */
export function textAt(runs: TextRuns, i: number): string {
  return decoder.decode(runs.bytes.subarray(runs.offsets[i], runs.offsets[i + 1]));
}

/**
 * Texts from..to-1: one decode of the whole range when it is ASCII (then byte offsets are
 * character offsets), else text by text. The ASCII texts are slices of one string: use
 * textAt for texts that live on long after their neighbours.
 */
export function textsAt(runs: TextRuns, from: number, to: number): string[] {
  const { bytes, offsets } = runs;
  const out = new Array<string>(Math.max(0, to - from));
  if (out.length === 0) return out;
  const first = offsets[from];
  const all = decoder.decode(bytes.subarray(first, offsets[to]));
  if (all.length === offsets[to] - first) {
    for (let i = from; i < to; i++) out[i - from] = all.slice(offsets[i] - first, offsets[i + 1] - first);
  } else {
    for (let i = from; i < to; i++) out[i - from] = textAt(runs, i);
  }
  return out;
}
