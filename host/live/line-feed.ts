// Lines handed to a durable run as they come (a playtest's or a live hunt's events): an
// async iterable the pipeline reads, fed one line at a time by whoever receives them.

export class LineFeed implements AsyncIterable<string | readonly string[]> {
  private queue: string[] = [];
  private wake: (() => void) | null = null;
  private ended = false;

  push(line: string): void {
    this.queue.push(line);
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  /** Lines pushed and not yet read by the pipeline. */
  get depth(): number {
    return this.queue.length;
  }

  /** Hands over everything waiting at once: one line, or several as one item. */
  async *[Symbol.asyncIterator](): AsyncGenerator<string | readonly string[]> {
    for (;;) {
      // Lines pushed while the consumer had the last item are handed over before waiting again.
      while (this.queue.length > 0) yield this.queue.length === 1 ? this.queue.pop()! : this.queue.splice(0);
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }
}
