// Run sources: where a resumed run starts reading, whether lines come one by one or in arrays.
import { describe, expect, it } from 'vitest';
import { eachLine, fromLineOn, linesSource, type LineItem, type LineStream } from '../../../host/store/source';
import { isLineBatch, LineBatchBuilder, lineTexts, VERDICT_PENDING } from '../../../engine/batch/lineBatch';

async function collect(stream: LineStream): Promise<LineItem[]> {
  const out: LineItem[] = [];
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

  it('cuts a batch a source built the same way, keeping it a batch', async () => {
    const built = new LineBatchBuilder(3);
    for (const line of ['2', '3', '4']) built.add(line, 0, 0, Number(line), 'p', 'join', VERDICT_PENDING);
    const stream = async function* (): AsyncGenerator<LineItem> {
      yield '1';
      yield built.finish();
    };
    const [cut] = await collect(fromLineOn(stream(), 3));
    expect(isLineBatch(cut) ? [lineTexts(cut), Array.from(cut.t)] : cut).toEqual([['3', '4'], [3, 4]]);
    const all: string[] = [];
    for await (const line of eachLine(fromLineOn(stream(), 1))) all.push(line);
    expect(all).toEqual(['1', '2', '3', '4']);
  });
});

describe('linesSource', () => {
  it('hands over lines held in memory in arrays, from any line on', async () => {
    const lines = Array.from({ length: 2500 }, (_, i) => `line ${i + 1}`);
    const all = await collect(linesSource(lines).open(1));
    expect(all.map((a) => (a as readonly string[]).length)).toEqual([1000, 1000, 500]);
    const tail: string[] = [];
    for await (const line of eachLine(linesSource(lines).open(2400))) tail.push(line);
    expect(tail).toEqual(lines.slice(2399));
  });
});
