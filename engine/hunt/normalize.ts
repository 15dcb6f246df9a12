// Answer normalisation (spec §3 rule 4): NFKD, combining marks removed,
// lower-cased, anything not a letter or digit becomes a space, spaces collapsed.
const COMBINING_MARKS = /\p{M}/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

/** Only code units below 0x80 (a surrogate is above). */
const ASCII = /^[^\u0080-\uffff]*$/;
const NOT_ASCII_LETTER_OR_DIGIT = /[^a-z0-9]+/g;

export function normalizeAnswer(text: string): string {
  // ASCII text, nearly every answer of a replayed log, is its own NFKD form and holds no
  // combining marks; its letters and digits are a–z and 0–9 once lower-cased. The same
  // result by plainer patterns: the Unicode ones cost about a fiftieth of a replay. (A value
  // that is not a string, a broken precondition, still fails below as it always did.)
  if (typeof text === 'string' && ASCII.test(text)) return text.toLowerCase().replace(NOT_ASCII_LETTER_OR_DIGIT, ' ').trim();
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(NOT_LETTER_OR_DIGIT, ' ')
    .trim();
}
