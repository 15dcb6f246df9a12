// Small facts about a team on the console, from its view.
import type { ConsoleState } from '../../api/liveConsole';

export type ConsoleTeam = ConsoleState['teams'][number];

export function solvedCount(t: ConsoleTeam): number {
  return t.steps.filter((s) => s.status === 'solved').length;
}

/** Phones of the team connected now. */
export function onlineCount(t: ConsoleTeam): number {
  return t.devices.filter((d) => d.connected).length;
}

/** Seconds since any phone of the team was last heard of (0 when one is connected), or null. */
export function lastSeen(t: ConsoleTeam): number | null {
  let best: number | null = null;
  for (const d of t.devices) {
    const ago = d.connected ? 0 : d.lastSeenAgoSec;
    if (ago !== null && (best === null || ago < best)) best = ago;
  }
  return best;
}

export function fmtAgo(sec: number | null): string {
  if (sec === null) return 'never';
  if (sec < 5) return 'now';
  if (sec < 90) return `${Math.round(sec)} s ago`;
  if (sec < 5400) return `${Math.round(sec / 60)} min ago`;
  return `${(sec / 3600).toFixed(1)} h ago`;
}
