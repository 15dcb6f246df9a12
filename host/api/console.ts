// The organiser's console (console.*): goes live from the studio with the same goLive()
// as `hunt live`, on the interface and port the organiser picked (the studio itself stays
// on loopback), and runs the organiser's calls on that live host in this process. Every
// intervention is written by the live run as a line of its log (host/live/organiser.ts).
// One live hunt is served at a time; it shows in the runs list as a run in progress.
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import type { LiveServing, OpenLiveRun, Verdict } from '../../api/liveConsole';
import { ApiError } from '../../api/errors';
import { goLive, liveUploadsDir, openLiveRuns, type LiveHost } from '../live/host';
import { describeBind, EVERY_INTERFACE, networkChoices } from '../live/interfaces';
import { joinQrDataUrl } from '../live/joinQr';
import { boardOf } from '../live/board';
import { consoleState, consoleTeam, organiserCall } from '../live/organiser';
import { DeviceRegistry } from '../live/registry';
import { LiveRun, type LiveSettings } from '../live/run';
import { lastServedAt } from '../live/servedAt';
import { UploadStore } from '../live/uploads';
import type { HandlerImpls } from './handlers';
import { parseRunId, type RunsContext } from './runs/context';
import { requireValid } from './runs/start';

type Serving = {
  host: LiveHost;
  info: LiveServing;
  /** Set once serving is ending (stopped, ended, or the host shutting down). */
  closing: Promise<void> | null;
  /** Resolves the run's `settled` in the runs context once serving has ended. */
  settle: () => void;
};

/** Why the socket could not be opened, in the organiser's words. */
function listenError(err: unknown, bind: string, port: number): ApiError | null {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') return new ApiError('conflict', `Port ${port} is already in use on ${bind} (another program, or another live hunt): choose another port.`);
  if (code === 'EACCES') return new ApiError('conflict', `This system does not let the studio open port ${port} on ${bind} (ports below 1024 need administrator rights): choose a port from 1024 up.`);
  if (code === 'EADDRNOTAVAIL') return new ApiError('conflict', `${bind} is not an address of this machine (any more): choose one of the listed interfaces.`);
  return null;
}

/**
 * Opens and closes bind:port once, so that a port in use is found before a new live run is
 * stored: otherwise every failed attempt would leave an empty open run behind, offered to carry on.
 */
function probeListen(bind: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ host: bind, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

export function consoleHandlers(ctx: RunsContext): HandlerImpls {
  const dataDir = dirname(ctx.dbFile);
  let serving: Serving | null = null;
  let starting = false;

  const current = (): Serving => {
    if (!serving) throw new ApiError('conflict', 'No live hunt is being served: go live first.');
    return serving;
  };

  /** Stops serving (the run stays open unless it is ended); the runs list then shows it as it is. */
  function release(s: Serving, how: 'close' | 'stop'): Promise<void> {
    if (s.closing) return s.closing;
    if (serving === s) serving = null;
    const runId = s.host.run.runId;
    s.closing = (how === 'stop' ? s.host.stop() : s.host.close()).finally(() => {
      ctx.active.delete(runId);
      ctx.bus.publish('runs.changed', { runId: String(runId) });
      s.settle();
    });
    return s.closing;
  }

  async function describe(host: LiveHost): Promise<LiveServing> {
    const { server, run } = host;
    const join = await Promise.all(server.joinUrls.map(async (url) => ({ url, qr: await joinQrDataUrl(url) })));
    const metricsHost = server.bind === EVERY_INTERFACE ? '127.0.0.1' : server.bind;
    return {
      runId: String(run.runId),
      huntTitle: run.hunt.title,
      bind: server.bind,
      port: server.port,
      opened: describeBind(server.bind),
      code: run.code,
      join,
      reopened: host.reopened,
      tlsFingerprint: server.fingerprint,
      metricsUrl: `${server.scheme}://${metricsHost}:${server.port}/metrics`,
      organiserToken: host.organiserToken,
    };
  }

  return {
    'console.networks': () => networkChoices(),

    'console.openRuns': (): OpenLiveRun[] => {
      ctx.db();
      return openLiveRuns(ctx.dbFile)
        .filter((r) => r.id !== serving?.host.run.runId)
        .map((r) => {
          const last = lastServedAt(dataDir, r.id);
          return {
            runId: String(r.id),
            huntId: r.huntId,
            huntTitle: r.huntTitle,
            code: (r.settings as LiveSettings).live.code,
            teams: DeviceRegistry.open(LiveRun.registryFile(dataDir, r.id)).allTeams().length,
            events: r.events,
            createdAt: r.createdAt,
            lastBind: last?.bind ?? null,
            lastPort: last?.port ?? null,
            lastHttps: last?.https ?? false,
          };
        })
        .reverse();
    },

    'console.goLive': async ({ hunt, runId, bind, port, https }) => {
      if (serving || starting) throw new ApiError('conflict', `Live run ${serving?.info.runId ?? ''} is already being served: stop serving it first.`.replace('  ', ' '));
      if ((hunt === undefined) === (runId === undefined)) throw new ApiError('bad-argument', 'console.goLive: give either the hunt of a new live run or the runId of one to carry on');
      if (!networkChoices().some((c) => c.address === bind)) {
        throw new ApiError('bad-argument', `${bind} is not a network address of this machine; choose one of: ${networkChoices().map((c) => c.address).join(', ')}`);
      }
      const valid = hunt === undefined ? undefined : requireValid(hunt);
      const carryOn = runId === undefined ? undefined : parseRunId(runId);
      if (carryOn !== undefined && !openLiveRuns(ctx.dbFile).some((r) => r.id === carryOn)) {
        throw new ApiError('conflict', `Run ${runId} is not a live run that can be carried on (it ended, is going elsewhere, or is not a live hunt).`);
      }
      ctx.db();
      starting = true;
      let host: LiveHost;
      try {
        if (carryOn === undefined) await probeListen(bind, port);
        host = await goLive({ db: ctx.dbFile, dataDir, hunt: valid, runId: carryOn, fresh: carryOn === undefined, bind, port, https });
      } catch (err) {
        throw listenError(err, bind, port) ?? err;
      } finally {
        starting = false;
      }
      const info = await describe(host);
      let settle!: () => void;
      const settled = new Promise<void>((resolve) => (settle = resolve));
      const s: Serving = { host, info, closing: null, settle };
      serving = s;
      const id = host.run.runId;
      ctx.active.set(id, {
        id,
        kind: 'live',
        get progress() {
          const board = boardOf(host.run);
          board.refresh(host.run.clock.now());
          const byStatus = board.statusCounts();
          const count = (status: string) => byStatus[status] ?? 0;
          return {
            runId: String(id),
            status: 'running' as const,
            processed: host.run.recentActivity().at(-1)?.seq ?? 0,
            total: null,
            virtualTime: host.run.clock.now(),
            eventsPerSec: host.server.metrics.figures().actionsPerSec,
            active: count('active'),
            finished: count('finished'),
            timedOut: count('timed_out'),
            quit: count('quit'),
          };
        },
        // The host shutting down (or Cancel in the runs list): stop serving, the run stays open.
        stop: () => void release(s, 'close'),
        settled,
      });
      // The hunt ending by itself (every team done, or its pipeline failing) ends the serving too.
      host.run.ended.then(
        () => void release(s, 'close'),
        () => void release(s, 'close'),
      );
      ctx.bus.publish('runs.changed', { runId: String(id) });
      return info;
    },

    'console.serving': () => serving?.info ?? null,

    'console.state': (filter) => consoleState(current().host.server.organiser, filter),
    'console.team': ({ team }) => consoleTeam(current().host.server.organiser, team),
    'console.judge': (arg) => organiserCall(current().host.server.organiser, 'judge', arg) as Promise<Verdict>,
    'console.adjust': (arg) => organiserCall(current().host.server.organiser, 'adjust', arg) as Promise<Verdict>,
    'console.extend': (arg) => organiserCall(current().host.server.organiser, 'extend', arg) as Promise<Verdict>,
    'console.message': (arg) => organiserCall(current().host.server.organiser, 'message', arg) as Promise<Verdict>,

    'console.photo': ({ ref }) => {
      current();
      const photo = new UploadStore(liveUploadsDir(dataDir)).read(ref);
      if (!photo) throw new ApiError('not-found', `There is no stored photo ${JSON.stringify(ref)}.`);
      return { mime: photo.mime, dataUrl: `data:${photo.mime};base64,${photo.bytes.toString('base64')}` };
    },

    'console.stopServing': async () => {
      const s = current();
      await release(s, 'close');
      return { runId: String(s.host.run.runId) };
    },

    'console.endHunt': async () => {
      const s = current();
      await release(s, 'stop');
      const outcome = await s.host.run.ended;
      return { runId: String(outcome.runId), status: outcome.status };
    },
  };
}
