// The organiser's console at scale: size and time of one console.state answer (built and
// serialised as the host sends it) and of console.team, at 200 and 2,000 teams. A live host
// on loopback plays the 20-step benchmark hunt; teams join and act through the live run
// itself (no sockets: this measures the host's work for the console, not the network).
//
//   node --import tsx bench/console.bench.ts [--teams 200,2000] [--reps 25]
//
// Prints one line per size: the median and the slowest of `reps` calls, and the bytes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { goLive } from '../host/live/host';
import { organiserCall } from '../host/live/organiser';
import { benchHunt } from './bench-hunt';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const sizes = arg('teams', '200,2000').split(',').map(Number);
const reps = Number(arg('reps', '25'));
/** The feed page the studio asks for (renderer/liveConsole/useLiveState.ts). */
const FEED_LIMIT = 500;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(teams: number) {
  const dir = mkdtempSync(join(tmpdir(), 'console-bench-'));
  const hunt = benchHunt();
  const spot = hunt.locations![0];
  const host = await goLive({ db: join(dir, 'live.db'), dataDir: dir, hunt, bind: '127.0.0.1', port: 0 });
  try {
    const run = host.run;
    // Teams join in waves (each join waits for its line to be committed); a third of them
    // find the first place, half of those answer step 2: scores and step counts differ.
    for (let i = 0; i < teams; i += 200) {
      await Promise.all(
        Array.from({ length: Math.min(200, teams - i) }, async (_, k) => {
          const n = i + k;
          const { device } = await run.joinTeam(`Team ${String(n + 1).padStart(4, '0')}`);
          if (n % 3 !== 0) return;
          await run.deviceAction(device, 1, { type: 'position', lat: spot.lat, lon: spot.lon });
          if (n % 6 === 0) await run.deviceAction(device, 2, { type: 'answer', step: 's02', text: 'answer 2' });
        }),
      );
    }
    const ctx = host.server.organiser;
    const stateMs: number[] = [];
    let bytes = 0;
    for (let r = 0; r < reps; r++) {
      const t0 = performance.now();
      const body = JSON.stringify(await organiserCall(ctx, 'state', { limit: FEED_LIMIT }));
      stateMs.push(performance.now() - t0);
      bytes = Buffer.byteLength(body);
    }
    const teamMs: number[] = [];
    let teamBytes: number | null = null;
    const someTeam = run.registry.allTeams()[Math.floor(teams / 2)].id;
    for (let r = 0; r < reps; r++) {
      const t0 = performance.now();
      try {
        teamBytes = Buffer.byteLength(JSON.stringify(await organiserCall(ctx, 'team', { team: someTeam })));
      } catch {
        break; // a host without console.team
      }
      teamMs.push(performance.now() - t0);
    }
    const fmt = (xs: number[]) => `median ${median(xs).toFixed(2)} ms, max ${Math.max(...xs).toFixed(2)} ms`;
    console.log(
      `console.state at ${teams} teams (${hunt.steps.length} steps, feed ${FEED_LIMIT}): ${(bytes / 1024).toFixed(1)} KB, ${fmt(stateMs)} over ${reps} calls` +
        (teamBytes === null ? '; console.team: none' : `; console.team: ${(teamBytes / 1024).toFixed(1)} KB, ${fmt(teamMs)}`),
    );
  } finally {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const n of sizes) await measure(n);
