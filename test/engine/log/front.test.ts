// Checks 1–4 of spec §3.10 and the log clock.
import { describe, expect, it } from 'vitest';
import { LogFront } from '../../../engine/log/front';

function reasons(lines: string[]): (string | null)[] {
  const front = new LogFront();
  return lines.map((l) => {
    const v = front.acceptLine(l);
    return v === null ? 'blank' : v.ok ? null : v.reason;
  });
}

describe('LogFront', () => {
  it.each([
    ['not JSON', '{"t":1,'],
    ['not an object', '42'],
    ['an array', '[{"t":1,"p":"a","type":"join"}]'],
    ['null', 'null'],
    ['t missing', '{"p":"a","type":"join"}'],
    ['t a string', '{"t":"1","p":"a","type":"join"}'],
    ['t negative', '{"t":-1,"p":"a","type":"join"}'],
    ['t not finite', '{"t":1e400,"p":"a","type":"join"}'],
    ['p empty', '{"t":1,"p":"","type":"join"}'],
    ['p a number', '{"t":1,"p":7,"type":"join"}'],
    ['type missing', '{"t":1,"p":"a"}'],
    ['type not a string', '{"t":1,"p":"a","type":3}'],
    ['answer without text', '{"t":1,"p":"a","type":"answer","step":"s"}'],
    ['answer with a numeric text', '{"t":1,"p":"a","type":"answer","step":"s","text":5}'],
    ['scan without code', '{"t":1,"p":"a","type":"scan","step":"s"}'],
    ['hint without step', '{"t":1,"p":"a","type":"hint"}'],
    ['position with a string lat', '{"t":1,"p":"a","type":"position","lat":"48.2","lon":16}'],
    ['position with null lon', '{"t":1,"p":"a","type":"position","lat":48.2,"lon":null}'],
    ['join with a numeric name', '{"t":1,"p":"a","type":"join","name":5}'],
  ])('malformed: %s', (_what, line) => {
    expect(reasons([line])).toEqual(['malformed']);
  });

  it('rejects unknown types after the clock check, and keeps extra fields', () => {
    const front = new LogFront();
    expect(front.acceptLine('{"t":5,"p":"a","type":"chat"}')).toEqual({ ok: false, reason: 'unknown-type' });
    expect(front.clock).toBe(5);
    const v = front.acceptLine('{"t":5,"p":"a","type":"quit","seq":9,"source":"app"}');
    expect(v).toEqual({ ok: true, event: { t: 5, p: 'a', type: 'quit', seq: 9, source: 'app' } });
  });

  it('time-backwards against the largest t of lines that passed checks 1 and 2', () => {
    expect(
      reasons([
        '{"t":10,"p":"a","type":"join"}',
        '{"t":20,"p":"a","type":"chat"}', // unknown type, but its t moves the clock
        '{"t":15,"p":"a","type":"quit"}',
        '{"t":30,"type":"quit"}', // malformed at check 1: does not move the clock
        '{"t":25,"p":"a","type":"answer"}', // malformed at check 4, after moving the clock to 25
        '{"t":24,"p":"a","type":"quit"}',
        '{"t":25,"p":"a","type":"quit"}', // equal is fine
        '   ',
      ]),
    ).toEqual([null, 'unknown-type', 'time-backwards', 'malformed', 'malformed', 'time-backwards', null, 'blank']);
  });

  it('a time-backwards line is reported even when it is also of an unknown type or missing fields', () => {
    expect(reasons(['{"t":9,"p":"a","type":"join"}', '{"t":1,"p":"a","type":"chat"}', '{"t":1,"p":"a","type":"scan"}'])).toEqual([
      null,
      'time-backwards',
      'time-backwards',
    ]);
  });

  it('acceptValue runs the same checks on parsed values', () => {
    const front = new LogFront();
    expect(front.acceptValue({ t: 1, p: 'a', type: 'position', lat: 1, lon: 2 }).ok).toBe(true);
    expect(front.acceptValue({ t: 0.5, p: 'a', type: 'quit' })).toEqual({ ok: false, reason: 'time-backwards' });
    expect(front.acceptValue('text')).toEqual({ ok: false, reason: 'malformed' });
  });
});
