import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findSyntaxError, formatSyntaxError, lineAndColumn, parseJsonText } from '../../../engine/hunt/parse';

function errorOf(text: string) {
  const r = parseJsonText(text, 'x.hunt.json');
  if (r.ok) throw new Error('expected a syntax error');
  return r.error;
}

describe('parseJsonText', () => {
  it('parses valid JSON', () => {
    expect(parseJsonText('{"a": [1, 2.5e3, true, null, "\\u00e9"]}', 'f')).toEqual({ ok: true, value: { a: [1, 2500, true, null, 'é'] } });
  });

  it('accepts a UTF-8 byte order mark', () => {
    expect(parseJsonText('\uFEFF{"a":1}', 'f')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('reports an empty file at 1:1', () => {
    expect(errorOf('')).toMatchObject({ file: 'x.hunt.json', line: 1, column: 1, message: expect.stringMatching(/empty/) });
    expect(errorOf('\uFEFF')).toMatchObject({ line: 1, column: 1, message: expect.stringMatching(/empty/) });
  });

  it('reports a blank file at its end', () => {
    expect(errorOf('\n  \n')).toMatchObject({ line: 3, column: 1, message: expect.stringMatching(/blank/) });
  });

  it('locates a trailing comma in an object', () => {
    expect(errorOf('{\n  "a": 1,\n}')).toMatchObject({ line: 3, column: 1, message: expect.stringMatching(/trailing comma/) });
  });

  it('locates a trailing comma in an array', () => {
    expect(errorOf('[1,\n 2,\n ]')).toMatchObject({ line: 3, column: 2, message: expect.stringMatching(/trailing comma/) });
  });

  it('locates a missing comma between properties', () => {
    expect(errorOf('{\n  "a": 1\n  "b": 2\n}')).toMatchObject({ line: 3, column: 3, message: expect.stringMatching(/comma missing/) });
  });

  it('locates a bare word', () => {
    expect(errorOf('{\n  "a": tru\n}')).toMatchObject({ line: 2, column: 8, message: expect.stringMatching(/"tru"/) });
  });

  it('locates single quotes', () => {
    expect(errorOf("{'a': 1}")).toMatchObject({ line: 1, column: 2, message: expect.stringMatching(/double quotes/) });
  });

  it('points an unterminated string at its opening quote', () => {
    expect(errorOf('{"a": "abc')).toMatchObject({ line: 1, column: 7, message: expect.stringMatching(/closing double quote/) });
  });

  it('locates a line break inside a string', () => {
    expect(errorOf('{"a": "ab\ncd"}')).toMatchObject({ line: 1, column: 10, message: expect.stringMatching(/line break/) });
  });

  it('locates a bad escape and a bad number', () => {
    expect(errorOf('["a\\x"]')).toMatchObject({ line: 1, column: 4, message: expect.stringMatching(/escape/) });
    expect(errorOf('[01]')).toMatchObject({ line: 1, column: 2, message: expect.stringMatching(/number/) });
    expect(errorOf('[1.]')).toMatchObject({ line: 1, column: 2, message: expect.stringMatching(/number/) });
    expect(errorOf('[-]')).toMatchObject({ line: 1, column: 2, message: expect.stringMatching(/number/) });
  });

  it('locates text after the value', () => {
    expect(errorOf('{"a":1}\n{"b":2}')).toMatchObject({ line: 2, column: 1, message: expect.stringMatching(/only one value/) });
  });

  it('reports truncation at the end of the file', () => {
    expect(errorOf('{\n"a": [1, 2')).toMatchObject({ line: 2, column: 11, message: expect.stringMatching(/ends inside an array/) });
  });

  it('counts CRLF and CR line endings once and columns in characters', () => {
    expect(lineAndColumn('a\r\nb\rc\nd', 7)).toEqual({ line: 4, column: 1 });
    expect(errorOf('{\r\n"😀": x}')).toMatchObject({ line: 2, column: 6 });
  });

  it('formats as FILE:LINE:COLUMN: message', () => {
    expect(formatSyntaxError({ file: 'a.json', line: 3, column: 7, message: 'boom' })).toBe('a.json:3:7: boom');
  });

  it('agrees with JSON.parse on which texts are valid (property)', () => {
    const jsonTexts = fc.json({ maxDepth: 3 });
    const edited = fc.tuple(jsonTexts, fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\n', '0', '-', '\\', ' ', '{', '[', '.', 'e'));
    fc.assert(
      fc.property(edited, ([text, at, insert]) => {
        const pos = text.length === 0 ? 0 : at % (text.length + 1);
        const broken = text.slice(0, pos) + insert + text.slice(pos + (insert === '' ? 1 : 0));
        let valid = true;
        try {
          JSON.parse(broken);
        } catch {
          valid = false;
        }
        const found = findSyntaxError(broken);
        expect(found === null).toBe(valid);
        if (found) expect(found.offset).toBeLessThanOrEqual(broken.length);
      }),
      { numRuns: 2000 },
    );
  });
});
