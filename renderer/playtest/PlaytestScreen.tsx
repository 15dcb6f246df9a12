// Playtest: play the open hunt as one participant (answer, scan, choose, submit, walk
// on the venue plane, take hints) on a virtual clock you control, and for hunt/2 act as
// the organiser too (judge a submission, adjust the score, give extra time).
import { useEffect, useMemo, useState } from 'react';
import { useStore } from '../state/store';
import { editor } from '../state/editor';
import { notifyError } from '../state/notices';
import { FAILED_BY } from '../debugger/ParticipantInspector';
import { refreshRuns } from '../state/runs';
import '../components/analysis.css';
import { advanceClock, endPlaytest, playtest, send, sendAsOrganiser, setClock, startPlaytest } from './playtest';
import { OrganiserPanel } from './OrganiserPanel';
import { ParticipantV2Facts } from '../debugger/participantV2';
import { windowText } from '../debugger/windowText';
import { unmetRequirements } from '../hunt/requirements';
import { asObject, locationViews, rawSteps } from '../hunt/draft';
import { HuntGraph } from '../components/HuntGraph';
import { VenuePlane } from '../components/VenuePlane';
import { fmtDuration } from '../lib/format';
import type { ParticipantDetail, StepDetail, StepStatus } from '../../api/contract';
import type { SentEvent } from './playtest';

export function PlaytestScreen() {
  const s = useStore(playtest, (p) => p);
  return s.runId && s.detail ? <Session /> : <StartForm />;
}

function StartForm() {
  const hunt = useStore(editor, (s) => s.history.present.hunt);
  const valid = useStore(editor, (s) => s.report.valid);
  const [name, setName] = useState(playtest.get().participant);
  const [busy, setBusy] = useState(false);
  return (
    <div className="page">
      <form
        className="panel narrow-panel form"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          try {
            await startPlaytest(hunt, name.trim() || 'designer');
          } catch (err) {
            notifyError(err, 'Starting the playtest');
          } finally {
            setBusy(false);
          }
        }}
      >
        <h2>Playtest</h2>
        <p className="muted">Play the hunt open in the editor as one participant. You control the clock: time only moves when you move it.</p>
        {!valid && <p className="banner error">The hunt has errors; fix them in the Editor first.</p>}
        <div className="field">
          <label htmlFor="pt-name">Participant id</label>
          <input id="pt-name" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={!valid || busy}>
            {busy ? 'Starting…' : 'Join the hunt'}
          </button>
        </div>
      </form>
    </div>
  );
}

function Session() {
  const s = useStore(playtest, (p) => p);
  const detail = s.detail!;
  const [auto, setAuto] = useState(0);
  const locations = useMemo(() => locationViews(s.hunt), [s.hunt]);
  const statuses = useMemo(() => Object.fromEntries(detail.steps.map((x) => [x.id, x.status])) as Record<string, StepStatus>, [detail]);
  const reached = useMemo(() => {
    const ids = new Set<string>();
    for (const st of rawSteps(s.hunt).map(asObject)) if (st.kind === 'location' && statuses[st.id as string] === 'solved') ids.add(st.location as string);
    return ids;
  }, [s.hunt, statuses]);

  // The automatic clock: virtual seconds per wall second, ticking 4 times a second.
  useEffect(() => {
    if (!auto) return;
    const id = setInterval(() => advanceClock(auto / 4), 250);
    return () => clearInterval(id);
  }, [auto]);

  const act = (type: string, fields?: Record<string, unknown>): Promise<SentEvent | null> =>
    send(type, fields).catch((err) => {
      notifyError(err, `Sending ${type}`);
      return null;
    });

  const active = detail.status === 'active';
  return (
    <div className="playtest">
      <div className="pt-left">
        <div className="panel">
          <div className="actions">
            <h2>{s.participant}</h2>
            <span className={`pill pill-${detail.status}`} data-testid="playtest-status">{detail.status.replace('_', ' ')}</span>
            <strong className="score">{detail.score} pts</strong>
            <span className="grow" />
            <button type="button" className="danger" disabled={!active} onClick={() => void act('quit')}>
              Quit the hunt
            </button>
            <button type="button" onClick={() => void endPlaytest().then(refreshRuns, (err) => notifyError(err, 'Ending the session'))}>
              End session
            </button>
          </div>
          <div className="clock" role="group" aria-label="Virtual clock">
            <span className="clock-time" aria-live="off">{fmtDuration(s.clock)}</span>
            <button type="button" onClick={() => advanceClock(10)}>+10 s</button>
            <button type="button" onClick={() => advanceClock(60)}>+1 min</button>
            <button type="button" onClick={() => advanceClock(300)}>+5 min</button>
            <label className="inline-field">
              Set to (s)
              <input
                aria-label="Set the clock to seconds"
                className="narrow"
                inputMode="decimal"
                onKeyDown={(e) => {
                  if (e.key !== 'Enter') return;
                  const n = Number((e.target as HTMLInputElement).value);
                  if (Number.isFinite(n) && n >= 0) setClock(n);
                }}
              />
            </label>
            <label className="inline-field">
              Clock runs
              <select aria-label="Automatic clock speed" value={auto} onChange={(e) => setAuto(Number(e.target.value))}>
                <option value={0}>stopped</option>
                <option value={1}>real time</option>
                <option value={10}>10×</option>
                <option value={60}>60×</option>
              </select>
            </label>
          </div>
        </div>
        {!active && <FinishSummary detail={detail} clock={s.clock} />}
        {detail.format === 'hunt/2' && (
          <div className="panel">
            <ParticipantV2Facts detail={detail} />
          </div>
        )}
        {detail.format === 'hunt/2' && <OrganiserPanel detail={detail} active={active} />}
        <div className="pt-steps">
          {detail.steps.map((st) => (
            <StepCard key={st.id} step={st} hunt={s.hunt} detail={detail} enabled={active} onAct={act} />
          ))}
        </div>
        <div className="panel">
          <h3>Sent events</h3>
          {s.sent.length === 0 ? (
            <p className="muted small">Nothing sent yet.</p>
          ) : (
            <ol className="event-list">
              {s.sent.map((e, i) => (
                <li key={i} className={e.rejected ? 'is-rejected' : ''}>
                  <code>{JSON.stringify(e.event)}</code>
                  {e.rejected ? <span className="pill pill-error">{e.rejected}</span> : <span className="pill pill-solved">applied</span>}
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
      <div className="pt-right">
        <div className="panel pt-graph">
          <HuntGraph hunt={s.hunt} positions={{}} selectedStep={null} statuses={statuses} editable={false} compact label="Your progress through the hunt" />
        </div>
        <div className="panel pt-plane">
          <VenuePlane
            locations={locations}
            selected={null}
            editable={false}
            label="Venue plane: click to walk there"
            marker={s.position}
            reached={reached}
            onPick={(at) => {
              if (active) void act('position', { lat: Math.round(at.lat * 1e6) / 1e6, lon: Math.round(at.lon * 1e6) / 1e6 });
            }}
          />
        </div>
      </div>
    </div>
  );
}

function FinishSummary({ detail, clock }: { detail: ParticipantDetail; clock: number }) {
  const solved = detail.steps.filter((x) => x.status === 'solved').length;
  const failed = detail.steps.filter((x) => x.status === 'failed').length;
  const hints = detail.steps.reduce((a, x) => a + x.hintsTaken, 0);
  const wrong = detail.steps.reduce((a, x) => a + x.wrongAttempts, 0);
  const end = detail.finishedAt ?? clock;
  const how = detail.status === 'finished' ? 'You finished the hunt' : detail.status === 'quit' ? 'You quit the hunt' : 'The hunt’s time ran out';
  return (
    <section className="panel pt-summary" aria-label="Finish summary" data-testid="finish-summary">
      <h3>
        {how}: {detail.score} points
      </h3>
      <p className="small">
        {solved} of {detail.steps.length} steps solved{failed ? `, ${failed} failed` : ''} · {hints} hint{hints === 1 ? '' : 's'} · {wrong} wrong attempt{wrong === 1 ? '' : 's'} · time {fmtDuration(end - detail.joinedAt)}
      </p>
      <p className="muted small">End session to store the run and play again; it can be opened in Runs &amp; Debugger.</p>
    </section>
  );
}

/** What the last answer or scan on a step did, in words. */
function outcomeMessage(sent: SentEvent | null, before: StepDetail, after: StepDetail): { text: string; wrong: boolean } | null {
  if (!sent) return null;
  if (sent.rejected) return { text: `Not accepted: ${sent.rejected.replace(/-/g, ' ')}.`, wrong: true };
  if (after.status === 'solved' && before.status !== 'solved') return { text: `Right! +${after.score} points.`, wrong: false };
  if (after.status === 'failed') return { text: `Wrong, and that was the last attempt: the step failed (${after.failedBy ? FAILED_BY[after.failedBy] : 'failed'}).`, wrong: true };
  if (after.wrongAttempts > before.wrongAttempts) return { text: `Not right. ${after.wrongAttempts} wrong so far${after.wrongPenalty ? ` (−${after.wrongPenalty} points when solved)` : ''}.`, wrong: true };
  return null;
}

function StepCard({ step, hunt, detail, enabled, onAct }: { step: StepDetail; hunt: unknown; detail: ParticipantDetail; enabled: boolean; onAct(type: string, fields?: Record<string, unknown>): Promise<SentEvent | null> }) {
  const steps = detail.steps;
  const [text, setText] = useState('');
  // What the last action did; shown while the step stays in the state it left it in (a judgement changes it).
  const [message, setMessage] = useState<{ text: string; wrong: boolean; status: StepStatus } | null>(null);
  const def = asObject(rawSteps(hunt).find((x) => asObject(x).id === step.id));
  const kind = def.kind as string;
  const hintDefs = Array.isArray(def.hints) ? def.hints.map(asObject) : [];
  const hintsTotal = hintDefs.length;
  const given = hintDefs.slice(0, step.hintsTaken).map((h) => h.text as string);
  const nextPenalty = step.hintsTaken < hintsTotal ? Number(hintDefs[step.hintsTaken].penalty ?? 0) : null;
  const open = enabled && step.status === 'available';
  const locked = step.status === 'locked';
  const titleOf = (id: string) => steps.find((x) => x.id === id)?.title ?? id;
  const statusOf = (id: string) => steps.find((x) => x.id === id)?.status;
  const needs = locked ? [...unmetRequirements(def.requires, statusOf, titleOf, detail.score), ...rotationWait(detail, step.id)] : [];
  const opensAt = step.window.next?.kind === 'opens' ? step.window.next.at : null;
  const window = windowText(step);
  // Sends an action and keeps the step before it, to say what it did once the new state arrives.
  const attempt = async (type: string, fields: Record<string, unknown>) => {
    const before = step;
    const sent = await onAct(type, fields);
    setPending({ sent, before });
  };
  const submit = async () => {
    if (!text.trim()) return;
    if (kind === 'judged') await attempt('submit', { step: step.id, ref: text.trim() });
    else await attempt(kind === 'code' ? 'scan' : 'answer', kind === 'code' ? { step: step.id, code: text } : { step: step.id, text });
    setText('');
  };
  const [pending, setPending] = useState<{ sent: SentEvent | null; before: StepDetail } | null>(null);
  if (pending && pending.before !== step) {
    const said = outcomeMessage(pending.sent, pending.before, step);
    setMessage(said && { ...said, status: step.status });
    setPending(null);
  }
  const choices = Array.isArray(def.choices) ? def.choices.map(String) : [];
  return (
    <div className={`panel step-card status-${step.status}`} aria-label={`Step ${step.title}`}>
      <div className="actions">
        <strong>{step.title}</strong>
        <span className={`pill pill-${step.status}`}>{step.status}</span>
        {def.optional === true && <span className="pill" title="A bonus step: not needed to finish">bonus</span>}
        <span className="grow" />
        <span className="muted small">
          {step.score}/{step.points} pts · {step.wrongAttempts} wrong · {step.hintsTaken}/{hintsTotal} hints
        </span>
      </div>
      {window && <p className="muted small" data-testid={`pt-window-${step.id}`}>{window}</p>}
      {locked ? (
        <p className="muted small">
          Locked{needs.length ? `: ${needs.join('; ')}` : ''}
          {opensAt !== null && needs.length === 0 ? `: opens at ${fmtDuration(opensAt)}` : ''}.{' '}
          {opensAt !== null && needs.length === 0 && enabled && (
            <button type="button" onClick={() => void setClock(opensAt)}>
              Wait until it opens
            </button>
          )}
        </p>
      ) : (
        <>
          {(kind === 'answer' || kind === 'choice' || kind === 'judged') && typeof def.prompt === 'string' && <p className="prompt">{def.prompt}</p>}
          {kind === 'location' && step.status === 'available' && <p className="muted small">Walk to “{placeName(hunt, def.location)}” on the venue plane (click inside its circle).</p>}
        </>
      )}
      {step.status === 'pending' && (
        <p className="muted small" data-testid={`pt-pending-${step.id}`}>
          Submitted {step.submission ? <code>{step.submission.ref}</code> : null}: waiting for the organiser&apos;s judgement.
        </p>
      )}
      {step.status === 'pending' && <JudgeForm step={step} />}
      {step.failedBy && <p className="pt-message wrong">Failed: {FAILED_BY[step.failedBy]}.</p>}
      {given.map((h, i) => (
        <p key={i} className="hint-given">
          Hint {i + 1}: {h}
        </p>
      ))}
      {message && message.status === step.status && (
        <p className={`pt-message${message.wrong ? ' wrong' : ''}`} role="status" data-testid="answer-message">
          {message.text}
        </p>
      )}
      {open && kind === 'choice' && (
        <div className="actions choices" role="group" aria-label={`Choices for ${step.title}`}>
          {choices.map((c, k) => (
            <button key={k} type="button" onClick={() => void attempt('choose', { step: step.id, choice: k })}>
              {c}
            </button>
          ))}
        </div>
      )}
      {open && (
        <form
          className="actions"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {(kind === 'answer' || kind === 'code') && (
            <>
              <input aria-label={kind === 'code' ? `Code for ${step.title}` : `Answer for ${step.title}`} className="grow-input" value={text} onChange={(e) => setText(e.target.value)} placeholder={kind === 'code' ? 'Scanned code' : 'Your answer'} />
              <button type="submit" className="primary">
                {kind === 'code' ? 'Scan' : 'Answer'}
              </button>
            </>
          )}
          {kind === 'judged' && (
            <>
              <input aria-label={`Submission for ${step.title}`} className="grow-input" value={text} onChange={(e) => setText(e.target.value)} placeholder="Your text, or a photo's file name" />
              <label className="file-pick">
                Photo…
                <input
                  type="file"
                  accept="image/*,video/*"
                  aria-label={`Photo for ${step.title}`}
                  onChange={(e) => {
                    const f = e.target.files?.[0];
                    // The log keeps what was submitted by name (hunt-v2 §2: a file name, a hash or the text).
                    if (f) void attempt('submit', { step: step.id, ref: f.name });
                    e.target.value = '';
                  }}
                />
              </label>
              <button type="submit" className="primary">
                Submit
              </button>
            </>
          )}
          <button type="button" disabled={nextPenalty === null} title={nextPenalty === null ? 'No hints left' : `Costs ${nextPenalty} points when the step is solved`} onClick={() => void onAct('hint', { step: step.id })}>
            {nextPenalty === null ? 'No hints left' : `Take a hint (−${nextPenalty} pts)`}
          </button>
        </form>
      )}
    </div>
  );
}

/** A locked step of a rotation group waits for the step before it in the participant's order. */
function rotationWait(detail: ParticipantDetail, id: string): string[] {
  for (const r of detail.rotations) {
    const k = r.order.indexOf(id);
    if (k <= 0) continue;
    const before = detail.steps.find((s) => s.id === r.order[k - 1]);
    if (before && before.status !== 'solved' && before.status !== 'failed') return [`after ${before.title} (rotation ${r.group})`];
  }
  return [];
}

/** As the organiser: accept (with points, capped at the step's) or reject a pending submission. */
function JudgeForm({ step }: { step: StepDetail }) {
  const [points, setPoints] = useState(String(step.points));
  const judge = (accept: boolean) => {
    const n = Number(points);
    const fields: Record<string, unknown> = { step: step.id, accept };
    if (accept && points.trim() !== '' && Number.isInteger(n) && n >= 0) fields.points = n;
    sendAsOrganiser('judge', fields).catch((err) => notifyError(err, 'Judging'));
  };
  return (
    <div className="actions organiser-act" role="group" aria-label={`Judge ${step.title} as the organiser`}>
      <span className="muted small">As the organiser:</span>
      <label className="inline-field">
        Points
        <input className="narrow" inputMode="numeric" aria-label={`Points for ${step.title}`} value={points} onChange={(e) => setPoints(e.target.value)} />
      </label>
      <button type="button" className="primary" onClick={() => judge(true)}>
        Accept
      </button>
      <button type="button" className="danger" onClick={() => judge(false)}>
        Reject
      </button>
    </div>
  );
}

function placeName(hunt: unknown, id: unknown): string {
  const place = locationViews(hunt).find((l) => l.id === id);
  return place?.name || String(id);
}
