// `npm install` as the README gives it: every dependency's install script is reviewed
// in package.json's allowScripts (npm 11 warns about the others, and a later npm will
// not run them), Electron's download is the project's own tolerant postinstall, and CI
// installs exactly so.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string>; allowScripts: Record<string, boolean> };
const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; hasInstallScript?: boolean }> };

/** The packages in the lockfile that have install scripts, by name. */
function withInstallScripts(): string[] {
  const names = new Set<string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || !entry.hasInstallScript) continue;
    names.add(path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
  }
  return [...names].sort();
}

describe('npm install', () => {
  it("covers every dependency's install script in allowScripts", () => {
    const scripted = withInstallScripts();
    expect(scripted.length).toBeGreaterThan(0);
    const uncovered = scripted.filter((name) => !(name in pkg.allowScripts));
    expect(uncovered, 'run `npm install-scripts ls`, review the scripts, then approve or deny them in package.json').toEqual([]);
    // Name-only entries: pinned ones (name@version) cannot be matched when the lockfile
    // omits registry URLs (omit-lockfile-registry-resolved), so npm would still warn.
    for (const key of Object.keys(pkg.allowScripts)) expect(key, 'allowScripts entries are package names').toMatch(/^(@[^/@]+\/)?[^@]+$/);
    // None listed that nothing installs any more.
    expect(Object.keys(pkg.allowScripts).filter((name) => !scripted.includes(name))).toEqual([]);
  });

  it('builds better-sqlite3 (native) and lets esbuild check its binary', () => {
    expect(pkg.allowScripts['better-sqlite3']).toBe(true);
    expect(pkg.allowScripts.esbuild).toBe(true);
  });

  it("leaves Electron's download to the project's postinstall, which tolerates a failed one", () => {
    expect(pkg.allowScripts.electron).toBe(false);
    expect(pkg.scripts.postinstall).toBe('node scripts/install-electron.mjs');
  });

  it('CI installs as the README says, with no variable the README does not name', () => {
    const ci = readFileSync(join(repo, '.ci', 'run'), 'utf8');
    expect(ci).not.toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD|^\s*export\s/m);
    expect(ci).toMatch(/^npm install$/m);
  });
});
