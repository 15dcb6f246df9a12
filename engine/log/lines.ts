// Streaming line reader for event logs: yields lines (one at a time, or in arrays) from a byte
// stream, so memory does not grow with the log. Handles LF and CRLF, a final line
// without a newline, and a UTF-8 byte-order mark at the start of the file; blank
// lines are yielded too because they count for line numbers (spec §2).
export async function* splitLines(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  for await (const lines of splitLineChunks(chunks)) yield* lines;
}

/**
 * The same lines, as one array per piece of input that completed at least one line: a
 * consumer that handles many lines per await (the durable pipeline) saves an await per line.
 */
export async function* splitLineChunks(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string[]> {
  // TextDecoder (not node:string_decoder) keeps engine/ runnable in a browser; in
  // streaming mode it joins multi-byte characters split across chunks and drops a leading BOM.
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  let first = true;
  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const lines: string[] = [];
    let start = 0;
    let nl = text.indexOf('\n');
    if (nl >= 0 && rest.length > 0) {
      lines.push(stripCR(rest + text.slice(0, nl)));
      rest = '';
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    while (nl >= 0) {
      lines.push(stripCR(text.slice(start, nl)));
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    rest += text.slice(start);
    if (lines.length > 0) yield lines;
  }
  rest += decoder.decode();
  if (rest.length > 0) yield [stripCR(rest)];
}

function stripCR(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
