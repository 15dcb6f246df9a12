// The chosen team in full (console.team): its steps as its phones see them and its phones.
// The polled live state carries only a summary per team, so the panel asks for its one
// team, again after each poll (`stamp`): one request at a time, a late answer for another
// team dropped.
import { useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api';
import type { TeamDetail } from '../../api/liveConsole';

export type TeamDetailView = { detail: TeamDetail | null; error: string | null };

export function useTeamDetail(team: string, stamp: unknown): TeamDetailView {
  const [detail, setDetail] = useState<TeamDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef<string | null>(null);
  const asked = useRef(team);
  asked.current = team;
  useEffect(() => {
    // A poll while this team's last answer is on its way: that answer is recent enough.
    if (busy.current === team) return;
    busy.current = team;
    api()
      .call('console.team', { team })
      .then((d) => {
        if (d.team !== asked.current) return;
        setDetail(d);
        setError(null);
      })
      .catch((err) => team === asked.current && setError(errorMessage(err)))
      .finally(() => {
        if (busy.current === team) busy.current = null;
      });
  }, [team, stamp]);
  return { detail: detail?.team === team ? detail : null, error };
}
