// Many short strings as one string plus their lengths, for messages between threads (to
// the writer thread, to the participant workers). A structured clone copies each string of
// an array on its own, which for the millions of small strings of a run costs the sending
// thread more than the rest of the message; one concatenated string is a single copy. Null entries have length -1.

export type PackedStrings = { text: string; len: Int32Array };

export function packStrings(values: readonly (string | null)[]): PackedStrings {
  const len = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    len[i] = v === null ? -1 : v.length;
  }
  return { text: values.join(''), len };
}

export function unpackStrings(packed: PackedStrings): (string | null)[] {
  const out = new Array<string | null>(packed.len.length);
  let at = 0;
  for (let i = 0; i < out.length; i++) {
    const n = packed.len[i];
    if (n < 0) out[i] = null;
    else {
      out[i] = packed.text.slice(at, at + n);
      at += n;
    }
  }
  if (at !== packed.text.length) throw new Error(`packed strings: ${packed.text.length} characters, lengths sum to ${at}`);
  return out;
}
