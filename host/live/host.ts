// Going live: opens (or reopens) a live run and serves it on the address the organiser
// chose. Used by `hunt live` and by the studio.
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import type { Hunt } from '../../engine/hunt/schema';
import { openDatabase } from '../../db/open';
import { listRuns, type RunRow } from '../../db/runs';
import { newToken } from '../web/security';
import type { LiveLimits } from './limits';
import { playerPage } from './playerPage';
import { LiveRun, newJoinCode, type LiveSettings } from './run';
import { reachableAddresses, startLiveServer, type LiveServer } from './server';
import type { WallClock } from './clock';
import { saveServedAt } from './servedAt';
import { liveCertificate } from './tls';

export type GoLiveOptions = {
  db: string;
  /** Device lists and uploads go under DATA/live/. */
  dataDir: string;
  /** The hunt of a new live run (or of the open one to carry on); not needed with `runId`. */
  hunt?: Hunt;
  /** Carry on this live run (it must not have ended). */
  runId?: number;
  bind: string;
  port: number;
  /** The studio's token (default: a new one, printed by `hunt live`). */
  organiserToken?: string;
  /** Start a new live run even when one of this hunt can be carried on. */
  fresh?: boolean;
  limits?: Partial<LiveLimits>;
  /** Serve phones over HTTPS with the host's own certificate (host/live/tls.ts). */
  https?: boolean;
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

/** Where the photos of every live run are kept, under their content hash. */
export function liveUploadsDir(dataDir: string): string {
  return join(dataDir, 'live', 'uploads');
}

/**
 * The live runs that have not ended and are not going (interrupted by a crash, or paused by a
 * shutdown), oldest first. A playtest session is stored with kind live too, but has no join code.
 */
export function openLiveRuns(dbFile: string): RunRow[] {
  const db = openDatabase(dbFile);
  try {
    return listRuns(db).filter((r) => r.kind === 'live' && r.status !== 'completed' && r.status !== 'running' && (r.settings as Partial<LiveSettings> | null)?.live !== undefined);
  } finally {
    db.close();
  }
}

/** The newest live run of this hunt that has not ended (interrupted by a crash, or paused by a shutdown). */
export function unfinishedLiveRun(dbFile: string, huntId: string): number | null {
  const runs = openLiveRuns(dbFile).filter((r) => r.huntId === huntId);
  return runs.length > 0 ? runs[runs.length - 1].id : null;
}

export async function goLive(opts: GoLiveOptions): Promise<LiveHost> {
  const page = await playerPage();
  const hunt = opts.hunt;
  if (opts.runId === undefined && !hunt) throw new Error('goLive: needs the hunt of a new live run, or the run to carry on');
  const existing = opts.runId ?? (opts.fresh || !hunt ? null : unfinishedLiveRun(opts.db, hunt.id));
  const common = { db: opts.db, dataDir: opts.dataDir, wall: opts.wall };
  const run =
    existing !== null
      ? await LiveRun.reopen({ ...common, runId: existing })
      : await LiveRun.start({ ...common, hunt: hunt!, name: `live: ${hunt!.title}`, code: newJoinCode((n) => randomInt(n)) });
  const organiserToken = opts.organiserToken ?? newToken();
  let server: LiveServer;
  try {
    const tls = opts.https ? await liveCertificate(opts.dataDir, reachableAddresses(opts.bind), new Date((opts.wall ?? Date.now)())) : undefined;
    server = await startLiveServer({
      tls,
      run,
      bind: opts.bind,
      port: opts.port,
      organiserToken,
      uploadsDir: liveUploadsDir(opts.dataDir),
      page,
      limits: opts.limits,
      onError: opts.onError,
    });
  } catch (err) {
    await run.pause();
    throw err;
  }
  saveServedAt(opts.dataDir, run.runId, { bind: opts.bind, port: server.port, https: server.scheme === 'https' });
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
