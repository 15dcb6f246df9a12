// Where a run's lines come from. A run stores its source's description so that
// `resume` can reopen it after a crash and continue from the line after the last
// committed one. Kinds are pluggable: the simulation registers its own (a seeded
// generator regenerates the same lines), files are built in.
import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { splitLines } from '../../engine/log/lines';

export type RunSource = {
  /** JSON-serialisable; must carry `kind` and whatever its factory needs to reopen the source. */
  describe(): { kind: string } & Record<string, unknown>;
  /** Lines from line number `fromLine` (1-based, blank lines counted) to the end. */
  open(fromLine: number): AsyncIterable<string>;
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

/** Skips the first fromLine-1 lines of a line stream. */
export async function* fromLineOn(lines: AsyncIterable<string>, fromLine: number): AsyncGenerator<string> {
  let n = 0;
  for await (const line of lines) {
    if (++n >= fromLine) yield line;
  }
}

/** An event log file. Its size and mtime are recorded so a resume notices a file that changed since. */
export function fileSource(path: string): RunSource {
  const abs = resolve(path);
  const st = statSync(abs);
  const description = { kind: 'file', path: abs, size: st.size, mtimeMs: st.mtimeMs };
  return {
    describe: () => description,
    open: (fromLine) => fromLineOn(splitLines(createReadStream(abs)), fromLine),
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

/** Lines held in memory (tests, API uploads). Not resumable after a crash unless re-registered. */
export function linesSource(lines: readonly string[], description: { kind: string } & Record<string, unknown> = { kind: 'memory' }): RunSource {
  return {
    describe: () => description,
    open: async function* (fromLine) {
      for (let i = fromLine - 1; i < lines.length; i++) yield lines[i];
    },
  };
}
