// Where a run's lines come from. A run stores its source's description so that
// `resume` can reopen it after a crash and continue from the line after the last
// committed one. Kinds are pluggable: the simulation registers its own (a seeded
// generator regenerates the same lines), files are built in.
import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { splitLineChunks } from '../../engine/log/lines';
import { isLineBatch, lineTexts, sliceRows, type LineBatch } from '../../engine/batch/lineBatch';

/**
 * What a source hands over at once: one line, several, or lines it built itself as a
 * LineBatch (engine/batch/lineBatch.ts). A batch's t, participant and type columns are
 * its lines' envelopes: the source vouches that every line is a well-formed event of that
 * type with that envelope (spec §3.10 checks 1 and 4 hold), so the pipeline applies the
 * log's other checks to the columns instead of parsing the lines; its seq, line and
 * verdict columns are not read (the check stage numbers and judges the lines). A
 * simulation's generator builds its lines and knows all three.
 */
export type LineItem = string | readonly string[] | LineBatch;

/** A source's lines in order, handed over one at a time or several at once. */
export type LineStream = AsyncIterable<LineItem>;

export type RunSource = {
  /** JSON-serialisable; must carry `kind` and whatever its factory needs to reopen the source. */
  describe(): { kind: string } & Record<string, unknown>;
  /** Lines from line number `fromLine` (1-based, blank lines counted) to the end. */
  open(fromLine: number): LineStream;
};

type SourceFactory = (description: Record<string, unknown>) => RunSource;
const factories = new Map<string, SourceFactory>();

export function registerSourceKind(kind: string, factory: SourceFactory): void {
  factories.set(kind, factory);
}

/** Rebuilds a source from its stored description, or throws naming what is missing. */
export function sourceFromDescription(description: unknown): RunSource {
  const d = description as { kind?: unknown } | null;
  if (!d || typeof d.kind !== 'string') throw new Error('the run has no stored source, so it cannot be resumed');
  const factory = factories.get(d.kind);
  if (!factory) throw new Error(`the run's source is of kind "${d.kind}", which this program cannot reopen`);
  return factory(d as Record<string, unknown>);
}

/** A line stream one line at a time. */
export async function* eachLine(lines: LineStream): AsyncGenerator<string> {
  for await (const item of lines) {
    if (typeof item === 'string') yield item;
    else if (isLineBatch(item)) yield* lineTexts(item);
    else yield* item;
  }
}

/** Skips the first fromLine-1 lines of a line stream. */
export async function* fromLineOn(lines: LineStream, fromLine: number): AsyncGenerator<LineItem> {
  let skip = fromLine - 1;
  for await (const item of lines) {
    if (skip <= 0) yield item;
    else if (typeof item === 'string') skip--;
    else if (item.length <= skip) skip -= item.length;
    else {
      yield isLineBatch(item) ? sliceRows(item, skip) : item.slice(skip);
      skip = 0;
    }
  }
}

/** An event log file. Its size and mtime are recorded so a resume notices a file that changed since. */
export function fileSource(path: string): RunSource {
  const abs = resolve(path);
  const st = statSync(abs);
  const description = { kind: 'file', path: abs, size: st.size, mtimeMs: st.mtimeMs };
  return {
    describe: () => description,
    open: (fromLine) => fromLineOn(splitLineChunks(createReadStream(abs)), fromLine),
  };
}

registerSourceKind('file', (d) => {
  const path = String(d.path);
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new Error(`the run's log file ${path} is gone, so the run cannot be resumed`);
  }
  if (st.size !== d.size || st.mtimeMs !== d.mtimeMs) {
    throw new Error(`the run's log file ${path} changed since the run started (size or modification time differ), so resuming it would mix two logs`);
  }
  const src = fileSource(path);
  return { describe: () => d as { kind: string }, open: src.open };
});

/** Lines per item handed over by a source held in memory. */
const MEMORY_CHUNK = 1000;

/** Lines held in memory (tests, API uploads). Not resumable after a crash unless re-registered. */
export function linesSource(lines: readonly string[], description: { kind: string } & Record<string, unknown> = { kind: 'memory' }): RunSource {
  return {
    describe: () => description,
    open: async function* (fromLine) {
      for (let i = fromLine - 1; i < lines.length; i += MEMORY_CHUNK) yield lines.slice(i, i + MEMORY_CHUNK);
    },
  };
}
