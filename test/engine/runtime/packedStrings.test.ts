import { describe, expect, it } from 'vitest';
import { packStrings, unpackStrings } from '../../../engine/runtime/packedStrings';

describe('packed strings (writer messages)', () => {
  it('round-trips nulls, empty strings, newlines and non-Latin-1 text', () => {
    const values = ['p1', null, '', 'a\nb', 'Zoë 🦊', null, '{"t":1}'];
    expect(unpackStrings(packStrings(values))).toEqual(values);
  });

  it('refuses lengths that do not match the text', () => {
    const packed = packStrings(['abc', 'de']);
    packed.len[1] = 1;
    expect(() => unpackStrings(packed)).toThrow(/5 characters, lengths sum to 4/);
  });
});
