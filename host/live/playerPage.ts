// The players' page (renderer/player/), bundled with esbuild when the live host starts and
// served from memory: one HTML file, one script (the QR decoder included), one stylesheet,
// nothing from outside, so it works on a venue's Wi-Fi with no internet.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from '../paths';

export type PageFile = { body: Buffer; type: string };
export type PlayerPage = ReadonlyMap<string, PageFile>;

export const PLAYER_SOURCE_DIR = join(projectRoot(), 'renderer', 'player');

let cached: Promise<PlayerPage> | null = null;

/** The page's files by URL path ('/' is the HTML). Built once per process. */
export function playerPage(dir = PLAYER_SOURCE_DIR): Promise<PlayerPage> {
  cached ??= (async () => {
    const out = await build({
      entryPoints: [join(dir, 'main.ts')],
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2020',
      write: false,
      legalComments: 'none',
      logLevel: 'silent',
    });
    const files = new Map<string, PageFile>();
    files.set('/', { body: readFileSync(join(dir, 'index.html')), type: 'text/html; charset=utf-8' });
    files.set('/app.js', { body: Buffer.from(out.outputFiles[0].contents), type: 'text/javascript; charset=utf-8' });
    files.set('/app.css', { body: readFileSync(join(dir, 'player.css')), type: 'text/css; charset=utf-8' });
    return files;
  })();
  cached.catch(() => (cached = null));
  return cached;
}
