// Small facts about a team on the console. The host sums a team up (phones online, last
// seen, solved: host/live/organiser.ts); the studio only formats them.
import type { TeamSummary } from '../../api/liveConsole';

export type ConsoleTeam = TeamSummary;

export function fmtAgo(sec: number | null): string {
  if (sec === null) return 'never';
  if (sec < 5) return 'now';
  if (sec < 90) return `${Math.round(sec)} s ago`;
  if (sec < 5400) return `${Math.round(sec / 60)} min ago`;
  return `${(sec / 3600).toFixed(1)} h ago`;
}
