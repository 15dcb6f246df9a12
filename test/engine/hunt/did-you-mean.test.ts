import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from '../../../engine/hunt/did-you-mean';

describe('did-you-mean', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editDistance('strat', 'start')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests the nearest candidate, preferring a case-only difference', () => {
    expect(closest('strat', ['riddle', 'start', 'qr'])).toBe('start');
    expect(closest('timelimitSec', ['timeLimitSec', 'title'])).toBe('timeLimitSec');
    expect(closest('Qr', ['qt', 'qr'])).toBe('qr');
  });

  it('does not suggest something far away, or the word itself', () => {
    expect(closest('banana', ['start', 'riddle'])).toBeUndefined();
    expect(closest('start', ['start'])).toBeUndefined();
    expect(didYouMean('zz', ['start'])).toBe('');
    expect(didYouMean('fountian', ['fountain'])).toBe(' — did you mean "fountain"?');
  });
});
