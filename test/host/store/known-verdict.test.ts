// knownVerdict: a source that judged its lines itself (a live hunt) has each batch written
// with its verdicts without waiting for the participant workers; the workers' verdicts are
// still compared, and a difference fails the run instead of passing unnoticed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingestRun } from '../../../host/store/ingest';
import { openDatabase } from '../../../db/open';
import { iterateEvents } from '../../../db/events';
import type { RejectionReason } from '../../../engine/log/types';
import { exampleHunt, generateLog } from './gen-log';
import { tempDir } from '../../db/helpers';

const hunt = exampleHunt();
let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir('hunt-known-');
});
afterAll(() => tmp.cleanup());

function storedVerdicts(file: string, runId: number): Map<number, RejectionReason | null> {
  const db = openDatabase(file, { readonly: true, check: 'none' });
  try {
    return new Map([...iterateEvents(db, runId)].map((e) => [e.seq, e.rejection as RejectionReason | null]));
  } finally {
    db.close();
  }
}

describe('ingestRun with knownVerdict', () => {
  const lines = generateLog(hunt, { events: 3000, participants: 120, seed: 5 });

  it('stores the same log and result as the workers alone, asking for every participant line', async () => {
    const file = join(tmp.dir, 'known.db');
    const plain = await ingestRun({ db: file, hunt, kind: 'replay', name: 'workers', workers: 2, batchSize: 100 }, lines);
    const truth = storedVerdicts(file, plain.runId);
    expect([...truth.values()].some((r) => r !== null)).toBe(true);
    const asked: number[] = [];
    const known = await ingestRun(
      { db: file, hunt, kind: 'replay', name: 'known', workers: 2, batchSize: 100, knownVerdict: (seq) => (asked.push(seq), truth.get(seq)) },
      lines,
    );
    expect(known.status).toBe('completed');
    expect(known.result).toEqual(plain.result);
    expect(storedVerdicts(file, known.runId)).toEqual(truth);
    // Asked once per line that reached the participants, in log order.
    expect(asked.length).toBeGreaterThan(lines.length / 2);
    expect([...asked].sort((a, b) => a - b)).toEqual(asked);
    expect(new Set(asked).size).toBe(asked.length);
  });

  it('fails the run when a known verdict is not the workers’ one, naming the line', async () => {
    const file = join(tmp.dir, 'wrong.db');
    const plain = await ingestRun({ db: file, hunt, kind: 'replay', name: 'workers', workers: 1, batchSize: 100 }, lines);
    const truth = storedVerdicts(file, plain.runId);
    const reason = [...truth.values()].find((r) => r !== null)!;
    let wrongSeq = 0;
    const run = ingestRun(
      {
        db: file,
        hunt,
        kind: 'replay',
        name: 'wrong',
        workers: 1,
        batchSize: 100,
        knownVerdict: (seq) => {
          const v = truth.get(seq);
          // The first applied line after 1000 is claimed rejected.
          if (wrongSeq === 0 && seq > 1000 && v === null) {
            wrongSeq = seq;
            return reason;
          }
          return v;
        },
      },
      lines,
    );
    await expect(run).rejects.toThrow(/the participants' rules give applied, the source judged it/);
    expect(wrongSeq).toBeGreaterThan(1000);
  });
});
