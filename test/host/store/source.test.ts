// Run sources: where a resumed run starts reading, whether lines come one by one or in arrays.
import { describe, expect, it } from 'vitest';
import { eachLine, fromLineOn, linesSource, type LineStream } from '../../../host/store/source';

async function collect(stream: LineStream): Promise<(string | readonly string[])[]> {
  const out: (string | readonly string[])[] = [];
  for await (const item of stream) out.push(item);
  return out;
}

async function* items(...xs: (string | string[])[]): AsyncGenerator<string | string[]> {
  yield* xs;
}

describe('fromLineOn', () => {
  it('skips whole lines across single lines and arrays, cutting the array it starts in', async () => {
    const stream = () => items('1', ['2', '3', '4'], '5', ['6', '7']);
    expect(await collect(fromLineOn(stream(), 1))).toEqual(['1', ['2', '3', '4'], '5', ['6', '7']]);
    expect(await collect(fromLineOn(stream(), 3))).toEqual([['3', '4'], '5', ['6', '7']]);
    expect(await collect(fromLineOn(stream(), 5))).toEqual(['5', ['6', '7']]);
    expect(await collect(fromLineOn(stream(), 7))).toEqual([['7']]);
    expect(await collect(fromLineOn(stream(), 8))).toEqual([]);
  });
});

describe('linesSource', () => {
  it('hands over lines held in memory in arrays, from any line on', async () => {
    const lines = Array.from({ length: 2500 }, (_, i) => `line ${i + 1}`);
    const all = await collect(linesSource(lines).open(1));
    expect(all.map((a) => a.length)).toEqual([1000, 1000, 500]);
    const tail: string[] = [];
    for await (const line of eachLine(linesSource(lines).open(2400))) tail.push(line);
    expect(tail).toEqual(lines.slice(2399));
  });
});
