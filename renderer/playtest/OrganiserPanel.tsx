// Playtest, acting as the organiser of a hunt/2 hunt: adjust the participant's score
// (bonus or penalty points with a reason) and give extra time. Each is a log line with
// "by": "organiser" (judging a submission is on the pending step's card).
import { useState } from 'react';
import type { ParticipantDetail } from '../../api/contract';
import { notifyError } from '../state/notices';
import { sendAsOrganiser } from './playtest';

export function OrganiserPanel({ detail, active }: { detail: ParticipantDetail; active: boolean }) {
  const [points, setPoints] = useState('10');
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState('5');
  const n = Number(points);
  const pointsOk = points.trim() !== '' && Number.isInteger(n) && n !== 0;
  const m = Number(minutes);
  const minutesOk = minutes.trim() !== '' && Number.isFinite(m) && m > 0;
  return (
    <section className="panel organiser-panel" aria-label="Act as the organiser">
      <h3>Act as the organiser</h3>
      <form
        className="actions"
        onSubmit={(e) => {
          e.preventDefault();
          if (!pointsOk) return;
          sendAsOrganiser('adjust', reason.trim() ? { points: n, reason: reason.trim() } : { points: n }).catch((err) => notifyError(err, 'Adjusting the score'));
        }}
      >
        <label className="inline-field">
          Points
          <input className="narrow" inputMode="numeric" aria-label="Adjustment points" value={points} onChange={(e) => setPoints(e.target.value)} title="Negative for a penalty" />
        </label>
        <input aria-label="Reason for the adjustment" className="grow-input" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Reason (optional)" />
        <button type="submit" disabled={!pointsOk}>
          Adjust score
        </button>
      </form>
      <form
        className="actions"
        onSubmit={(e) => {
          e.preventDefault();
          if (minutesOk) sendAsOrganiser('extend', { seconds: Math.round(m * 60 * 10) / 10 }).catch((err) => notifyError(err, 'Extending the time'));
        }}
      >
        <label className="inline-field">
          Minutes
          <input className="narrow" inputMode="decimal" aria-label="Extra minutes" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </label>
        <button type="submit" disabled={!minutesOk || !active} title={active ? undefined : 'Only an active participant can be given more time'}>
          Extend time
        </button>
        {detail.deadlineAt === null && <span className="muted small">The hunt has no time limit: extending changes nothing.</span>}
      </form>
    </section>
  );
}
