// The judging queue: submissions of judged steps waiting for the organiser (hunt/2 §3.4).
// The viewer shows the photo (fetched through the API, never by a path) or the text, as
// text; accepting gives the step's points or fewer (the host caps them), rejecting
// counts as a wrong attempt.
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api';
import { fmtDuration } from '../lib/format';
import { isPhotoRef } from '../../api/liveProtocol';
import { intervene } from './interventions';
import { VirtualList } from './VirtualList';
import type { ConsoleJudgement, ConsoleState } from '../../api/liveConsole';

const ROW = 40;
const keyOf = (j: ConsoleJudgement) => `${j.team}|${j.step}|${j.seq}`;

export function JudgingQueue({ state, onChanged }: { state: ConsoleState; onChanged(): void }) {
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const queue = state.judging;
  // The oldest waits longest: it is shown first, and chosen when nothing is.
  const selected = queue.find((j) => keyOf(j) === selectedKey) ?? queue[0] ?? null;
  return (
    <section className="panel judging" aria-labelledby="judging-title">
      <h2 id="judging-title">
        To judge <span className={`count ${queue.length ? 'count-warning' : ''}`}>{queue.length}</span>
      </h2>
      {queue.length === 0 ? (
        <p className="muted">Nothing waits for judgement.</p>
      ) : (
        <div className="judging-body">
          <VirtualList
            items={queue}
            rowHeight={ROW}
            label="Submissions waiting"
            keyOf={keyOf}
            className="judging-list"
            row={(j) => (
              <button type="button" className="judge-item" aria-pressed={selected !== null && keyOf(selected) === keyOf(j)} onClick={() => setSelectedKey(keyOf(j))}>
                <span className="judge-team">{j.teamName}</span>
                <span className="muted small">
                  {j.title} · {isPhotoRef(j.ref) ? 'photo' : 'text'} · at {fmtDuration(j.t)}
                </span>
              </button>
            )}
          />
          {selected && <Viewer key={keyOf(selected)} item={selected} onChanged={onChanged} />}
        </div>
      )}
    </section>
  );
}

function Viewer({ item, onChanged }: { item: ConsoleJudgement; onChanged(): void }) {
  const max = item.points;
  const [points, setPoints] = useState(String(max));
  const [busy, setBusy] = useState(false);
  const photo = isPhotoRef(item.ref);
  const [image, setImage] = useState<{ url: string } | { error: string } | null>(null);
  useEffect(() => {
    if (!photo) return;
    let cancelled = false;
    api()
      .call('console.photo', { ref: item.ref })
      .then((p) => !cancelled && setImage({ url: p.dataUrl }))
      .catch((err) => !cancelled && setImage({ error: errorMessage(err) }));
    return () => {
      cancelled = true;
    };
  }, [item.ref, photo]);
  const n = Number(points);
  const pointsOk = points.trim() === '' || (/^\d+$/.test(points.trim()) && n <= max);
  const judge = async (accept: boolean) => {
    setBusy(true);
    const given = accept && points.trim() !== '' ? { points: n } : {};
    const what = accept ? `Accepted ${item.teamName}’s “${item.title}”${'points' in given ? ` for ${n} points` : ''}` : `Rejected ${item.teamName}’s “${item.title}”`;
    await intervene('console.judge', { team: item.team, step: item.step, accept, ...given }, what);
    setBusy(false);
    onChanged();
  };
  return (
    <div className="judge-viewer" aria-label={`Submission of ${item.teamName} for ${item.title}`} role="group">
      <div className="judge-media">
        {photo ? (
          image === null ? (
            <p className="muted">Loading the photo…</p>
          ) : 'url' in image ? (
            <img src={image.url} alt={`Photo submitted by ${item.teamName} for ${item.title}`} />
          ) : (
            <p className="error-text">The photo cannot be shown: {image.error}</p>
          )
        ) : (
          <blockquote className="judge-text">{item.ref}</blockquote>
        )}
      </div>
      <div className="inline-form">
        <input className="narrow" aria-label="Points to give" inputMode="numeric" value={points} onChange={(e) => setPoints(e.target.value)} aria-invalid={!pointsOk} />
        <span className="muted small grow">of {max} points</span>
        <button type="button" className="primary" disabled={busy || !pointsOk} onClick={() => void judge(true)}>
          Accept
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void judge(false)}>
          Reject
        </button>
      </div>
    </div>
  );
}
