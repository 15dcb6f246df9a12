import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, rendererStaleReason } from '../../../host/web/rendererBuild';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function repo() {
  root = mkdtempSync(join(tmpdir(), 'studio-build-'));
  mkdirSync(join(root, 'renderer', 'src'), { recursive: true });
  mkdirSync(join(root, 'api'));
  writeFileSync(join(root, 'renderer', 'src', 'App.tsx'), 'x');
  writeFileSync(join(root, 'api', 'contract.ts'), 'x');
  return root;
}

function age(path: string, secondsAgo: number) {
  const t = Date.now() / 1000 - secondsAgo;
  utimesSync(path, t, t);
}

describe('building the page when needed', () => {
  it('knows when renderer/dist is missing, older than renderer/ or api/, or fresh', () => {
    const r = repo();
    expect(rendererStaleReason(r)).toBe('renderer/dist is missing');
    mkdirSync(join(r, 'renderer', 'dist'));
    writeFileSync(join(r, 'renderer', 'dist', 'index.html'), '<!doctype html>');
    age(join(r, 'renderer', 'src', 'App.tsx'), 100);
    age(join(r, 'api', 'contract.ts'), 100);
    expect(rendererStaleReason(r)).toBeNull();
    age(join(r, 'renderer', 'dist', 'index.html'), 200);
    expect(rendererStaleReason(r)).toBe('renderer/dist is older than its sources');
    age(join(r, 'renderer', 'dist', 'index.html'), 50);
    age(join(r, 'api', 'contract.ts'), 10);
    expect(rendererStaleReason(r)).toBe('renderer/dist is older than its sources');
  });

  it('says why it cannot build when there is no Vite config', () => {
    const r = repo();
    const said: string[] = [];
    expect(ensureRendererBuilt(r, (l) => said.push(l))).toBe(false);
    expect(said[0]).toContain('renderer/vite.config.ts does not exist');
  });
});
