// The live leaderboard: teams by rank (the host's order and summary of each team), virtualised for 2,000 teams,
// with a name search. A click selects the team for the team panel.
import { useDeferredValue, useMemo, useState } from 'react';
import { fmtDuration } from '../lib/format';
import { VirtualList } from './VirtualList';
import { fmtAgo, type ConsoleTeam } from './teams';

const ROW = 30;

export function Leaderboard({ teams, stepCount, selected, onSelect }: { teams: ConsoleTeam[]; stepCount: number; selected: string | null; onSelect(team: string): void }) {
  const [query, setQuery] = useState('');
  const q = useDeferredValue(query.trim().toLowerCase());
  // Rank (from the host) is the place on the whole board, also when a search shows only some teams.
  const shown = useMemo(() => (q ? teams.filter((t) => t.name.toLowerCase().includes(q)) : teams), [teams, q]);
  return (
    <section className="panel leaderboard" aria-labelledby="board-title">
      <div className="form-head">
        <h2 id="board-title">
          Leaderboard <span className="count">{teams.length}</span>
        </h2>
        <input type="search" className="board-search" placeholder="Find a team" aria-label="Find a team" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <div className="lb-row lb-head" aria-hidden="true">
        <span className="num">#</span>
        <span>Team</span>
        <span>Status</span>
        <span className="num">Score</span>
        <span className="num">Solved</span>
        <span className="num">Time left</span>
        <span className="num">Phones</span>
        <span>Last seen</span>
      </div>
      <VirtualList
        items={shown}
        rowHeight={ROW}
        label="Teams by score"
        keyOf={(t) => t.team}
        empty={<p className="muted pad">{teams.length === 0 ? 'No team has joined yet.' : 'No team matches.'}</p>}
        row={(t) => (
          <button type="button" className="lb-row" aria-pressed={selected === t.team} data-team={t.team} onClick={() => onSelect(t.team)} aria-label={`${t.rank}. ${t.name}, ${t.score} points`}>
            <span className="num muted">{t.rank}</span>
            <span className="lb-name">{t.name}</span>
            <span>
              <span className={`pill pill-${t.status}`}>{t.status.replace('_', ' ')}</span>
            </span>
            <span className="num lb-score">{t.score}</span>
            <span className="num">
              {t.solved}/{stepCount}
            </span>
            <span className="num">{t.timeLeft === null ? '–' : fmtDuration(t.timeLeft)}</span>
            <span className="num">
              {t.online}/{t.phones}
            </span>
            <span className="muted">{fmtAgo(t.lastSeenAgoSec)}</span>
          </button>
        )}
      />
    </section>
  );
}
