// Going live: opens (or reopens) a live run and serves it on the address the organiser
// chose. Used by `hunt live` and by the studio.
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import type { Hunt } from '../../engine/hunt/schema';
import { openDatabase } from '../../db/open';
import { listRuns } from '../../db/runs';
import { newToken } from '../web/security';
import type { LiveLimits } from './limits';
import { playerPage } from './playerPage';
import { LiveRun, newJoinCode } from './run';
import { startLiveServer, type LiveServer } from './server';
import type { WallClock } from './clock';

export type GoLiveOptions = {
  db: string;
  /** Device lists and uploads go under DATA/live/. */
  dataDir: string;
  hunt: Hunt;
  bind: string;
  port: number;
  /** The studio's token (default: a new one, printed by `hunt live`). */
  organiserToken?: string;
  /** Start a new live run even when one of this hunt can be carried on. */
  fresh?: boolean;
  limits?: Partial<LiveLimits>;
  wall?: WallClock;
  onError?: (err: unknown) => void;
};

export type LiveHost = {
  run: LiveRun;
  server: LiveServer;
  organiserToken: string;
  /** True when an interrupted live run was reopened. */
  reopened: boolean;
  /** Ends the hunt: the run completes. */
  stop(): Promise<void>;
  /** Stops serving; the run stays open, and going live again with the same hunt carries on. */
  close(): Promise<void>;
};

/** The newest live run of this hunt that has not ended (interrupted by a crash, or paused by a shutdown). */
export function unfinishedLiveRun(dbFile: string, huntId: string): number | null {
  const db = openDatabase(dbFile);
  try {
    const runs = listRuns(db).filter((r) => r.kind === 'live' && r.huntId === huntId && r.status !== 'completed' && r.status !== 'running');
    return runs.length > 0 ? runs[runs.length - 1].id : null;
  } finally {
    db.close();
  }
}

export async function goLive(opts: GoLiveOptions): Promise<LiveHost> {
  const page = await playerPage();
  const existing = opts.fresh ? null : unfinishedLiveRun(opts.db, opts.hunt.id);
  const common = { db: opts.db, dataDir: opts.dataDir, wall: opts.wall };
  const run =
    existing !== null
      ? await LiveRun.reopen({ ...common, runId: existing })
      : await LiveRun.start({ ...common, hunt: opts.hunt, name: `live: ${opts.hunt.title}`, code: newJoinCode((n) => randomInt(n)) });
  const organiserToken = opts.organiserToken ?? newToken();
  let server: LiveServer;
  try {
    server = await startLiveServer({
      run,
      bind: opts.bind,
      port: opts.port,
      organiserToken,
      uploadsDir: join(opts.dataDir, 'live', 'uploads'),
      page,
      limits: opts.limits,
      onError: opts.onError,
    });
  } catch (err) {
    await run.pause();
    throw err;
  }
  return {
    run,
    server,
    organiserToken,
    reopened: existing !== null,
    async stop() {
      await run.stop();
      server.organiser.onStopped();
      await server.close();
    },
    async close() {
      await server.close();
      await run.pause();
    },
  };
}
