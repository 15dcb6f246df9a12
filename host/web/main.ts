// `npm run studio:web` (and `npm start` without Electron): the studio in a plain browser.
// Builds the page if needed, starts the web host on 127.0.0.1, prints the address to open.
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dataDir as defaultDataDirectory } from '../paths';
import { createEventBus } from '../api/bus';
import { createDispatcher } from '../api/dispatch';
import { createHandlers, runsContextFor } from '../api/handlers';
import { ensureRendererBuilt, rendererPaths } from './rendererBuild';
import { startWebHost, type WebHost } from './server';

export const BUNDLED_EXAMPLE = 'examples/old-town-walk.hunt.json';

export type StudioWebOptions = {
  repoRoot: string;
  port?: number;
  dataDir?: string;
  /** A hunt to open at start; default: the bundled example. */
  hunt?: string | null;
  build?: boolean;
  log?: (line: string) => void;
};

export async function startStudioWeb(opts: StudioWebOptions): Promise<WebHost> {
  const log = opts.log ?? ((l: string) => process.stdout.write(l + '\n'));
  if (opts.build !== false) ensureRendererBuilt(opts.repoRoot, log);
  const version = (JSON.parse(readFileSync(join(opts.repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const example = join(opts.repoRoot, BUNDLED_EXAMPLE);
  const startupHunt = opts.hunt === undefined ? (existsSync(example) ? example : null) : opts.hunt === null ? null : resolve(opts.hunt);
  const bus = createEventBus();
  // The same place as the `hunt` command's default database, so runs made there show here too.
  const dataDir = resolve(opts.dataDir ?? defaultDataDirectory());
  const runs = runsContextFor(dataDir, bus);
  const handlers = createHandlers({ host: 'web', version, dataDir, examplesDir: join(opts.repoRoot, 'examples'), startupHunt, bus, runs });
  const dispatch = createDispatcher(handlers, {
    onInternalError: (method, err) => process.stderr.write(`studio: ${method} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`),
  });
  const host = await startWebHost({ dispatch, bus, staticDir: rendererPaths(opts.repoRoot).dist, port: opts.port });
  return {
    ...host,
    async close() {
      await host.close();
      // Runs still in progress are cancelled with the host (a killed process leaves them interrupted instead);
      // a live hunt stops serving and stays open. Waiting for them lets a host started next on the same
      // data carry a live run on at once.
      const going = [...runs.active.values()];
      for (const run of going) run.stop();
      await Promise.all(going.map((run) => run.settled));
      runs.close();
      bus.close();
    },
  };
}

type Parsed = { port?: number; dataDir?: string; hunt?: string | null; build: boolean; help?: boolean };

/** What `npm run studio:web -- --help` (and `node bin/studio-web.mjs --help`) prints. */
export const USAGE = [
  'Usage: npm run studio:web -- [options] [HUNT.hunt.json]',
  '       node bin/studio-web.mjs [options] [HUNT.hunt.json]',
  '',
  'Serves the studio on http://127.0.0.1 and prints the address to open (it carries the access token).',
  `Opens HUNT.hunt.json, or the bundled example (${BUNDLED_EXAMPLE}).`,
  '',
  'Options:',
  '  --port N        listen on port N (default: a free port)',
  '  --data-dir DIR  keep runs in DIR (default: $HUNT_DATA_DIR, else the data folder the hunt command uses)',
  '  --no-build      serve renderer/dist as it is, without rebuilding the page',
  '  --no-hunt       start with a new hunt instead of the example',
  '  -h, --help      print this and exit',
  '',
  'Ctrl+C stops the studio (runs still going are cancelled).',
].join('\n');

export function parseArgs(argv: string[]): Parsed {
  const out: Parsed = { build: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--help' || a === '-h') out.help = true;
    else if (a === '--port') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port must be a port number (0 to 65535), not "${argv[i]}"`);
      out.port = n;
    } else if (a === '--data-dir') out.dataDir = value();
    else if (a === '--no-build') out.build = false;
    else if (a === '--no-hunt') out.hunt = null;
    else if (a.startsWith('-')) throw new Error(`unknown option ${a} (--help lists the options)`);
    else out.hunt = a;
  }
  return out;
}

export async function runStudioWeb(repoRoot: string, argv: string[]): Promise<void> {
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`studio:web: ${(err as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  if (parsed.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const host = await startStudioWeb({ repoRoot, ...parsed });
  process.stdout.write(`Treasure Hunt Studio is running at ${host.url}\n(open that address in a browser; Ctrl+C stops the studio)\n`);
  const stop = () => void host.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
