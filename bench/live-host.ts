// The live host of the load benchmark (bench/live.bench.ts), in a process of its own so its
// memory and CPU are its own: goLive on loopback with the per-address limits lifted (every
// simulated phone shares 127.0.0.1; the per-device limits stay). Prints one JSON line when ready.
import { readFileSync } from 'node:fs';
import { goLive } from '../host/live/host';
import type { Hunt } from '../engine/hunt/schema';

const [huntFile, db, dataDir] = process.argv.slice(2);
const hunt = JSON.parse(readFileSync(huntFile, 'utf8')) as Hunt;
const unlimited = { perSec: 1e9, burst: 1e9 };
const host = await goLive({ db, dataDir, hunt, bind: '127.0.0.1', port: 0, limits: { address: unlimited } });
const rss = () => process.memoryUsage().rss;
process.stdout.write(JSON.stringify({ port: host.server.port, code: host.run.code, token: host.organiserToken, runId: host.run.runId, rss: rss() }) + '\n');
// The benchmark asks for memory and the host's own figures on stdin: one line per request.
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d: string) => {
  for (const cmd of d.split('\n').filter(Boolean)) {
    if (cmd === 'stats') {
      global.gc?.();
      process.stdout.write(JSON.stringify({ rss: rss(), heap: process.memoryUsage().heapUsed, figures: host.server.metrics.figures() }) + '\n');
    } else if (cmd === 'stop') void host.stop().then(() => process.exit(0));
  }
});
