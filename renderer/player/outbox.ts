// The phone's actions not yet acknowledged, numbered per device, kept in localStorage so a
// reload or a dead battery loses nothing: sent in order whenever the host is reachable,
// dropped only when the host acknowledges them (or refuses them for good).
import type { PlayerEvent } from '../../api/liveProtocol';

export type Queued = { n: number; event: PlayerEvent };
export type Session = { token: string; device: string; team: string; teamName: string };

const KEY = 'hunt-live/v1';

type Stored = { session: Session | null; nextN: number; queue: Queued[] };

function load(): Stored {
  try {
    const s = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Stored | null;
    if (s && Array.isArray(s.queue) && typeof s.nextN === 'number') return s;
  } catch {
    // A damaged entry is replaced by a fresh one.
  }
  return { session: null, nextN: 1, queue: [] };
}

export class Outbox {
  private s = load();

  get session(): Session | null {
    return this.s.session;
  }

  setSession(session: Session): void {
    this.s = { session, nextN: 1, queue: [] };
    this.save();
  }

  /** Numbers a new action and keeps it until it is acknowledged. */
  add(event: PlayerEvent): Queued {
    const q = { n: this.s.nextN++, event };
    this.s.queue.push(q);
    this.save();
    return q;
  }

  /** The host knows actions up to `last` (after a reinstall of the page, numbering carries on above it). */
  knownUpTo(last: number): void {
    if (this.s.nextN <= last) {
      this.s.nextN = last + 1;
      this.save();
    }
  }

  done(n: number): void {
    this.s.queue = this.s.queue.filter((q) => q.n !== n);
    this.save();
  }

  pending(): readonly Queued[] {
    return this.s.queue;
  }

  private save(): void {
    localStorage.setItem(KEY, JSON.stringify(this.s));
  }
}
