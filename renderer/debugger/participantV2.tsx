// hunt/2's part of a participant as the inspector and the playtest show it: each
// step's window (when it opens and closes for this participant, and what the clock
// alone does to it next), the submissions awaiting judgement, the organiser's
// adjustments and extensions, and the participant's rotation order in each group.
import type { ParticipantDetail } from '../../api/contract';
import { fmtDuration } from '../lib/format';

/** The participant-wide hunt/2 facts: deadline (with extensions), adjustments, rotation orders. Nothing for a hunt/1 hunt. */
export function ParticipantV2Facts({ detail }: { detail: ParticipantDetail }) {
  if (detail.format !== 'hunt/2') return null;
  return (
    <dl className="v2-facts" aria-label="Organiser corrections and rotation">
      <dt>Hunt deadline</dt>
      <dd data-testid="hunt-deadline">
        {detail.deadlineAt === null ? 'none' : fmtDuration(detail.deadlineAt)}
        {detail.extendedSec > 0 ? ` (extended by ${fmtDuration(detail.extendedSec)})` : ''}
      </dd>
      <dt>Adjustments</dt>
      <dd data-testid="adjustments">{detail.adjusted === 0 ? 'none' : `${detail.adjusted > 0 ? '+' : ''}${detail.adjusted} pts`}</dd>
      {detail.rotations.map((r) => (
        <RotationFact key={r.group} group={r.group} order={r.order} joinIndex={detail.joinIndex} detail={detail} />
      ))}
    </dl>
  );
}

function RotationFact({ group, order, joinIndex, detail }: { group: string; order: string[]; joinIndex: number | null; detail: ParticipantDetail }) {
  const titleOf = (id: string) => detail.steps.find((s) => s.id === id)?.title ?? id;
  const statusOf = (id: string) => detail.steps.find((s) => s.id === id)?.status ?? 'locked';
  return (
    <>
      <dt title={joinIndex === null ? undefined : `Join #${joinIndex + 1}: offset ${joinIndex} mod ${order.length}`}>Rotation {group}</dt>
      <dd>
        <ol className="rotation-order" aria-label={`Rotation order in ${group}`}>
          {order.map((id) => (
            <li key={id} className={`status-${statusOf(id)}`} title={`${id}: ${statusOf(id)}`}>
              {titleOf(id)}
            </li>
          ))}
        </ol>
      </dd>
    </>
  );
}

/** Submissions awaiting the organiser's judgement, oldest first; `onSeek` jumps to the submit line. */
export function PendingSubmissions({ detail, onSeek }: { detail: ParticipantDetail; onSeek?(seq: number): void }) {
  const pending = detail.steps.filter((s) => s.status === 'pending').sort((a, b) => (a.submission?.seq ?? 0) - (b.submission?.seq ?? 0));
  if (detail.format !== 'hunt/2' || pending.length === 0) return null;
  return (
    <section aria-label="Pending submissions" className="pending-submissions">
      <h3>Awaiting judgement ({pending.length})</h3>
      <ul>
        {pending.map((s) => (
          <li key={s.id} data-testid={`pending-${s.id}`}>
            <strong>{s.title}</strong>{' '}
            {s.submission ? (
              <>
                <code className="submission-ref">{s.submission.ref}</code> <span className="muted small">submitted {fmtDuration(s.submission.t)}</span>{' '}
                {onSeek && (
                  <button type="button" className="link" onClick={() => onSeek(s.submission!.seq)}>
                    #{s.submission.seq}
                  </button>
                )}
              </>
            ) : (
              <span className="muted small">submission not found in the log</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
