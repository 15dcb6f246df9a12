import { describe, expect, it } from 'vitest';
import { fmtDuration, fmtInt, fmtPct, fmtRate } from '../../../renderer/lib/format';
import { parseNumberInput } from '../../../renderer/components/fields';
import { niceScale } from '../../../renderer/components/VenuePlane';

describe('formatting', () => {
  it('formats virtual time as m:ss or h:mm:ss', () => {
    expect(fmtDuration(0)).toBe('0:00');
    expect(fmtDuration(42.5)).toBe('0:42.5');
    // Tenths are rounded before the seconds are split off (a live run's 5.96 s is not 0:05.0).
    expect(fmtDuration(5.96)).toBe('0:06');
    expect(fmtDuration(5.84)).toBe('0:05.8');
    expect(fmtDuration(360)).toBe('6:00');
    expect(fmtDuration(5400)).toBe('1:30:00');
    expect(fmtDuration(null)).toBe('–');
  });
  it('formats counts, rates and shares', () => {
    expect(fmtInt(1234567)).toBe('1,234,567');
    expect(fmtRate(950)).toBe('950');
    expect(fmtRate(1500)).toBe('1.5k');
    expect(fmtRate(125000)).toBe('125k');
    expect(fmtPct(0.4567)).toBe('45.7%');
  });
});

describe('number fields', () => {
  it('empty removes the field, numbers parse, anything else is kept for the validator to name', () => {
    expect(parseNumberInput('')).toBeUndefined();
    expect(parseNumberInput('  ')).toBeUndefined();
    expect(parseNumberInput('600')).toBe(600);
    expect(parseNumberInput('2.5')).toBe(2.5);
    expect(parseNumberInput('10 min')).toBe('10 min');
  });
});

describe('venue scale bar', () => {
  it('rounds to 1, 2 or 5 times a power of ten', () => {
    expect(niceScale(130)).toBe(100);
    expect(niceScale(260)).toBe(200);
    expect(niceScale(740)).toBe(500);
    expect(niceScale(0.2)).toBe(1);
  });
});

describe('chart axis numbers', () => {
  it('shortens large numbers so 100,000 fits the axis', async () => {
    const { compactNumber } = await import('../../../renderer/components/Plot');
    expect(compactNumber(100_000)).toBe('100k');
    expect(compactNumber(12_500)).toBe('12.5k');
    expect(compactNumber(2_500)).toBe('2,500');
  });
});
