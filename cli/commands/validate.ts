// `hunt validate FILE... [--json]`: checks hunt files against the format (spec §1).
// Exit 0 when every file is valid, 1 when one is invalid, 2 when an argument is
// unusable or a file cannot be read or is not JSON (the worst over all files).
import { CliError, EXIT } from '../errors';
import { readTextFile } from '../files';
import { formatSyntaxError, parseJsonText } from '../../engine/hunt/parse';
import { validateHunt, type Issue } from '../../engine/hunt/validate';

export const HELP = `Usage: hunt validate FILE... [--json]

Checks each hunt file (*.hunt.json) against hunt format v1 and reports every
problem at once: errors (the hunt cannot be used) and warnings (it works, but
probably not as meant), each with its path in the file, a code and a message.

Options:
  --json      print a JSON report: one object per file
              { "file", "valid", "errors": [{ "code", "path", "message" }], "warnings": [...] },
              an array of them when several files are given
  -h, --help  show this help

Exit status (the worst over all files):
  0  every file is a valid hunt (warnings allowed)
  1  a file is not a valid hunt
  2  unusable arguments, or a file that cannot be read or is not JSON

The codes and how to fix each are described in docs/hunt-format.md.
`;

/** The report for one file; `exitCode` is not printed. */
export type FileReport = {
  file: string;
  valid: boolean;
  errors: (Issue & { line?: number; column?: number })[];
  warnings: Issue[];
  exitCode: number;
};

type Options = { json: boolean; files: string[] };

function parseArgs(args: string[]): Options | 'help' {
  const files: string[] = [];
  let json = false;
  let optionsDone = false;
  for (const a of args) {
    if (!optionsDone && (a === '--help' || a === '-h')) return 'help';
    if (!optionsDone && a === '--json') json = true;
    else if (!optionsDone && a === '--') optionsDone = true;
    else if (!optionsDone && a.startsWith('-') && a !== '-') throw new CliError(`unknown option "${a}"\n\n${HELP}`);
    else files.push(a);
  }
  if (files.length === 0) throw new CliError(`no hunt file given\n\n${HELP}`);
  return { json, files };
}

/** Reads, parses and validates one file; never throws for a bad file, it is reported instead. */
export function validateFile(file: string): FileReport {
  let text: string;
  try {
    text = readTextFile(file);
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    return { file, valid: false, errors: [{ code: 'unreadable', path: '', message: err.message }], warnings: [], exitCode: EXIT.usage };
  }
  const parsed = parseJsonText(text, file);
  if (!parsed.ok) {
    const { line, column } = parsed.error;
    const message = `${formatSyntaxError(parsed.error)} (not valid JSON)`;
    return { file, valid: false, errors: [{ code: 'not-json', path: '', message, line, column }], warnings: [], exitCode: EXIT.usage };
  }
  const result = validateHunt(parsed.value);
  return { file, valid: result.valid, errors: result.errors, warnings: result.warnings, exitCode: result.valid ? EXIT.ok : EXIT.invalid };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Human-readable lines for one report: a summary line, then `path  code  message` per issue. */
export function formatReport(r: FileReport): string {
  if (r.exitCode === EXIT.usage) return `✗ ${r.file}: cannot be checked\n  ${r.errors[0].message}\n`;
  const head = r.valid
    ? `✓ ${r.file}: valid${r.warnings.length > 0 ? `, ${plural(r.warnings.length, 'warning')}` : ''}`
    : `✗ ${r.file}: ${plural(r.errors.length, 'error')}, ${plural(r.warnings.length, 'warning')}`;
  const issueLine = (i: Issue) => `  ${i.path === '' ? '/' : i.path}  ${i.code}  ${i.message}`;
  return [head, ...r.errors.map(issueLine), ...r.warnings.map(issueLine)].join('\n') + '\n';
}

export async function run(args: string[]): Promise<number> {
  const options = parseArgs(args);
  if (options === 'help') {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const reports = options.files.map(validateFile);
  for (const r of reports) {
    // Unreadable and non-JSON files are also named on stderr, so a script that only
    // looks at stderr (or a --json reader) still learns what went wrong.
    if (r.exitCode === EXIT.usage) process.stderr.write(`hunt validate: ${r.errors[0].message}\n`);
  }
  if (options.json) {
    const shown = reports.map(({ exitCode: _exitCode, ...rest }) => rest);
    process.stdout.write(JSON.stringify(shown.length === 1 ? shown[0] : shown, null, 2) + '\n');
  } else {
    for (const r of reports) if (r.exitCode !== EXIT.usage) process.stdout.write(formatReport(r));
  }
  return Math.max(...reports.map((r) => r.exitCode));
}
