// Fault 1: the process is killed with SIGKILL at random moments during a run. After
// every kill the reopened database must be consistent (every committed batch whole,
// no checkpoint ahead of the log, nothing committed lost), the run marked
// interrupted, and `resume` must finish it with the uninterrupted result.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileHunt } from '../../../engine/hunt/compile';
import { replayLines } from '../../../engine/replay/replay';
import { openDatabase } from '../../../db/open';
import { getRun, listRuns } from '../../../db/runs';
import { getResult } from '../../../db/results';
import { exampleHunt, EXAMPLE_HUNT_FILE, generateLog } from './gen-log';
import { tempDir } from '../../db/helpers';

const CHILD = fileURLToPath(new URL('./fixtures/kill-child.ts', import.meta.url));
const KILLS = 20;

type Exit = { code: number | null; signal: string | null; stdout: string; stderr: string };

/**
 * Starts the child; kills it with SIGKILL `killAfterMs` after it starts (fromReady false) or
 * after it reports its first progress, when events are flowing (fromReady true), unless it ends first.
 */
function runChild(args: string[], killAfterMs: number, fromReady: boolean): Promise<Exit & { killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      timer ??= setTimeout(() => {
        killed = true;
        child.kill('SIGKILL');
      }, killAfterMs);
    };
    child.stdout.on('data', (d) => {
      stdout += d;
      if (fromReady && stdout.includes('progress')) arm();
    });
    child.stderr.on('data', (d) => (stderr += d));
    if (!fromReady) arm();
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, killed: killed && signal === 'SIGKILL' });
    });
  });
}

describe('SIGKILL during a run', () => {
  it(`survives ${KILLS} kills: consistent database, nothing committed lost, resume gives the uninterrupted result`, async () => {
    const tmp = tempDir('hunt-kill-');
    try {
      const hunt = exampleHunt();
      const lines = generateLog(hunt, { events: 40_000, participants: 1600, seed: 42 });
      const logFile = join(tmp.dir, 'log.jsonl');
      writeFileSync(logFile, lines.join('\n') + '\n');
      const nonBlank = lines.map((text, i) => ({ text, line: i + 1 })).filter((l) => l.text.trim() !== '');
      const expected = await replayLines(compileHunt(hunt), lines);

      let rng = 12345;
      const random = () => ((rng = (rng * 1103515245 + 12345) % 2147483648) / 2147483648);
      let kills = 0;
      let rounds = 0;
      let checksAfterKill = 0;
      let midRunKills = 0;

      while (kills < KILLS || rounds === 0) {
        const file = join(tmp.dir, `round-${rounds}.db`);
        let runId = 0;
        let committedBefore = 0;
        for (;;) {
          const workers = String(1 + Math.floor(random() * 2));
          // Random moments: one kill in four anywhere from process start (start-up, opening,
          // restoring), the others at random points of the run itself; none once enough were made.
          const duringStartUp = random() < 0.25;
          const killAfter = kills >= KILLS ? 600_000 : duringStartUp ? random() * 1200 : random() * 700;
          const args = runId === 0 ? ['ingest', file, logFile, fileURLToPath(EXAMPLE_HUNT_FILE), workers] : ['resume', file, String(runId), workers];
          const exit = await runChild(args, killAfter, !duringStartUp);
          if (!exit.killed) {
            expect(exit.stderr).toBe('');
            expect(exit.code).toBe(0);
          } else kills++;
          if (!existsSync(file)) continue; // killed before the database was created
          const db = openDatabase(file); // a new process: marks the dead owner's run interrupted
          try {
            const runs = listRuns(db);
            if (runs.length === 0) continue; // killed before the run was created
            expect(runs.length).toBe(1);
            runId = runs[0].id;
            const run = getRun(db, runId)!;
            // Consistency: seq contiguous 1..N and equal to the run's own counter (same transaction).
            const stats = db.prepare('SELECT count(*) AS n, coalesce(max(seq), 0) AS maxSeq, coalesce(min(seq), 1) AS minSeq FROM events WHERE run_id = ?').get(runId) as {
              n: number;
              maxSeq: number;
              minSeq: number;
            };
            expect(stats).toEqual({ n: run.events, maxSeq: run.events, minSeq: 1 });
            // Every committed batch whole: a batch's rows and the run's counter commit in one
            // transaction, so the counter equals the rows (above) and they are exactly the
            // source's first lines (below). Batches are not all BATCH long: a source that stalls
            // (a loaded machine) has its partial batch processed after 100 ms.
            // No checkpoint or snapshot ahead of the log. Snapshots of a checkpoint are written a
            // slice per commit before its summary row, so some may lie beyond the last checkpoint
            // (readers never look past it); each is a true state as of its seq.
            const maxCp = db.prepare('SELECT coalesce(max(seq), 0) FROM checkpoints WHERE run_id = ?').pluck().get(runId) as number;
            const maxSnap = db.prepare('SELECT coalesce(max(seq), 0) FROM snapshots WHERE run_id = ?').pluck().get(runId) as number;
            expect(maxCp).toBeLessThanOrEqual(run.events);
            expect(maxSnap).toBeLessThanOrEqual(run.events);
            // A checkpoint has every snapshot it was sent with: a participant that joined by it has one at or before it.
            if (maxCp > 0) {
              const missing = db
                .prepare(
                  `SELECT count(*) FROM events j WHERE j.run_id = ? AND j.type = 'join' AND j.rejection IS NULL AND j.seq <= ?
                   AND NOT EXISTS (SELECT 1 FROM snapshots s WHERE s.run_id = j.run_id AND s.p = j.p AND s.seq <= ?)`,
                )
                .pluck()
                .get(runId, maxCp, maxCp) as number;
              expect(missing).toBe(0);
            }
            // Nothing committed is lost, and what is stored is exactly the source's first lines.
            expect(run.events).toBeGreaterThanOrEqual(committedBefore);
            committedBefore = run.events;
            const stored = db.prepare('SELECT line, raw FROM events WHERE run_id = ? ORDER BY seq').all(runId) as { line: number; raw: string }[];
            expect(stored).toEqual(nonBlank.slice(0, run.events).map((l) => ({ line: l.line, raw: l.text })));
            if (run.events > 0) expect(run.lastLine).toBe(nonBlank[run.events - 1].line);
            if (exit.killed && run.status !== 'completed') {
              expect(run.status).toBe('interrupted');
              checksAfterKill++;
              if (run.events > 0 && run.events < nonBlank.length) midRunKills++;
            }
            if (run.status === 'completed') {
              expect(getResult(db, runId)).toEqual(expected);
              expect(run.events).toBe(expected.events);
              break;
            }
          } finally {
            db.close();
          }
        }
        rounds++;
      }
      expect(kills).toBeGreaterThanOrEqual(KILLS);
      expect(checksAfterKill).toBeGreaterThan(0);
      // Most kills must land while events are being committed, not only during start-up.
      expect(midRunKills).toBeGreaterThanOrEqual(KILLS / 2);
      console.info(`SIGKILL test: ${kills} kills, ${midRunKills} mid-run, ${rounds} runs completed by resume`);
    } finally {
      tmp.cleanup();
    }
    // A backstop: more than 20 processes start and run one after another, minutes on a busy machine.
  }, 900_000);
});
