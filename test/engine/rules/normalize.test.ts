// Answer normalisation (spec §3 rule 4), value by value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeAnswer } from '../../../engine/hunt/normalize';

describe('normalizeAnswer', () => {
  it.each([
    ['Café', 'cafe'],
    ['Cafe\u0301', 'cafe'],
    ['  Ｃａｆé, s’il vous plaît!  ', 'cafe s il vous plait'],
    ['İSTANBUL', 'istanbul'],
    ['Œuvre', 'œuvre'],
    ['ﬁsh & chips', 'fish chips'],
    ['Ｐｉａｎｏ　７', 'piano 7'],
    ['a\t\n-_-  piano', 'a piano'],
    ['Straße-9', 'straße 9'],
    ['²', '2'],
    ['日本 語', '日本 語'],
    ['?!…', ''],
  ])('%j → %j', (text, expected) => {
    expect(normalizeAnswer(text)).toBe(expected);
  });

  it('gives ASCII text (its shortcut) what the Unicode rule gives', () => {
    const byTheRule = (text: string) =>
      text
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii', maxLength: 40 }), (text) => normalizeAnswer(text) === byTheRule(text)), { numRuns: 2000 });
    for (let c = 0; c < 128; c++) expect(normalizeAnswer(`x${String.fromCharCode(c)}Y`)).toBe(byTheRule(`x${String.fromCharCode(c)}Y`));
  });
});
