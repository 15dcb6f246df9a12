// One API test suite, run against every way the API is served (contract.test.ts):
// what the studio relies on must hold in-process, over the web host and (by the same
// dispatcher) over Electron IPC.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Method, RunProgress } from '../../api/contract';
import { ApiError } from '../../api/errors';
import type { ApiFactory, ApiUnderTest } from './hosts';

export async function apiError(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error('expected the call to fail');
}

export function contractSuite(factory: ApiFactory) {
  let t: ApiUnderTest;
  beforeEach(async () => {
    t = await factory();
  });
  afterEach(async () => {
    await t.close();
  });

  it('app.info names the host, version and data directory', async () => {
    const info = await t.api.call('app.info', {});
    expect(info).toEqual({ version: '0.0.0-test', host: 'web', dataDir: t.dataDir, startupHunt: null });
  });

  it('hunts.new is a valid hunt to start from', async () => {
    const doc = await t.api.call('hunts.new', {});
    expect(doc.path).toBeNull();
    expect(doc.report).toEqual({ valid: true, errors: [], warnings: [] });
    expect((doc.hunt as { format: string }).format).toBe('hunt/1');
  });

  it('hunts.validate reports every error with code and path, and accepts a valid hunt', async () => {
    const report = await t.api.call('hunts.validate', { hunt: { format: 'hunt/1', steps: [] } });
    expect(report.valid).toBe(false);
    expect(report.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['/id', '/title', '/steps']));
    for (const e of report.errors) {
      expect(e.code).toBe('schema');
      expect(e.message.length).toBeGreaterThan(0);
    }
    const hunt = JSON.parse(readFileSync(join(t.examplesDir, 'river-trail.hunt.json'), 'utf8'));
    expect((await t.api.call('hunts.validate', { hunt })).valid).toBe(true);
  });

  it('hunts.validate finds the reference errors too (a cycle)', async () => {
    const hunt = JSON.parse(readFileSync(join(t.examplesDir, 'broken-loop.hunt.json'), 'utf8'));
    const report = await t.api.call('hunts.validate', { hunt });
    expect(report.valid).toBe(false);
    expect(report.errors.filter((e) => e.code === 'cycle').map((e) => e.path)).toEqual(['/steps/6', '/steps/7', '/steps/8']);
    expect(report.warnings.map((w) => w.code)).toContain('unused-location');
  });

  it('refuses bad arguments with the path of each problem', async () => {
    const missing = await apiError(t.api.call('hunts.validate', {} as never));
    expect(missing.code).toBe('bad-argument');
    expect(missing.message).toContain('/hunt');
    const extra = await apiError(t.api.call('app.info', { surprise: 1 } as never));
    expect(extra.code).toBe('bad-argument');
    const wrongType = await apiError(t.api.call('hunts.open', { path: 42 } as never));
    expect(wrongType.code).toBe('bad-argument');
    expect((wrongType.details as { path: string }[])[0].path).toBe('/path');
  });

  it('refuses a method that does not exist', async () => {
    const err = await apiError(t.api.call('hunts.delete-everything' as Method, {} as never));
    expect(err.code).toBe('unknown-method');
    expect(err.message).toContain('hunts.delete-everything');
  });

  it('lists the bundled examples and opens one as untitled', async () => {
    const list = await t.api.call('hunts.examples', {});
    expect(list.map((e) => e.name)).toEqual(['broken-loop', 'river-trail']);
    const river = list.find((e) => e.name === 'river-trail')!;
    expect(river).toMatchObject({ id: 'river-trail', title: 't', description: 'generated' });
    expect(river.steps).toBeGreaterThan(1);
    const doc = await t.api.call('hunts.openExample', { name: 'river-trail' });
    expect(doc.path).toBeNull();
    expect(doc.report.valid).toBe(true);
  });

  it('opens a bundled example file by its path as untitled, so saving cannot overwrite it', async () => {
    const doc = await t.api.call('hunts.open', { path: join(t.examplesDir, 'river-trail.hunt.json') });
    expect(doc.path).toBeNull();
    expect(doc.report.valid).toBe(true);
    expect(await t.api.call('hunts.recent', {})).toEqual([]);
  });

  it('opens only listed examples: unknown names and paths are refused', async () => {
    expect((await apiError(t.api.call('hunts.openExample', { name: 'nope' }))).code).toBe('not-found');
    expect((await apiError(t.api.call('hunts.openExample', { name: '../data/x' }))).code).toBe('bad-argument');
  });

  it('saves, reopens and remembers a hunt; the file on disk is the hunt as JSON', async () => {
    const file = join(t.dir, 'mine.hunt.json');
    const { hunt } = await t.api.call('hunts.new', {});
    const saved = await t.api.call('hunts.save', { path: file, hunt });
    expect(saved.path).toBe(file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(hunt);
    const opened = await t.api.call('hunts.open', { path: file });
    expect(opened).toEqual(saved);
    expect(await t.api.call('hunts.recent', {})).toEqual([file]);
  });

  it('lists the data folder for the Open dialog: folders first, .json files only, nothing outside it', async () => {
    mkdirSync(join(t.dataDir, 'drafts'), { recursive: true });
    writeFileSync(join(t.dataDir, 'b.hunt.json'), '{}');
    writeFileSync(join(t.dataDir, 'notes.txt'), 'x');
    writeFileSync(join(t.dataDir, 'drafts', 'a.hunt.json'), '{}');
    const top = await t.api.call('hunts.browse', {});
    expect(top.parent).toBeNull();
    expect(top.entries.filter((e) => e.name !== 'recent-hunts.json').map((e) => [e.kind, e.name])).toEqual(expect.arrayContaining([['folder', 'drafts'], ['hunt', 'b.hunt.json']]));
    expect(top.entries.map((e) => e.name)).not.toContain('notes.txt');
    expect(top.entries[0].kind).toBe('folder');
    const sub = await t.api.call('hunts.browse', { dir: join(t.dataDir, 'drafts') });
    expect(sub.parent).toBe(top.dir);
    expect(sub.entries.map((e) => e.path)).toEqual([join(t.dataDir, 'drafts', 'a.hunt.json')]);
    expect((await apiError(t.api.call('hunts.browse', { dir: t.dir }))).code).toBe('bad-argument');
  });

  it('saves a hunt that is not valid yet, reporting its errors', async () => {
    const file = join(t.dir, 'draft.hunt.json');
    const doc = await t.api.call('hunts.save', { path: file, hunt: { format: 'hunt/1', id: 'Bad Id' } });
    expect(doc.report.valid).toBe(false);
    expect(existsSync(file)).toBe(true);
  });

  it('a failed save names the file and leaves what was there untouched', async () => {
    const file = join(t.dir, 'kept.hunt.json');
    writeFileSync(file, '{"kept": true}\n');
    const err = await apiError(t.api.call('hunts.save', { path: join(t.dir, 'no-such-dir', 'x.hunt.json'), hunt: {} }));
    expect(err.code).toBe('io');
    expect(err.message).toContain('no-such-dir');
    // Saving over a directory fails too, and no temporary file is left behind.
    mkdirSync(join(t.dir, 'dir.json'));
    expect((await apiError(t.api.call('hunts.save', { path: join(t.dir, 'dir.json'), hunt: {} }))).code).toBe('io');
    expect(readFileSync(file, 'utf8')).toBe('{"kept": true}\n');
    expect(readdirSync(t.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to save or open anything but .json files', async () => {
    const err = await apiError(t.api.call('hunts.save', { path: join(t.dir, 'notes.txt'), hunt: {} }));
    expect(err.code).toBe('bad-argument');
    expect(existsSync(join(t.dir, 'notes.txt'))).toBe(false);
  });

  it('names the file when it cannot be read, and the line and column when it is not JSON', async () => {
    const missing = join(t.dir, 'missing.hunt.json');
    const notFound = await apiError(t.api.call('hunts.open', { path: missing }));
    expect(notFound.code).toBe('not-found');
    expect(notFound.message).toContain(missing);
    const bad = join(t.dir, 'bad.hunt.json');
    writeFileSync(bad, '{\n  "format": "hunt/1",\n  "id": oops\n}\n');
    const syntax = await apiError(t.api.call('hunts.open', { path: bad }));
    expect(syntax.code).toBe('invalid-hunt');
    expect(syntax.message).toContain(`${bad}:3:9`);
    expect(syntax.details).toMatchObject({ line: 3, column: 9 });
  });

  it('opens a hunt from its text (a file picked in the browser)', async () => {
    const text = readFileSync(join(t.examplesDir, 'river-trail.hunt.json'), 'utf8');
    const doc = await t.api.call('hunts.openText', { name: 'river.hunt.json', text });
    expect(doc).toMatchObject({ path: null, report: { valid: true } });
    const err = await apiError(t.api.call('hunts.openText', { name: 'x.hunt.json', text: '{"a": 1,}' }));
    expect(err.code).toBe('invalid-hunt');
    expect(err.message).toMatch(/^x\.hunt\.json:1:9: /);
  });

  it('delivers pushed messages to subscribers, progress throttled per run', async () => {
    const seen: RunProgress[] = [];
    const changed: string[] = [];
    const offProgress = t.api.subscribe('run.progress', (p) => seen.push(p));
    const offChanged = t.api.subscribe('runs.changed', (m) => changed.push(m.runId));
    await (t.api as { ready?: () => Promise<void> }).ready?.();
    const base: RunProgress = {
      runId: 'r1', status: 'running', processed: 0, total: 100, virtualTime: 0, eventsPerSec: 0, active: 0, finished: 0, timedOut: 0, quit: 0,
    };
    for (let i = 1; i <= 50; i++) t.bus.publish('run.progress', { ...base, processed: i });
    t.bus.publish('run.progress', { ...base, processed: 100, status: 'completed' });
    t.bus.publish('runs.changed', { runId: 'r1' });
    await expect.poll(() => changed, { timeout: 2000 }).toEqual(['r1']);
    await expect.poll(() => seen.at(-1)?.status, { timeout: 2000 }).toBe('completed');
    // 51 updates in a burst arrive as a few: the first, then the final state.
    expect(seen.length).toBeLessThan(5);
    expect(seen[0].processed).toBe(1);
    expect(seen.at(-1)!.processed).toBe(100);
    offProgress();
    offChanged();
  });
}
