// hunts.*: open, create, save and validate hunt files. A hunt that is not valid still
// opens and saves (the editor is where it gets fixed); its report says what is wrong.
// A file that is not JSON cannot be edited as a hunt and is an `invalid-hunt` error
// naming the line and column.
import { basename, extname, relative, resolve, isAbsolute } from 'node:path';
import type { HuntDocument, ValidationReport } from '../../api/contract';
import { ApiError } from '../../api/errors';
import { validateHunt } from '../../engine/hunt/validate';
import { examplePath, listExamples } from './examples';
import { listHuntFolder, parseJsonOrThrow, readTextFile, writeTextFileAtomic } from './files';
import type { HandlerImpls, HostDeps } from './handlers';
import type { RecentHunts } from './recent';

/** What "New" starts from: the smallest valid hunt, one answer step to edit. */
export function newHunt(): unknown {
  return {
    format: 'hunt/1',
    id: 'new-hunt',
    title: 'New hunt',
    steps: [{ id: 'first-step', title: 'First step', kind: 'answer', prompt: 'Write the first riddle here', answers: ['answer'] }],
  };
}

export function validate(hunt: unknown): ValidationReport {
  const r = validateHunt(hunt);
  return { valid: r.errors.length === 0, errors: r.errors, warnings: r.warnings };
}

function document(path: string | null, hunt: unknown): HuntDocument {
  return { path, hunt, report: validate(hunt) };
}

/** Hunt files are JSON; refusing other names keeps the API from reading or writing arbitrary files by mistake. */
function checkHuntPath(path: string, action: 'open' | 'save'): string {
  if (extname(path).toLowerCase() !== '.json') {
    throw new ApiError('bad-argument', `${path}: can only ${action} .json files (hunts are saved as NAME.hunt.json)`);
  }
  return resolve(path);
}

function isInside(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

export function huntHandlers(deps: HostDeps, recent: RecentHunts): HandlerImpls {
  return {
    'hunts.examples': () => listExamples(deps.examplesDir),
    'hunts.openExample': ({ name }) => {
      const path = examplePath(deps.examplesDir, name);
      // Opened as untitled: saving must not overwrite the bundled copy.
      return document(null, parseJsonOrThrow(readTextFile(path), basename(path)));
    },
    'hunts.new': () => document(null, newHunt()),
    'hunts.open': ({ path }) => {
      const full = checkHuntPath(path, 'open');
      const hunt = parseJsonOrThrow(readTextFile(full), full);
      // A bundled example (e.g. the one the studio starts with) opens as untitled, like
      // hunts.openExample: saving must not overwrite the copy that ships with the studio.
      if (isInside(resolve(deps.examplesDir), full)) return document(null, hunt);
      recent.add(full);
      return document(full, hunt);
    },
    'hunts.openText': ({ name, text }) => document(null, parseJsonOrThrow(text, name)),
    'hunts.save': ({ path, hunt }) => {
      const full = checkHuntPath(path, 'save');
      writeTextFileAtomic(full, JSON.stringify(hunt, null, 2) + '\n');
      recent.add(full);
      return document(full, hunt);
    },
    'hunts.recent': () => recent.list(),
    'hunts.browse': ({ dir }) => listHuntFolder(deps.dataDir, dir),
    'hunts.validate': ({ hunt }) => validate(hunt),
  };
}
