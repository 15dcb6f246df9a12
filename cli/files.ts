// Reading the files named on the command line. Every failure becomes a CliError
// (exit 2) whose message names the file and says what is wrong with it.
import { readFileSync, statSync } from 'node:fs';
import { CliError, EXIT } from './errors';
import { formatSyntaxError, parseJsonText } from '../engine/hunt/parse';
import { validateHunt } from '../engine/hunt/validate';
import type { Hunt } from '../engine/hunt/schema';
import { describeFsError } from '../host/fs-errors';

/** Reads a UTF-8 text file, or throws a CliError naming the file and the problem. */
export function readTextFile(path: string): string {
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (err) {
    throw new CliError(`${path}: ${describeFsError(err)}`, EXIT.usage);
  }
  if (isDirectory) throw new CliError(`${path}: is a directory, not a file`, EXIT.usage);
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliError(`${path}: ${describeFsError(err)}`, EXIT.usage);
  }
}

/** Reads and parses a JSON file; bad JSON throws a CliError "FILE:LINE:COLUMN: what is wrong". */
export function readJsonFile(path: string): unknown {
  const parsed = parseJsonText(readTextFile(path), path);
  if (!parsed.ok) throw new CliError(`${formatSyntaxError(parsed.error)} (not valid JSON)`, EXIT.usage);
  return parsed.value;
}


/**
 * Reads a hunt file for `hunt COMMAND`: the hunt when it is valid; otherwise every error is
 * written to stderr (path, code, message) and null is returned, for the caller to exit with
 * EXIT.invalid. Unreadable or non-JSON files throw as readJsonFile does.
 */
export function readValidHunt(command: string, path: string): Hunt | null {
  const validation = validateHunt(readJsonFile(path));
  if (validation.valid && validation.hunt) return validation.hunt;
  const lines = validation.errors.map((e) => `  ${e.path === '' ? '/' : e.path}  ${e.code}  ${e.message}`);
  const n = validation.errors.length;
  process.stderr.write(`hunt ${command}: ${path} is not a valid hunt (${n} error${n === 1 ? '' : 's'}):\n${lines.join('\n')}\n`);
  return null;
}
