// The `hunt` command runs from a bundle of its TypeScript sources, built by esbuild
// into node_modules/.cache/hunt-cli/ the first time it is needed and again whenever a
// source it was built from has changed, so the command always runs the code in the
// tree with no build step to forget. Compiling every module with tsx on each start
// took most of a second; loading the bundle takes a few milliseconds.
//
// The staleness rule: the bundle is current when the manifest written with it lists
// every file it was built from (esbuild's metafile, plus package.json and
// tsconfig.json) with the modification time and size that file still has. A file
// that is edited, replaced, or deleted makes it stale; a new file can only matter
// once a listed file imports it, and that edit makes it stale too. A file modified
// while a build was reading it is recorded as unknown, so the next start rebuilds.
//
// Worker threads: the modules that start a worker look for `<name>.js` beside
// themselves when they are not running from TypeScript, so each worker entry is an
// entry of the same build, written beside the command's own file.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The command's entry and every worker-thread entry (each `<name>.js` in the build). */
export const BUNDLE_ENTRIES = {
  'hunt-cli': 'cli/main.ts',
  'shard.worker': 'engine/runtime/shard.worker.ts',
  'writer.worker': 'db/writer/writer.worker.ts',
  'generator.worker': 'host/sim/generator.worker.ts',
  'query.worker': 'host/api/runs/query.worker.ts',
  'run.worker': 'host/api/runs/run.worker.ts',
  'whatif.worker': 'host/whatif/whatif.worker.ts',
};

/** Read by esbuild without being bundled: their changes change the build too. */
const CONFIG_INPUTS = ['package.json', 'tsconfig.json'];

/** Builds older than this that are not current are removed (a process started from one may still be loading its workers). */
const PRUNE_AFTER_MS = 24 * 3600 * 1000;

/** A source modified this recently before a build finished may have been read half-way through a change. */
const SETTLE_MS = 2000;

export function bundlePaths(root) {
  const dir = join(root, 'node_modules', '.cache', 'hunt-cli');
  return { dir, manifest: join(dir, 'current.json') };
}

/** The current build's manifest, or null when there is none (or it cannot be read). */
export function readManifest(root) {
  try {
    const m = JSON.parse(readFileSync(bundlePaths(root).manifest, 'utf8'));
    return typeof m?.build === 'string' && m.inputs && typeof m.inputs === 'object' ? m : null;
  } catch {
    return null;
  }
}

function fileStamp(path) {
  try {
    const s = statSync(path);
    return [s.mtimeMs, s.size];
  } catch {
    return null;
  }
}

/** Why the bundle must be (re)built, or null when the manifest's build is current. */
export function bundleStaleReason(root, manifest = readManifest(root)) {
  if (!manifest) return 'no build yet';
  if (!existsSync(join(bundlePaths(root).dir, manifest.build, 'hunt-cli.js'))) return 'the build is missing';
  for (const [file, stamp] of Object.entries(manifest.inputs)) {
    const now = fileStamp(join(root, file));
    if (!now) return `${file} is gone`;
    if (!Array.isArray(stamp) || now[0] !== stamp[0] || now[1] !== stamp[1]) return `${file} changed`;
  }
  return null;
}

/** The URL-less path of the current build's command module. */
export function bundleEntryFile(root, manifest) {
  return join(bundlePaths(root).dir, manifest.build, 'hunt-cli.js');
}

/**
 * Builds the bundle into a fresh directory and makes it current (a manifest written
 * whole, then renamed into place: commands starting meanwhile see the old build or
 * the new one, never half of either). Returns the new manifest.
 */
export async function buildBundle(root) {
  const { build } = await import('esbuild');
  const { dir, manifest: manifestFile } = bundlePaths(root);
  const id = `${Date.now().toString(36)}-${process.pid}`;
  const outdir = join(dir, id);
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: BUNDLE_ENTRIES,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
  });
  // Under node_modules/ no package.json of the project applies: say these are ES modules.
  writeFileSync(join(outdir, 'package.json'), '{"type":"module"}\n');
  const finished = Date.now();
  const inputs = {};
  for (const file of [...Object.keys(result.metafile.inputs), ...CONFIG_INPUTS]) {
    const stamp = fileStamp(join(root, file));
    inputs[file] = stamp && stamp[0] < finished - SETTLE_MS ? stamp : null;
  }
  const manifest = { build: id, inputs };
  const tmp = `${manifestFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(manifest));
  renameSync(tmp, manifestFile);
  pruneBuilds(dir, id, finished);
  return manifest;
}

function pruneBuilds(dir, current, now) {
  for (const name of readdirSync(dir)) {
    if (name === current || name === 'current.json') continue;
    const full = join(dir, name);
    try {
      if (now - statSync(full).mtimeMs > PRUNE_AFTER_MS) rmSync(full, { recursive: true, force: true });
    } catch {
      // another command pruned it first
    }
  }
}

/**
 * The file to import the command from: the current bundle, built first when stale.
 * Null when it cannot be built (esbuild missing, a read-only tree, a syntax error the
 * TypeScript loader will report better): the caller then runs the sources through tsx.
 */
export async function currentBundle(root, warn = (line) => process.stderr.write(line + '\n')) {
  let manifest = readManifest(root);
  if (bundleStaleReason(root, manifest) !== null) {
    try {
      manifest = await buildBundle(root);
    } catch (err) {
      warn(`hunt: could not build the command bundle (${String(err?.message ?? err).split('\n')[0]}); running from the TypeScript sources`);
      return null;
    }
  }
  return bundleEntryFile(root, manifest);
}
