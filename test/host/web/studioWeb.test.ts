// `npm run studio:web` and `npm start` as a user runs them: the address is printed,
// the studio answers there with the token and refuses without it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronBinary } from '../../../electron/binary';
import { USAGE } from '../../../host/web/main';

const repo = join(__dirname, '..', '..', '..');

function start(script: string, args: string[]): { child: ChildProcess; lines: Promise<string[]> } {
  const child = spawn(process.execPath, [join(repo, script), ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = new Promise<string[]>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      out += d;
      if (/running at http/.test(out)) resolve(out.split('\n'));
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code} before printing the address: ${out}${err}`)));
  });
  return { child, lines };
}

let running: ChildProcess | null = null;
let dataDir: string | null = null;
afterEach(() => {
  running?.kill('SIGTERM');
  running = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function checkServes(lines: string[]) {
  const url = /running at (\S+)/.exec(lines.join('\n'))![1];
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
  const origin = url.slice(0, url.indexOf('/#'));
  const token = url.slice(url.indexOf('token=') + 6);
  const info = await fetch(`${origin}/api/app.info`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-studio-token': token }, body: '{}' });
  expect(info.status).toBe(200);
  expect(await info.json()).toMatchObject({ host: 'web', dataDir, startupHunt: join(repo, 'examples', 'old-town-walk.hunt.json') });
  const refused = await fetch(`${origin}/api/app.info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(refused.status).toBe(401);
}

describe('studio launch scripts', () => {
  it('npm run studio:web prints the address and serves the studio with the bundled example', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'studio-web-cli-'));
    const s = start('bin/studio-web.mjs', ['--no-build', '--data-dir', dataDir]);
    running = s.child;
    await checkServes(await s.lines);
  });

  it.skipIf(electronBinary() !== null)('npm start says in one line that Electron is missing and serves on the web host', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'studio-start-'));
    const s = start('scripts/start.mjs', ['--no-build', '--data-dir', dataDir]);
    running = s.child;
    const lines = await s.lines;
    expect(lines[0]).toBe("Electron's binary is not installed (its download failed or was skipped at npm install): serving the studio on the local web host instead. To try the download again: npm run postinstall");
    await checkServes(lines);
  });

  it.each([
    ['node bin/studio-web.mjs --help', process.execPath, [join(repo, 'bin/studio-web.mjs'), '--help']],
    ['npm run studio:web -- --help', 'npm', ['run', '--silent', 'studio:web', '--', '--help']],
  ])('%s prints the usage and exits 0', async (_name, command, args) => {
    const child = spawn(command, args, { cwd: repo });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(out).toBe(USAGE + '\n');
    for (const option of ['--port N', '--data-dir DIR', '--no-build', '--no-hunt', '--help']) expect(out).toContain(option);
  });

  it('refuses unknown options with a usage line', async () => {
    const child = spawn(process.execPath, [join(repo, 'bin/studio-web.mjs'), '--frobnicate'], { cwd: repo });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('unknown option --frobnicate (--help lists the options)');
  });
});
