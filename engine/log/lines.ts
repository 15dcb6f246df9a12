// Streaming line reader for event logs: yields one line at a time from a byte
// stream, so memory does not grow with the log. Handles LF and CRLF, a final line
// without a newline, and a UTF-8 byte-order mark at the start of the file; blank
// lines are yielded too because they count for line numbers (spec §2).
export async function* splitLines(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
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
    let start = 0;
    let nl = text.indexOf('\n');
    if (nl >= 0 && rest.length > 0) {
      yield stripCR(rest + text.slice(0, nl));
      rest = '';
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    while (nl >= 0) {
      yield stripCR(text.slice(start, nl));
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    rest += text.slice(start);
  }
  rest += decoder.decode();
  if (rest.length > 0) yield stripCR(rest);
}

function stripCR(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
