// The device registry: joins arriving together share one append and fsync (off the main
// thread), every one of them is in the file when its promise settles, and a failed write
// takes the registration back.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeviceRegistry } from '../../../host/live/registry';
import { tempDir } from './fixtures';

describe('DeviceRegistry', () => {
  it('registers 300 phones joining at once: each durable when answered, indexed by team, all there after a reopen', async () => {
    const file = join(tempDir(), 'live', 'run-1', 'devices.jsonl');
    const r = DeviceRegistry.open(file);
    const teams = Array.from({ length: 100 }, (_, i) => ({ id: `team-${i + 1}`, name: `Team ${i + 1}` }));
    const joins = Array.from({ length: 300 }, (_, i) =>
      r.register(teams[i % 100], i).then((d) => {
        // Answered only once its line is in the file.
        expect(readFileSync(file, 'utf8')).toContain(`"id":"${d.device.id}"`);
        return d;
      }),
    );
    // Known at once, before any write finished: the next ids move on.
    expect(r.deviceCount).toBe(300);
    expect(r.nextTeamId()).toBe('team-101');
    const joined = await Promise.all(joins);
    expect(new Set(joined.map((j) => j.device.id)).size).toBe(300);
    expect(r.devicesOf('team-7').map((d) => d.id)).toEqual(['d7', 'd107', 'd207']);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(300);

    const again = DeviceRegistry.open(file);
    expect(again.deviceCount).toBe(300);
    expect(again.devicesOf('team-7').map((d) => d.id)).toEqual(['d7', 'd107', 'd207']);
    expect(again.deviceByToken(joined[42].token)?.id).toBe(joined[42].device.id);
    expect(again.teamByName('team 5')?.id).toBe('team-5');
  });

  it('takes a registration back when its line cannot be written', async () => {
    const file = join(tempDir(), 'devices.jsonl');
    const r = DeviceRegistry.open(file);
    mkdirSync(file); // a folder where the file should be: the append fails
    await expect(r.register({ id: 'team-1', name: 'Owls' }, 0)).rejects.toThrow(/EISDIR/);
    expect(r.deviceCount).toBe(0);
    expect(r.teamByName('Owls')).toBeUndefined();
    expect(r.devicesOf('team-1')).toEqual([]);
  });
});
