// Teams and their devices for one live run, kept in a file beside the database: one JSON
// line per device (with its team), appended and fsynced before a join is answered, so a
// restarted host knows every phone. Appending keeps a join's cost flat however many
// phones joined before; a line torn by a crash was never answered and is skipped.
// A device's token is never stored: only its sha256, looked up on every connection.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
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

  /** Registers a device (and its team when new) and appends it to the file; returns the device's token. */
  register(team: Team, t: number): { device: Device; token: string } {
    const token = randomBytes(24).toString('base64url');
    const device: Device = { id: `d${this.devices.size + 1}`, team: team.id, tokenHash: hashToken(token), joinedAt: t };
    this.append({ format: 'live-device/1', team, device });
    if (!this.teams.has(team.id)) this.addTeam(team);
    this.addDevice(device);
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

  private append(line: Stored): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const fd = openSync(this.file, 'a');
    try {
      writeSync(fd, JSON.stringify(line) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
