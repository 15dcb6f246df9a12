import { describe, expect, it } from 'vitest';
import { LineFeed } from '../../../host/live/line-feed';

describe('LineFeed', () => {
  it('hands over lines pushed while the consumer holds the previous item, then everything waiting at once', async () => {
    const feed = new LineFeed();
    const got: (string | readonly string[])[] = [];
    const reading = (async () => {
      for await (const item of feed) {
        got.push(item);
        // Pushed while this item is being handled: must not wait for another push to be seen.
        if (item === 'a') {
          feed.push('b');
          feed.push('c');
        }
        if (got.length === 2) feed.end();
      }
    })();
    feed.push('a');
    await reading;
    expect(got).toEqual(['a', ['b', 'c']]);
  });
});
