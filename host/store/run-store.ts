// A long-lived read connection on a database for the studio's API: lists, run
// details, pages of the log and seeks. Writes go through writer threads: runs through
// ingestRun/resumeRun, deletions through delete().
import { openDatabase, type Db } from '../../db/open';
import { effectiveStatus, getRun, listRuns, type RunRow } from '../../db/runs';
import { DbWriter } from '../../db/writer/client';
import { getResult } from '../../db/results';
import { eventsFrom, nextRejection, type StoredEvent } from '../../db/events';
import type { ReplayResult } from '../../engine/log/types';
import { participantAt, participantsAt, runPoint, type ParticipantAt, type RunPoint } from './seek';

export class RunStore {
  readonly db: Db;

  constructor(readonly file: string) {
    this.db = openDatabase(file);
  }

  runs(): RunRow[] {
    return listRuns(this.db).map((r) => ({ ...r, status: effectiveStatus(this.db, r) }));
  }

  run(runId: number): RunRow | null {
    const r = getRun(this.db, runId);
    return r ? { ...r, status: effectiveStatus(this.db, r) } : null;
  }

  result(runId: number): ReplayResult | null {
    return getResult<ReplayResult>(this.db, runId);
  }

  /** Up to `limit` events from seq `fromSeq` on, optionally of one participant (scans forward). */
  events(runId: number, fromSeq: number, limit: number, participant?: string): StoredEvent[] {
    return eventsFrom(this.db, runId, fromSeq, limit, participant);
  }

  /** The next (direction 1) or previous (-1) rejected event from fromSeq (exclusive). */
  nextRejection(runId: number, fromSeq: number, direction: 1 | -1): StoredEvent | null {
    return nextRejection(this.db, runId, fromSeq, direction);
  }

  point(runId: number, seq: number): RunPoint {
    return runPoint(this.db, this.file, runId, seq);
  }

  participant(runId: number, seq: number, p: string): ParticipantAt | null {
    return participantAt(this.db, this.file, runId, seq, p);
  }

  participants(runId: number, seq: number, page: { offset?: number; limit?: number }): { total: number; participants: ParticipantAt[] } {
    return participantsAt(this.db, this.file, runId, seq, page);
  }

  /** Deletes a run on a writer thread (a big run is millions of rows: never on the caller's thread). */
  async delete(runId: number): Promise<boolean> {
    if (!getRun(this.db, runId)) return false;
    const writer = await DbWriter.start(this.file);
    try {
      await writer.post({ kind: 'delete', runId });
    } finally {
      await writer.close();
    }
    return true;
  }

  close(): void {
    this.db.close();
  }
}
