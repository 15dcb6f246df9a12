// One participant at the scrubbed moment: each step's state, attempts, hints, the
// score breakdown and the events that led there.
import type { EventRow, ParticipantDetail } from '../../api/contract';
import { fmtDuration, fmtInt } from '../lib/format';

export function Inspector({ detail, currentSeq, onSeek }: { detail: ParticipantDetail | null; currentSeq: number; onSeek(seq: number): void }) {
  if (!detail) return <p className="muted pad">Select a participant in the table to inspect them.</p>;
  const totals = detail.steps.reduce(
    (t, s) => ({ points: t.points + (s.status === 'solved' ? s.points : 0), hints: t.hints + s.hintPenalty, wrong: t.wrong + s.wrongPenalty }),
    { points: 0, hints: 0, wrong: 0 },
  );
  return (
    <section className="inspector" aria-label={`Participant ${detail.id}`}>
      <div className="actions">
        <h2>{detail.name ? `${detail.name} (${detail.id})` : detail.id}</h2>
        <span className={`pill pill-${detail.status}`} data-testid="inspector-status">{detail.status.replace('_', ' ')}</span>
        <span className="grow" />
        <span className="muted small">
          joined {fmtDuration(detail.joinedAt)}
          {detail.finishedAt !== null ? ` · finished ${fmtDuration(detail.finishedAt)}` : ''}
        </span>
        <strong className="score" aria-label={`Score ${detail.score}`}>{fmtInt(detail.score)} pts</strong>
      </div>
      <table className="data" aria-label="Steps of this participant">
        <thead>
          <tr>
            <th>Step</th>
            <th>State</th>
            <th className="num">Available</th>
            <th className="num">Done</th>
            <th className="num">Wrong</th>
            <th className="num">Hints</th>
            <th className="num">Points</th>
            <th className="num">− Hints</th>
            <th className="num">− Wrong</th>
            <th className="num">Score</th>
          </tr>
        </thead>
        <tbody>
          {detail.steps.map((s) => (
            <tr key={s.id}>
              <td title={s.id}>{s.title}</td>
              <td>
                <span className={`pill pill-${s.status}`}>{s.status}</span>
              </td>
              <td className="num">{fmtDuration(s.availableAt)}</td>
              <td className="num">{fmtDuration(s.doneAt)}</td>
              <td className="num">{s.wrongAttempts}</td>
              <td className="num">{s.hintsTaken}</td>
              <td className="num">{s.points}</td>
              <td className="num">{s.hintPenalty ? `−${s.hintPenalty}` : '0'}</td>
              <td className="num">{s.wrongPenalty ? `−${s.wrongPenalty}` : '0'}</td>
              <td className="num">
                <strong>{s.score}</strong>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={6}>Total (solved steps' points, minus penalties, never below 0 per step)</td>
            <td className="num">{totals.points}</td>
            <td className="num">−{totals.hints}</td>
            <td className="num">−{totals.wrong}</td>
            <td className="num">
              <strong>{detail.score}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
      <h3>Events that led here ({detail.events.length})</h3>
      <EventList events={detail.events} currentSeq={currentSeq} onSeek={onSeek} />
    </section>
  );
}

export function EventList({ events, currentSeq, onSeek }: { events: EventRow[]; currentSeq: number; onSeek(seq: number): void }) {
  return (
    <ol className="event-list" aria-label="Events">
      {events.map((e) => (
        <li key={e.seq} className={`${e.rejected ? 'is-rejected' : ''} ${e.seq === currentSeq ? 'is-current' : ''}`}>
          <button type="button" className="link" aria-label={`Go to event ${e.seq}`} onClick={() => onSeek(e.seq)}>
            #{e.seq}
          </button>
          <span className="muted">line {e.line}</span>
          <span className="muted">{fmtDuration(e.t)}</span>
          <code>{e.raw}</code>
          {e.rejected && <span className="pill pill-error">{e.rejected}</span>}
        </li>
      ))}
    </ol>
  );
}
