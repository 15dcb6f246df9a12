// The hunts bundled with the studio (`examples/*.hunt.json`). An example is named by
// its file name without `.hunt.json`; the studio can open only names in this list,
// so a name from the page can never reach outside the examples folder.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ExampleSummary } from '../../api/contract';
import { ApiError } from '../../api/errors';
import { parseJsonOrThrow, readTextFile } from './files';

const SUFFIX = '.hunt.json';

export function exampleFiles(examplesDir: string): { name: string; path: string }[] {
  let names: string[];
  try {
    names = readdirSync(examplesDir);
  } catch {
    return [];
  }
  return names
    .filter((f) => f.endsWith(SUFFIX))
    .sort()
    .map((f) => ({ name: f.slice(0, -SUFFIX.length), path: join(examplesDir, f) }));
}

export function listExamples(examplesDir: string): ExampleSummary[] {
  const out: ExampleSummary[] = [];
  for (const { name, path } of exampleFiles(examplesDir)) {
    let value: unknown;
    try {
      value = parseJsonOrThrow(readTextFile(path), path);
    } catch {
      continue; // a broken example is caught by the examples' own tests, not shown in the list
    }
    const h = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    out.push({
      name,
      id: typeof h.id === 'string' ? h.id : name,
      title: typeof h.title === 'string' ? h.title : name,
      description: typeof h.description === 'string' ? h.description : '',
      steps: Array.isArray(h.steps) ? h.steps.length : 0,
    });
  }
  return out;
}

export function examplePath(examplesDir: string, name: string): string {
  const found = exampleFiles(examplesDir).find((e) => e.name === name);
  if (!found) throw new ApiError('not-found', `There is no bundled example named "${name}".`);
  return found.path;
}
