// Parsing JSON text with an error a person can act on: the file, a 1-based line and
// column, and what was expected. Node's JSON.parse reports a position in some
// versions and messages only in others, so on failure we locate the error ourselves
// with a small scanner that follows the JSON grammar (RFC 8259) exactly as
// JSON.parse does. The scanner runs only on the failure path, so valid files pay
// nothing for it.

export type JsonSyntaxError = { file: string; line: number; column: number; message: string };
export type ParseResult = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError };

const BOM = '\uFEFF';

/** Parses `text` (the contents of `fileName`) as JSON. Pure: no file system access. */
export function parseJsonText(text: string, fileName: string): ParseResult {
  // Editors on Windows may save UTF-8 with a byte order mark; it is not part of the JSON.
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (err) {
    const found = findSyntaxError(body) ?? fallbackLocation(body, err);
    const { line, column } = lineAndColumn(body, found.offset);
    return { ok: false, error: { file: fileName, line, column, message: found.message } };
  }
}

/** Formats an error as `FILE:LINE:COLUMN: message`, the shape editors and terminals link to. */
export function formatSyntaxError(e: JsonSyntaxError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.message}`;
}

/** 1-based line and column (in characters, as editors count them) of a UTF-16 offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  // Count code points, so an emoji before the error counts as one column.
  let column = 1;
  for (let i = lineStart; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) i++;
    column++;
  }
  return { line, column };
}

type Found = { offset: number; message: string };

class SyntaxFound extends Error {
  constructor(readonly found: Found) {
    super(found.message);
  }
}

/** The first grammar error in `text`, or null when the text is valid JSON. */
export function findSyntaxError(text: string): Found | null {
  const scanner = new Scanner(text);
  try {
    scanner.document();
    return null;
  } catch (e) {
    if (e instanceof SyntaxFound) return e.found;
    // Absurd nesting can exhaust the stack; the caller then falls back to JSON.parse's own message.
    if (e instanceof RangeError) return null;
    throw e;
  }
}

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the file';
  const code = ch.codePointAt(0) ?? 0;
  if (ch === '\n' || ch === '\r') return 'a line break';
  if (ch === '\t') return 'a tab';
  if (code < 0x20) return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${ch}"`;
}

// Recursive descent over the JSON grammar (hunt files are shallow; see findSyntaxError
// for absurd nesting).
class Scanner {
  private i = 0;
  constructor(private readonly s: string) {}

  document(): void {
    this.ws();
    if (this.i >= this.s.length) {
      this.fail(this.s.length === 0 ? 'the file is empty: expected a JSON value' : 'the file contains only blank space: expected a JSON value');
    }
    this.value();
    this.ws();
    if (this.i < this.s.length) {
      this.fail(`unexpected ${describe(this.peekChar())} after the end of the JSON value (only one value is allowed per file)`);
    }
  }

  private fail(message: string, offset = this.i): never {
    throw new SyntaxFound({ offset, message });
  }

  private peekChar(): string | undefined {
    if (this.i >= this.s.length) return undefined;
    return String.fromCodePoint(this.s.codePointAt(this.i) ?? 0);
  }

  private ws(): void {
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else break;
    }
  }

  private value(): void {
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    if (this.s.startsWith('true', this.i)) return void (this.i += 4);
    if (this.s.startsWith('false', this.i)) return void (this.i += 5);
    if (this.s.startsWith('null', this.i)) return void (this.i += 4);
    if (c === "'") this.fail('strings must use double quotes ("), not single quotes');
    if (c === '}' || c === ']') this.fail(`unexpected "${c}": expected a value (is there a trailing comma before it?)`);
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i, this.i + 40));
    if (word) this.fail(`unexpected word "${word[0]}": expected a value (strings need double quotes; the literals are true, false and null)`);
    this.fail(`unexpected ${describe(this.peekChar())}: expected a value`);
  }

  private object(): void {
    this.i++; // {
    this.ws();
    if (this.s[this.i] === '}') return void this.i++;
    for (;;) {
      this.ws();
      const c = this.s[this.i];
      if (c !== '"') {
        if (c === '}') this.fail('unexpected "}" after a comma: remove the trailing comma');
        if (c === "'") this.fail('property names must use double quotes ("), not single quotes');
        this.fail(`unexpected ${describe(this.peekChar())}: expected a property name in double quotes`);
      }
      this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail(`unexpected ${describe(this.peekChar())}: expected ":" after the property name`);
      this.i++;
      this.ws();
      if (this.i >= this.s.length) this.fail('the file ends inside an object: expected a value');
      this.value();
      this.ws();
      const next = this.s[this.i];
      if (next === ',') {
        this.i++;
        continue;
      }
      if (next === '}') return void this.i++;
      if (next === undefined) this.fail('the file ends inside an object: expected "," or "}"');
      if (next === '"') this.fail('unexpected "\\"": expected "," or "}" (is a comma missing?)');
      this.fail(`unexpected ${describe(this.peekChar())}: expected "," or "}"`);
    }
  }

  private array(): void {
    this.i++; // [
    this.ws();
    if (this.s[this.i] === ']') return void this.i++;
    for (;;) {
      this.ws();
      if (this.i >= this.s.length) this.fail('the file ends inside an array: expected a value');
      if (this.s[this.i] === ']') this.fail('unexpected "]" after a comma: remove the trailing comma');
      this.value();
      this.ws();
      const next = this.s[this.i];
      if (next === ',') {
        this.i++;
        continue;
      }
      if (next === ']') return void this.i++;
      if (next === undefined) this.fail('the file ends inside an array: expected "," or "]"');
      this.fail(`unexpected ${describe(this.peekChar())}: expected "," or "]" (is a comma missing?)`);
    }
  }

  private string(): void {
    const start = this.i;
    this.i++; // opening quote
    for (;;) {
      if (this.i >= this.s.length) this.fail('the file ends inside a string: a closing double quote is missing', start);
      const c = this.s.charCodeAt(this.i);
      if (c === 0x22) return void this.i++;
      if (c < 0x20) {
        this.fail(c === 0x0a || c === 0x0d ? 'a line break inside a string: close the string first, or write \\n' : `${describe(this.s[this.i])} inside a string: write it as an escape such as \\t`);
      }
      if (c === 0x5c) {
        const e = this.s[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) this.fail('"\\u" must be followed by four hexadecimal digits');
          this.i += 6;
          continue;
        }
        if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          this.i += 2;
          continue;
        }
        this.fail(`invalid escape "\\${e ?? ''}" in a string (a backslash must be written \\\\)`);
      }
      this.i++;
    }
  }

  private number(): void {
    // Errors point at the start of the number, where the reader's eye goes.
    const start = this.i;
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (!m) this.fail('invalid number: a "-" must be followed by digits', start);
    this.i += m[0].length;
    const next = this.s[this.i];
    if (next !== undefined && /[0-9.eE+-]/.test(next)) this.fail('invalid number (leading zeros, a "." without digits after it or a bad exponent are not allowed in JSON)', start);
  }
}

// Should the scanner and JSON.parse ever disagree, use the position from the engine's
// message when it has one, so the user still gets a place to look.
function fallbackLocation(text: string, err: unknown): Found {
  const message = err instanceof Error ? err.message : String(err);
  const m = /position (\d+)/.exec(message);
  return { offset: m ? Number(m[1]) : text.length, message };
}
