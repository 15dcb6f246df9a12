// Reading the files named on the command line. Every failure becomes a CliError
// (exit 2) whose message names the file and says what is wrong with it.
import { readFileSync, statSync } from 'node:fs';
import { CliError, EXIT } from './errors';
import { formatSyntaxError, parseJsonText } from '../engine/hunt/parse';
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

