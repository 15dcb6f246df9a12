// One participant at the scrubbed moment: each step's state, attempts, hints, the
// score breakdown and the events that led there; for hunt/2 also each step's window,
// what awaits judgement, adjustments, extensions and rotation orders.
import type { EventRow, ParticipantDetail } from '../../api/contract';
import type { FailureCause } from '../../api/contract';
import { fmtDuration, fmtInt } from '../lib/format';
import { ParticipantV2Facts, PendingSubmissions } from './participantV2';
import { windowText } from './windowText';

/** Why a failed step failed, as the inspector and the playtest say it. */
export const FAILED_BY: Record<FailureCause, string> = {
  'time-limit': 'its time limit ran out',
  attempts: 'out of attempts',
  other: 'closed (not by its time limit or attempts)',
};

/**
 * `events`: the participant's events up to atSeq, or null while they are being read (the
 * state comes first: on a large run the first read of someone's events scans the log).
 */
export function Inspector({
  notJoined,
  detail,
  events,
  atSeq,
  currentSeq,
  onSeek,
}: {
  /** The selected participant joins later (or never): said plainly instead of a state. */
  notJoined?: { id: string; joinSeq: number | null; onGo(seq: number): void } | null;
  detail: ParticipantDetail | null;
  events: EventRow[] | null;
  atSeq: number;
  currentSeq: number;
  onSeek(seq: number): void;
}) {
  if (notJoined)
    return (
      <section className="inspector not-joined" aria-label={`Participant ${notJoined.id}`} data-testid="not-joined">
        <h2>{notJoined.id}</h2>
        {notJoined.joinSeq === null ? (
          <p>{notJoined.id} never joins this run.</p>
        ) : (
          <p>
            Not joined yet at event #{currentSeq}: {notJoined.id} joins at event #{notJoined.joinSeq}.{' '}
            <button type="button" className="link" onClick={() => notJoined.onGo(notJoined.joinSeq!)}>
              Go to their join
            </button>
          </p>
        )}
      </section>
    );
  if (!detail) return <p className="muted pad">Select a participant in the table to inspect them.</p>;
  const totals = detail.steps.reduce(
    (t, s) => ({ points: t.points + (s.status === 'solved' ? s.points : 0), hints: t.hints + s.hintPenalty, wrong: t.wrong + s.wrongPenalty }),
    { points: 0, hints: 0, wrong: 0 },
  );
  return (
    <section className="inspector" aria-label={`Participant ${detail.id}`} data-at-seq={atSeq} data-events-at-seq={events ? atSeq : undefined}>
      <div className="actions">
        <h2>{detail.name ? `${detail.name} (${detail.id})` : detail.id}</h2>
        <span className={`pill pill-${detail.status}`} data-testid="inspector-status">{detail.status.replace('_', ' ')}</span>
        <span className="muted small">at event #{atSeq}</span>
        <span className="grow" />
        <span className="muted small">
          joined {fmtDuration(detail.joinedAt)}
          {detail.finishedAt !== null ? ` · finished ${fmtDuration(detail.finishedAt)}` : ''}
        </span>
        <strong className="score" aria-label={`Score ${detail.score}`}>{fmtInt(detail.score)} pts</strong>
      </div>
      <ParticipantV2Facts detail={detail} />
      <PendingSubmissions detail={detail} onSeek={onSeek} />
      <table className="data compact" aria-label="Steps of this participant">
        <thead>
          <tr>
            <th>Step</th>
            <th>State</th>
            <th className="num">Done</th>
            <th className="num" title="Wrong attempts">Wrong</th>
            <th className="num" title="Hints taken">Hints</th>
            <th className="num" title="Points − hint penalties − wrong-answer penalties = score">Score</th>
          </tr>
        </thead>
        <tbody>
          {detail.steps.map((s) => (
            <tr key={s.id}>
              <td title={s.id} className="step-title">{s.title}</td>
              <td>
                <span className={`pill pill-${s.status}`} title={s.availableAt !== null ? `available from ${fmtDuration(s.availableAt)}` : 'not yet available'}>
                  {s.status}
                </span>
                {s.failedBy && <span className="why-failed">{FAILED_BY[s.failedBy]}</span>}
                {windowText(s) && <span className="step-window" data-testid={`window-${s.id}`}>{windowText(s)}</span>}
              </td>
              <td className="num">{fmtDuration(s.doneAt)}</td>
              <td className="num">{s.wrongAttempts}</td>
              <td className="num">{s.hintsTaken}</td>
              <td className="num breakdown">
                {s.status === 'solved' ? (
                  <>
                    <span className="muted">
                      {s.points}
                      {s.hintPenalty ? ` − ${s.hintPenalty}` : ''}
                      {s.wrongPenalty ? ` − ${s.wrongPenalty}` : ''} ={' '}
                    </span>
                    <strong>{s.score}</strong>
                  </>
                ) : (
                  <span className="muted">0 of {s.points}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={5}>
              {totals.points} points − {totals.hints} hints − {totals.wrong} wrong answers
              {detail.adjusted ? ` ${detail.adjusted > 0 ? '+' : '−'} ${Math.abs(detail.adjusted)} adjusted` : ''}
            </td>
            <td className="num">
              <strong>{detail.score}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
      <h3>Events that led here ({events ? events.length : '…'})</h3>
      {events ? (
        <EventList events={events} currentSeq={currentSeq} onSeek={onSeek} />
      ) : (
        <p className="muted" aria-busy="true">
          Reading this participant&apos;s events…
        </p>
      )}
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
