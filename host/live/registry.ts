// Teams and their devices for one live run, kept in a file beside the database: one JSON
// line per device (with its team), appended and fsynced before a join is answered, so a
// restarted host knows every phone. Appending keeps a join's cost flat however many
// phones joined before; a line torn by a crash was never answered and is skipped.
// The append and its fsync run on libuv's thread pool, never on the main thread (which
// answers every phone's actions), and joins arriving while one fsync is on its way share
// the next: a rush of 2,000 phones joining costs a few dozen fsyncs, not 2,000 in a row.
// A device's token is never stored: only its sha256, looked up on every connection.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';

export type Device = { id: string; team: string; tokenHash: string; joinedAt: number };
export type Team = { id: string; name: string };

/** One line of the file. */
type Stored = { format: 'live-device/1'; team: Team; device: Device };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** How a team name is matched when a second phone joins: case and spacing do not matter. */
export function teamKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export class DeviceRegistry {
  private readonly teams = new Map<string, Team>();
  private readonly byKey = new Map<string, Team>();
  private readonly devices = new Map<string, Device>();
  private readonly byHash = new Map<string, Device>();
  private readonly byTeam = new Map<string, Device[]>();
  /** Lines waiting for the next grouped append, with who waits for them to be durable. */
  private pending: { text: string; settle: (err?: unknown) => void }[] = [];
  private flushing = false;

  private constructor(private readonly file: string) {}

  /** Opens the registry file (a missing file is an empty registry); a damaged line is an error naming it. */
  static open(file: string): DeviceRegistry {
    const r = new DeviceRegistry(file);
    if (!existsSync(file)) return r;
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      let stored: Stored;
      try {
        stored = JSON.parse(line) as Stored;
      } catch (err) {
        if (i === lines.length - 1) return; // torn by a crash while it was written: that join was never answered
        throw new Error(`${file}:${i + 1}: the live run's device list cannot be read (${(err as Error).message})`);
      }
      if (stored.format !== 'live-device/1' || !stored.team || !stored.device) throw new Error(`${file}:${i + 1}: not a live device line (format live-device/1)`);
      if (!r.teams.has(stored.team.id)) r.addTeam(stored.team);
      r.addDevice(stored.device);
    });
    return r;
  }

  teamByName(name: string): Team | undefined {
    return this.byKey.get(teamKey(name));
  }

  team(id: string): Team | undefined {
    return this.teams.get(id);
  }

  allTeams(): Team[] {
    return [...this.teams.values()];
  }

  deviceByToken(token: string): Device | undefined {
    return this.byHash.get(hashToken(token));
  }

  devicesOf(team: string): readonly Device[] {
    return this.byTeam.get(team) ?? [];
  }

  get deviceCount(): number {
    return this.devices.size;
  }

  /** A new team id, not yet registered (the join line is written first, then register()). */
  nextTeamId(): string {
    return `team-${this.teams.size + 1}`;
  }

  /**
   * Registers a device (and its team when new) and appends it to the file. The device and
   * team are known at once (the next team id and device id move on before this returns);
   * the promise settles once its line is durable, and the token must not be handed out
   * before. A failed write takes the registration back and rejects.
   */
  register(team: Team, t: number): Promise<{ device: Device; token: string }> {
    const token = randomBytes(24).toString('base64url');
    const device: Device = { id: `d${this.devices.size + 1}`, team: team.id, tokenHash: hashToken(token), joinedAt: t };
    const newTeam = !this.teams.has(team.id);
    if (newTeam) this.addTeam(team);
    this.addDevice(device);
    const stored: Stored = { format: 'live-device/1', team, device };
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ text: JSON.stringify(stored) + '\n', settle: (err) => (err === undefined ? resolve() : reject(err)) });
      void this.flush();
    }).then(
      () => ({ device, token }),
      (err: unknown) => {
        this.removeDevice(device);
        if (newTeam && this.devicesOf(team.id).length === 0) this.removeTeam(team);
        throw err;
      },
    );
  }

  private addTeam(t: Team): void {
    this.teams.set(t.id, t);
    this.byKey.set(teamKey(t.name), t);
  }

  private removeTeam(t: Team): void {
    this.teams.delete(t.id);
    this.byKey.delete(teamKey(t.name));
  }

  private addDevice(d: Device): void {
    this.devices.set(d.id, d);
    this.byHash.set(d.tokenHash, d);
    let list = this.byTeam.get(d.team);
    if (!list) this.byTeam.set(d.team, (list = []));
    list.push(d);
  }

  private removeDevice(d: Device): void {
    this.devices.delete(d.id);
    this.byHash.delete(d.tokenHash);
    const list = this.byTeam.get(d.team);
    if (list) list.splice(list.indexOf(d), 1);
  }

  /** Appends every waiting line with one write and one fsync; lines queued meanwhile go in the next. */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const group = this.pending;
        this.pending = [];
        let failure: unknown;
        try {
          mkdirSync(dirname(this.file), { recursive: true });
          const fh = await open(this.file, 'a');
          try {
            await fh.write(group.map((g) => g.text).join(''));
            await fh.sync();
          } finally {
            await fh.close();
          }
        } catch (err) {
          failure = err instanceof Error ? err : new Error(String(err));
        }
        for (const g of group) g.settle(failure);
      }
    } finally {
      this.flushing = false;
    }
  }
}
