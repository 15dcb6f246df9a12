// Teams and their devices for one live run, kept in a small JSON file beside the database
// (written atomically before a join is answered), so a restarted host knows every phone.
// A device's token is never stored: only its sha256, looked up on every connection.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export type Device = { id: string; team: string; tokenHash: string; joinedAt: number };
export type Team = { id: string; name: string };

type Stored = { format: 'live-devices/1'; teams: Team[]; devices: Device[] };

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

  private constructor(private readonly file: string) {}

  /** Opens the registry file (a missing file is an empty registry); a damaged one is an error naming it. */
  static open(file: string): DeviceRegistry {
    const r = new DeviceRegistry(file);
    if (!existsSync(file)) return r;
    let stored: Stored;
    try {
      stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
    } catch (err) {
      throw new Error(`${file}: the live run's device list cannot be read (${(err as Error).message})`);
    }
    if (stored.format !== 'live-devices/1' || !Array.isArray(stored.teams) || !Array.isArray(stored.devices)) {
      throw new Error(`${file}: not a live device list (format live-devices/1)`);
    }
    for (const t of stored.teams) r.addTeam(t);
    for (const d of stored.devices) r.addDevice(d);
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

  devicesOf(team: string): Device[] {
    return [...this.devices.values()].filter((d) => d.team === team);
  }

  get deviceCount(): number {
    return this.devices.size;
  }

  /** A new team id, not yet registered (the join line is written first, then register()). */
  nextTeamId(): string {
    return `team-${this.teams.size + 1}`;
  }

  /** Registers a device (and its team when new) and saves the file; returns the device's token. */
  register(team: Team, t: number): { device: Device; token: string } {
    const token = randomBytes(24).toString('base64url');
    const device: Device = { id: `d${this.devices.size + 1}`, team: team.id, tokenHash: hashToken(token), joinedAt: t };
    if (!this.teams.has(team.id)) this.addTeam(team);
    this.addDevice(device);
    this.save();
    return { device, token };
  }

  private addTeam(t: Team): void {
    this.teams.set(t.id, t);
    this.byKey.set(teamKey(t.name), t);
  }

  private addDevice(d: Device): void {
    this.devices.set(d.id, d);
    this.byHash.set(d.tokenHash, d);
  }

  /** Temporary file, fsync, rename: a crash leaves the old list or the new one, never half of one. */
  private save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const stored: Stored = { format: 'live-devices/1', teams: this.allTeams(), devices: [...this.devices.values()] };
    const tmp = `${this.file}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify(stored));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
  }
}
