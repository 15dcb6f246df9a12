// Stage 1, read: the source's items (one line, or several at once: a file's chunk, a
// simulation's built lines) into the queue, in order, until the source ends or the
// check stage closes the queue (a cancelled run: the source is then closed too).
import type { BoundedQueue } from '../../../engine/flow/boundedQueue';
import type { LineItem, LineStream } from '../source';

export type { LineItem };

export async function readStage(lines: LineStream, out: BoundedQueue<LineItem>): Promise<void> {
  for await (const item of lines) {
    // Refused: the consumer stopped; leaving the loop closes the source.
    if (!(await out.push(item))) return;
  }
  out.close();
}
