// The organiser's console of a live hunt (docs/live.md): going live on a chosen interface
// and port, then the join QR code, the live leaderboard, per-step progress, the judging
// queue, the activity feed, the organiser's corrections and messages, and the host's figures.
import { useCallback, useEffect, useState } from 'react';
import { useStore } from '../state/store';
import { notifyError } from '../state/notices';
import { consoleServing, refreshServing } from './serving';
import { useLiveState } from './useLiveState';
import { GoLivePanel } from './GoLivePanel';
import { ServingBar } from './ServingBar';
import { JoinCard } from './JoinCard';
import { Figures } from './Figures';
import { StepProgress } from './StepProgress';
import { Leaderboard } from './Leaderboard';
import { TeamPanel } from './TeamPanel';
import { JudgingQueue } from './JudgingQueue';
import { ActivityFeed } from './ActivityFeed';
import { MessageForm } from './MessageForm';
import type { ActivityFilter, LiveServing } from '../../api/liveConsole';
import './console.css';

export function ConsoleScreen() {
  const s = useStore(consoleServing, (x) => x);
  useEffect(() => {
    refreshServing().catch((err) => notifyError(err, 'Asking what is served', 'console'));
  }, []);
  if (!s.loaded) return <div className="page muted">Asking the host what it serves…</div>;
  return s.info ? <LiveConsole key={s.info.runId} info={s.info} /> : <GoLivePanel />;
}

function LiveConsole({ info }: { info: LiveServing }) {
  const [filter, setFilter] = useState<ActivityFilter>({});
  const [selected, setSelected] = useState<string | null>(null);
  const [messageTo, setMessageTo] = useState('');
  const { state, error, refresh } = useLiveState(filter);
  const changed = useCallback(() => refresh(), [refresh]);
  const team = state?.teams.find((t) => t.team === selected) ?? null;
  return (
    <div className="live-console">
      <ServingBar info={info} />
      {error && (
        <p className="banner error" role="alert">
          The live state cannot be read: {error}
        </p>
      )}
      {!state ? (
        <p className="page muted">Reading the live state…</p>
      ) : (
        <div className="live-grid">
          <div className="live-col live-side">
            <JoinCard info={info} />
            <Figures state={state} />
            <MessageForm state={state} to={messageTo} onTo={setMessageTo} onChanged={changed} />
            <StepProgress state={state} />
          </div>
          <div className="live-col live-center">
            <Leaderboard teams={state.teams} stepCount={state.steps.length} selected={selected} onSelect={setSelected} />
            {team ? (
              <TeamPanel
                key={team.team}
                team={team}
                format={state.format}
                stepCount={state.steps.length}
                stamp={state}
                onChanged={changed}
                onShowActivity={() => setFilter((f) => ({ ...f, team: team.team }))}
                onMessage={() => setMessageTo(team.team)}
              />
            ) : (
              <p className="panel muted team-panel-empty">Choose a team on the leaderboard to adjust its score, give it more time, or see its phones.</p>
            )}
          </div>
          <div className="live-col live-right">
            <JudgingQueue state={state} onChanged={changed} />
            <ActivityFeed activity={state.activity} teams={state.teams} steps={state.steps} filter={filter} onFilter={setFilter} />
          </div>
        </div>
      )}
    </div>
  );
}
