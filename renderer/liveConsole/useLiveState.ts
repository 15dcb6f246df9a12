// Polls the live state (console.state) while the console is shown: one request at a time,
// the next one a moment after the last answer, so a big hunt (2,000 teams) slows the
// polling down instead of piling requests up. A change of filter asks at once.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api';
import type { ActivityFilter, ConsoleState } from '../../api/liveConsole';
import { noticeServingEnded } from './serving';

/** At least this long between two polls; longer when the host takes longer to answer. */
const MIN_GAP_MS = 1000;
/** And this much more per team: the state of 2,000 teams (a summary each) is about 400 KB to parse and show, so every 1.5 s. */
const GAP_PER_TEAM_MS = 0.25;
/** The activity feed keeps this many lines (newest first); the list is virtualised. */
export const FEED_LIMIT = 500;

export type LiveStateView = { state: ConsoleState | null; error: string | null; refresh: () => void };

export function useLiveState(filter: ActivityFilter): LiveStateView {
  const [state, setState] = useState<ConsoleState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const filterKey = JSON.stringify(filter);
  const loop = useRef({ filterKey, busy: false, again: false, timer: 0 as ReturnType<typeof setTimeout> | 0, alive: true, teams: 0 });
  loop.current.filterKey = filterKey;

  const poll = useCallback(() => {
    const l = loop.current;
    if (!l.alive) return;
    if (l.busy) {
      l.again = true;
      return;
    }
    if (l.timer) clearTimeout(l.timer);
    l.timer = 0;
    l.busy = true;
    const asked = l.filterKey;
    const started = performance.now();
    api()
      .call('console.state', { ...(JSON.parse(asked) as ActivityFilter), limit: FEED_LIMIT })
      .then((s) => {
        if (!l.alive) return;
        setError(null);
        l.teams = s.teams.length;
        if (asked === l.filterKey) setState(s);
        else l.again = true;
      })
      .catch(async (err) => {
        if (!l.alive) return;
        // Serving ended (the hunt ended by itself, or from elsewhere): the screen goes back to Go live.
        if ((err as { code?: string }).code === 'conflict' && (await noticeServingEnded().catch(() => false))) return;
        setError(errorMessage(err));
      })
      .finally(() => {
        l.busy = false;
        if (!l.alive) return;
        const took = performance.now() - started;
        const gap = l.again ? 0 : Math.max(MIN_GAP_MS + l.teams * GAP_PER_TEAM_MS, took * 3);
        l.again = false;
        l.timer = setTimeout(poll, gap);
      });
  }, []);

  useEffect(() => {
    const l = loop.current;
    l.alive = true;
    return () => {
      l.alive = false;
      if (l.timer) clearTimeout(l.timer);
    };
  }, [poll]);
  // The first poll, and a new filter: ask now (or as soon as the request in flight answers).
  useEffect(() => poll(), [filterKey, poll]);

  return { state, error, refresh: poll };
}
