// The streaming line splitter: LF, CRLF, a final line without newline, a BOM,
// blank lines kept for numbering, and characters split across chunks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitLineChunks, splitLines } from '../../../engine/log/lines';

async function collect(chunks: (string | Uint8Array)[]): Promise<string[]> {
  async function* gen() {
    yield* chunks;
  }
  const out: string[] = [];
  for await (const line of splitLines(gen())) out.push(line);
  return out;
}

const bytes = (s: string) => new TextEncoder().encode(s);

describe('splitLines', () => {
  it('splits LF and CRLF lines, keeps blank lines, and yields a final line without newline', async () => {
    expect(await collect(['a\r\nb\n\n', '\r\nc'])).toEqual(['a', 'b', '', '', 'c']);
  });

  it('does not yield an empty line after a final newline', async () => {
    expect(await collect(['a\nb\n'])).toEqual(['a', 'b']);
    expect(await collect([])).toEqual([]);
  });

  it('drops a UTF-8 byte-order mark at the start only', async () => {
    expect(await collect([bytes('\uFEFF{"t":1}\n\uFEFFx')])).toEqual(['{"t":1}', '\uFEFFx']);
  });

  it('gives the same lines however the bytes are cut into chunks', async () => {
    const text = '{"t":1,"p":"Ø","type":"join"}\r\n\n{"t":2,"p":"日本","text":"ｐｉａｎｏ 😀"}\nlast';
    const all = bytes(text);
    const expected = ['{"t":1,"p":"Ø","type":"join"}', '', '{"t":2,"p":"日本","text":"ｐｉａｎｏ 😀"}', 'last'];
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: all.length - 1 }), { maxLength: 12 }), async (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), all.length];
        const chunks = points.slice(1).map((end, k) => all.slice(points[k], end));
        expect(await collect(chunks)).toEqual(expected);
      }),
    );
  });
});

describe('splitLineChunks', () => {
  it('gives the lines of each piece of input that completes one, in arrays', async () => {
    async function* gen() {
      yield* ['a\nb', 'c\n', 'no newline yet', ' still none', '\r\n\nd'];
    }
    const arrays: string[][] = [];
    for await (const lines of splitLineChunks(gen())) arrays.push(lines);
    expect(arrays).toEqual([['a'], ['bc'], ['no newline yet still none', ''], ['d']]);
  });
});
