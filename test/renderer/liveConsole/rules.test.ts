// The console's small rules: the port typed in, what opening an interface means, and how
// long ago a team's phone was heard of (the host counts phones online: test/host/live/board.test.ts).
import { describe, expect, it } from 'vitest';
import { parsePort, reachOf } from '../../../renderer/liveConsole/GoLivePanel';
import { fmtAgo } from '../../../renderer/liveConsole/teams';

describe('live console', () => {
  it('reads a port, or says why it is not one', () => {
    expect(parsePort(' 8080 ')).toEqual({ port: 8080 });
    expect(parsePort('0')).toEqual({ port: 0 });
    expect(parsePort('65536')).toEqual({ error: 'The port must be at most 65535.' });
    expect(parsePort('80a')).toEqual({ error: 'The port must be a whole number (0 picks a free one).' });
    expect(parsePort('')).toHaveProperty('error');
  });

  it('says who can connect before anything is opened', () => {
    expect(reachOf({ address: '127.0.0.1', name: 'lo', internal: true })).toMatch(/Only this machine can connect: phones cannot join/);
    expect(reachOf({ address: '0.0.0.0', name: 'every interface', internal: false })).toMatch(/Every network interface/);
    expect(reachOf({ address: '192.168.1.20', name: 'wlan0', internal: false })).toMatch(/Phones on the network of wlan0 can join/);
  });

  it('says how long ago a phone was heard of', () => {
    expect([fmtAgo(null), fmtAgo(2), fmtAgo(42), fmtAgo(600), fmtAgo(7200)]).toEqual(['never', 'now', '42 s ago', '10 min ago', '2.0 h ago']);
  });
});
