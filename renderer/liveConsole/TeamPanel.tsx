// One team, chosen on the leaderboard: its figures, its steps and phones (last seen; asked
// for this one team with console.team after each poll), and the organiser's corrections:
// points with a reason, more time. Both are hunt/2 events.
import { useState } from 'react';
import { fmtDuration } from '../lib/format';
import { intervene, supportsInterventions } from './interventions';
import { fmtAgo, type ConsoleTeam } from './teams';
import { useTeamDetail } from './useTeamDetail';

const MAX_REASON = 200;

type Props = { team: ConsoleTeam; format: string; stepCount: number; stamp: unknown; onShowActivity(): void; onMessage(): void; onChanged(): void };

export function TeamPanel({ team, format, stepCount, stamp, onShowActivity, onMessage, onChanged }: Props) {
  const { detail, error } = useTeamDetail(team.team, stamp);
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState('5');
  const [busy, setBusy] = useState(false);
  const allowed = supportsInterventions(format);
  const pts = Number(points);
  const pointsOk = /^-?\d+$/.test(points.trim()) && pts !== 0;
  const reasonOk = reason.trim().length > 0 && reason.length <= MAX_REASON;
  const mins = Number(minutes);
  const minutesOk = minutes.trim() !== '' && Number.isFinite(mins) && mins > 0;
  const run = async (fn: () => Promise<boolean>, clear: () => void) => {
    setBusy(true);
    try {
      if (await fn()) clear();
    } finally {
      setBusy(false);
      onChanged();
    }
  };
  return (
    <section className="panel team-panel" aria-labelledby="team-title">
      <div className="form-head">
        <h2 id="team-title">
          {team.name} <span className={`pill pill-${team.status}`}>{team.status.replace('_', ' ')}</span>
        </h2>
        <div className="actions">
          <button type="button" onClick={onShowActivity}>
            Its activity
          </button>
          <button type="button" onClick={onMessage}>
            Message it
          </button>
        </div>
      </div>
      <p className="muted small">
        Score <strong className="team-score">{team.score}</strong> · solved {team.solved}/{stepCount} · time left {team.timeLeft === null ? 'no limit' : fmtDuration(team.timeLeft)} · id <code>{team.team}</code>
      </p>
      {!allowed && <p className="banner small">Adjusting and extending are hunt/2 events; this hunt is {format}, so its rules would reject them.</p>}
      <form
        className="inline-form"
        aria-label="Adjust the score"
        onSubmit={(e) => {
          e.preventDefault();
          if (pointsOk && reasonOk) void run(() => intervene('console.adjust', { team: team.team, points: pts, reason: reason.trim() }, `${pts > 0 ? '+' : ''}${pts} points for ${team.name}`), () => (setPoints(''), setReason('')));
        }}
      >
        <input className="narrow" aria-label="Points (negative takes away)" placeholder="±points" inputMode="numeric" value={points} onChange={(e) => setPoints(e.target.value)} aria-invalid={points !== '' && !pointsOk} />
        <input className="grow-input" aria-label="Reason" placeholder="Reason (required)" maxLength={MAX_REASON} value={reason} onChange={(e) => setReason(e.target.value)} />
        <button type="submit" disabled={!allowed || busy || !pointsOk || !reasonOk}>
          Adjust score
        </button>
      </form>
      <form
        className="inline-form"
        aria-label="Extend the time"
        onSubmit={(e) => {
          e.preventDefault();
          if (minutesOk) void run(() => intervene('console.extend', { team: team.team, seconds: Math.round(mins * 60) }, `${mins} more minutes for ${team.name}`), () => {});
        }}
      >
        <input className="narrow" aria-label="Minutes more" inputMode="decimal" value={minutes} onChange={(e) => setMinutes(e.target.value)} aria-invalid={!minutesOk} />
        <span className="muted small grow">minutes more</span>
        <button type="submit" disabled={!allowed || busy || !minutesOk || team.status !== 'active'} title={team.status !== 'active' ? 'Only an active team can get more time' : undefined}>
          Extend time
        </button>
      </form>
      {error && <p className="error-text small">The team cannot be read: {error}</p>}
      <h3>Steps</h3>
      <ul className="plain-list team-steps" aria-label={`Steps of ${team.name}`}>
        {detail?.steps.map((st) => (
          <li key={st.id} className="team-step" data-step={st.id}>
            <span className="grow">{st.title}</span>
            <span className={`pill pill-${st.status}`}>{st.status}</span>
            <span className="num small">{st.status === 'solved' ? `${st.score}/${st.points}` : st.hints.length > 0 ? `${st.hints.length} hint${st.hints.length === 1 ? '' : 's'}` : ''}</span>
          </li>
        ))}
        {!detail && !error && <li className="muted small">Reading the team…</li>}
      </ul>
      <h3>Phones</h3>
      <ul className="plain-list devices" aria-label={`Phones of ${team.name}`}>
        {detail?.devices.map((d) => (
          <li key={d.id} className="device">
            <code>{d.id}</code>
            <span className={`pill ${d.connected ? 'pill-solved' : ''}`}>{d.connected ? 'online' : 'offline'}</span>
            <span className="muted small">last seen {d.connected ? 'now' : fmtAgo(d.lastSeenAgoSec)}</span>
          </li>
        ))}
        {detail?.devices.length === 0 && <li className="muted">No phone.</li>}
      </ul>
    </section>
  );
}
