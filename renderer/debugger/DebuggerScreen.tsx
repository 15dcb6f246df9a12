// Step-through debugger: pick a run, scrub through its events, inspect any
// participant at any moment and see where they are in the hunt graph.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DensityStrip as Density, EventRow, ParticipantDetail, StepStatus } from '../../api/contract';
import { api } from '../api';
import { useStore } from '../state/store';
import { debuggerRun, screen } from '../state/app';
import { participantFilters, setParticipantFilter } from '../state/participantFilter';
import { ParticipantFilters } from './ParticipantFilters';
import { debuggerTarget, debuggerTargetFor } from '../state/debuggerTarget';
import { RunTitle } from '../components/RunTitle';
import { showRun } from '../simulate/simulation';
import { editor } from '../state/editor';
import { notify, notifyError } from '../state/notices';
import { RunList } from '../components/RunList';
import { HuntGraph } from '../components/HuntGraph';
import { DensityStrip } from './DensityStrip';
import { ParticipantsTable } from './ParticipantsTable';
import { Inspector } from './ParticipantInspector';
import { latest } from './latest';
import { isTyping } from '../lib/keys';
import { fmtInt } from '../lib/format';
import { fmtDuration } from '../lib/format';
import { huntForRun } from './huntForRun';
import { runs, runSummary } from '../state/runs';


export function DebuggerScreen() {
  const runId = useStore(debuggerRun, (r) => r);
  return (
    <div className="page-split narrow-side">
      <aside className="side" aria-label="Runs">
        <h2 className="side-title">Runs</h2>
        <RunList
          selected={runId}
          onSelect={(id) => {
            debuggerTarget.set(null);
            debuggerRun.set(id);
          }}
          compact
        />
      </aside>
      <section className="body debugger" aria-label="Debugger">
        {runId ? <RunDebugger key={runId} runId={runId} /> : <p className="muted">Pick a run on the left to step through it.</p>}
      </section>
    </div>
  );
}

const TABLE_SETTLE_MS = 250;
/** The debugger's graph is laid out automatically; one object, so a seek does not re-lay it out. */
const NO_POSITIONS = {};
const NO_FILTER = {};

/** The steps of a stored hunt (plain JSON), for the step filter. */
function stepsOf(hunt: unknown): { id: string; title: string }[] {
  const steps = (hunt as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) return [];
  return steps.map((x) => ({ id: String((x as { id?: unknown }).id ?? ''), title: String((x as { title?: unknown }).title ?? '') })).filter((x) => x.id);
}

/** The Event box: a number, "#123" or "event 123". */
export function parseEventInput(text: string): number | null {
  const m = /^\s*(?:event\s*)?#?\s*(\d+)\s*$/i.exec(text);
  return m ? Number(m[1]) : null;
}

/** `value`, once it has not changed for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return settled;
}

function RunDebugger({ runId }: { runId: string }) {
  // The summary follows the run list, so a run still going keeps growing here.
  const run = useStore(runs, (list) => list?.find((r) => r.id === runId) ?? null);
  const [density, setDensity] = useState<Density | null>(null);
  const [atSeq, setAtSeq] = useState(0);
  const [event, setEvent] = useState<EventRow | null>(null);
  // Id order is the one the host pages cheaply at any moment of any run; other orders on demand.
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<ParticipantDetail | null>(null);
  /** The event the shown detail was computed at (lags the scrubber while a request is out). */
  const [detailSeq, setDetailSeq] = useState(0);
  const editorHunt = useStore(editor, (s) => s.history.present.hunt);
  const total = run?.events ?? 0;

  useEffect(() => {
    let cancelled = false;
    const target = debuggerTargetFor(runId);
    if (target?.participant) setSelected(target.participant);
    runSummary(runId)
      .then((info) => {
        // A requested event (a divergence, say), else the final state to scrub back from.
        if (!cancelled) setAtSeq(target ? Math.min(target.seq, info.events) : info.events);
      })
      .catch((err) => notifyError(err, 'Opening the run', 'debugger'));
    return () => {
      cancelled = true;
    };
  }, [runId]);
  // The hunt the run used, as stored with it: the graph draws it whatever the editor holds.
  const [runHunt, setRunHunt] = useState<unknown>(null);
  useEffect(() => {
    let cancelled = false;
    api()
      .call('runs.get', { runId, result: false })
      .then((info) => !cancelled && setRunHunt(info.hunt))
      .catch((err) => notifyError(err, 'Reading the run', 'debugger'));
    return () => {
      cancelled = true;
    };
  }, [runId]);
  const events = run?.events ?? 0;
  useEffect(() => {
    let cancelled = false;
    api()
      .call('runs.density', { runId, buckets: 240 })
      .then((d) => !cancelled && setDensity(d))
      .catch((err) => notifyError(err, 'Reading the event density', 'debugger'));
    return () => {
      cancelled = true;
    };
  }, [runId, events]);

  // Seeks ask for the event and the inspected participant; the newest seek always wins.
  const eventReq = useMemo(
    () => latest((seq: number) => api().call('runs.events', { runId, fromSeq: seq, limit: 1 }), (rows) => setEvent(rows[0] ?? null), (err) => notifyError(err, 'Reading the event', 'debugger')),
    [runId],
  );
  // The state first (quick), the participant's events on their own (the first read of
  // someone's events scans the log), so a seek never waits for the list.
  const inspectReq = useMemo(
    () =>
      latest(
        (a: { seq: number; p: string }) => api().call('runs.inspect', { runId, atSeq: a.seq, participant: a.p, events: false }),
        (d, a) => {
          setDetail(d);
          setDetailSeq(a.seq);
        },
        (err) => notifyError(err, 'Inspecting the participant', 'debugger'),
      ),
    [runId],
  );
  const [history, setHistory] = useState<{ seq: number; p: string; events: EventRow[] } | null>(null);
  const historyReq = useMemo(
    () =>
      latest(
        (a: { seq: number; p: string }) => api().call('runs.history', { runId, atSeq: a.seq, participant: a.p }),
        (events, a) => setHistory({ ...a, events }),
        (err) => notifyError(err, "Reading the participant's events", 'debugger'),
      ),
    [runId],
  );
  useEffect(() => {
    if (!run) return;
    if (atSeq > 0) eventReq.request(atSeq);
    else setEvent(null);
  }, [atSeq, run, eventReq]);
  // When the selected participant joined: before that they are "not joined yet", said plainly,
  // and the host is not asked for a state they do not have.
  const [join, setJoin] = useState<{ p: string; seq: number | null } | null>(null);
  useEffect(() => {
    if (!selected) return;
    let cancelled = false;
    api()
      .call('runs.joinSeq', { runId, participant: selected })
      .then((r) => !cancelled && setJoin({ p: selected, seq: r.seq }))
      .catch((err) => notifyError(err, 'Looking the participant up', 'debugger'));
    return () => {
      cancelled = true;
    };
  }, [runId, selected]);
  const joinKnown = join !== null && join.p === selected;
  const notJoined = joinKnown && (join.seq === null || atSeq < join.seq);
  useEffect(() => {
    if (!run || !selected || !joinKnown) return;
    if (notJoined) {
      inspectReq.cancel();
      historyReq.cancel();
      setDetail(null);
      return;
    }
    inspectReq.request({ seq: atSeq, p: selected });
    historyReq.request({ seq: atSeq, p: selected });
  }, [atSeq, run, selected, joinKnown, notJoined, inspectReq, historyReq]);

  // The table follows the scrubber once it rests: the inspector's request goes first, and a
  // fast scrub does not make the host compute a table for every event passed over.
  const tableSeq = useSettled(atSeq, TABLE_SETTLE_MS);
  const filter = useStore(participantFilters, (all) => all[runId]) ?? NO_FILTER;
  const [matchCount, setMatchCount] = useState<number | null>(null);
  const stepList = useMemo(() => stepsOf(runHunt), [runHunt]);

  const seek = useCallback((seq: number) => setAtSeq(Math.max(0, Math.min(total, Math.round(seq)))), [total]);

  const find = useCallback(
    async (kind: 'rejection' | 'participant', direction: 1 | -1) => {
      if (kind === 'participant' && !selected) return;
      try {
        const row = await api().call('runs.findEvent', { runId, fromSeq: atSeq + direction, direction, kind, participant: kind === 'participant' ? selected! : undefined });
        if (row) seek(row.seq);
        else notify(kind === 'rejection' ? `No rejected event ${direction > 0 ? 'after' : 'before'} this one.` : `No event of ${selected} ${direction > 0 ? 'after' : 'before'} this one.`, 'info', 'debugger');
      } catch (err) {
        notifyError(err, 'Searching the log', 'debugger');
      }
    },
    [runId, atSeq, selected, seek],
  );

  // Keyboard: arrows step, Shift+arrows and Page keys scrub, Home/End jump, R/P find.
  const keyState = useRef({ seek, find, atSeq, total });
  keyState.current = { seek, find, atSeq, total };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey || document.querySelector('dialog[open]')) return;
      if ((e.target as HTMLElement | null)?.getAttribute?.('type') === 'range') return; // the scrubber handles its own keys
      const { seek: go, find: search, atSeq: at, total: n } = keyState.current;
      const big = Math.max(1, Math.round(n / 100));
      const map: Record<string, () => void> = {
        ArrowRight: () => go(at + (e.shiftKey ? big : 1)),
        ArrowLeft: () => go(at - (e.shiftKey ? big : 1)),
        PageDown: () => go(at + big * 10),
        PageUp: () => go(at - big * 10),
        Home: () => go(0),
        End: () => go(n),
        r: () => void search('rejection', 1),
        R: () => void search('rejection', -1),
        p: () => void search('participant', 1),
        P: () => void search('participant', -1),
      };
      const f = map[e.key];
      if (f) {
        e.preventDefault();
        f();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const graphHunt = useMemo(() => (run ? huntForRun({ ...run, hunt: runHunt }, editorHunt, detail) : null), [run, runHunt, editorHunt, detail]);
  const statuses = useMemo(() => {
    if (!detail) return undefined;
    const out: Record<string, StepStatus> = {};
    for (const s of detail.steps) out[s.id] = s.status;
    return out;
  }, [detail]);

  if (!run) return <p className="muted" aria-busy="true">Loading the run…</p>;
  // The strip and the scrubber share one scale, the event number.
  const position = total ? atSeq / total : 0;

  return (
    <>
      <div className="actions">
        <RunTitle run={run} />
        <span className="muted small">
          {run.kind} · {fmtInt(run.participants)} participants · {fmtInt(run.events)} events · {fmtInt(run.rejected)} rejected
        </span>
        <span className="grow" />
        <button
          type="button"
          onClick={() => {
            void showRun(run.id, run.name).catch((err) => notifyError(err, 'Showing the report'));
            screen.set('simulate');
          }}
        >
          Charts and step diagnostics
        </button>
      </div>
      <div className="scrubber panel">
        <DensityStrip density={density} position={position} onSeekFraction={(f) => seek(f * total)} />
        <input
          type="range"
          min={0}
          max={total}
          step={1}
          value={atSeq}
          aria-label="Scrub through the run's events"
          aria-valuetext={`Event ${atSeq} of ${total}`}
          onChange={(e) => seek(Number(e.target.value))}
        />
        <div className="actions">
          <button type="button" onClick={() => seek(0)} aria-keyshortcuts="Home" aria-label="To the start" title="To the start (Home)">
            |◀
          </button>
          <button type="button" onClick={() => seek(atSeq - 1)} disabled={atSeq <= 0} aria-keyshortcuts="ArrowLeft" aria-label="Step one event back" title="Step one event back (←)">
            ◀ Back
          </button>
          <button type="button" onClick={() => seek(atSeq + 1)} disabled={atSeq >= total} aria-keyshortcuts="ArrowRight" aria-label="Step one event forward" title="Step one event forward (→)">
            Forward ▶
          </button>
          <button type="button" onClick={() => seek(total)} aria-keyshortcuts="End" aria-label="To the end" title="To the end (End)">
            ▶|
          </button>
          <span className="sep" aria-hidden="true" />
          <button type="button" onClick={() => void find('rejection', -1)} aria-keyshortcuts="Shift+R" title="Previous rejection (Shift+R)">
            ◀ Rejection
          </button>
          <button type="button" onClick={() => void find('rejection', 1)} aria-keyshortcuts="R" title="Next rejection (R)">
            Next rejection ▶
          </button>
          <button type="button" disabled={!selected} onClick={() => void find('participant', -1)} aria-keyshortcuts="Shift+P" title="Previous event of the selected participant (Shift+P)">
            ◀ Participant event
          </button>
          <button type="button" disabled={!selected} onClick={() => void find('participant', 1)} aria-keyshortcuts="P" title="Next event of the selected participant (P)">
            Next participant event ▶
          </button>
          <span className="grow" />
          <label className="seq-field">
            Event
            <EventBox atSeq={atSeq} total={total} onSeek={seek} />
            <span className="muted">/ {fmtInt(total)}</span>
          </label>
        </div>
        <div className="current-event" aria-live="polite" data-testid="current-event">
          {atSeq === 0 ? (
            <span className="muted">Before the first event.</span>
          ) : event ? (
            <>
              <span className="muted">
                #{event.seq} · line {event.line} · {fmtDuration(event.t)}
              </span>
              <code>{event.raw}</code>
              {event.rejected && <span className="pill pill-error">rejected: {event.rejected}</span>}
              {event.p && event.p !== selected && (
                <button type="button" className="link" onClick={() => setSelected(event.p)}>
                  Inspect {event.p}
                </button>
              )}
            </>
          ) : (
            <span className="muted">…</span>
          )}
        </div>
      </div>
      <div className="panel graph-panel">
        <div className="graph-legend-bar" aria-hidden="true">
          {selected ? <strong>{selected}:</strong> : <span>Select a participant to see where they are.</span>}
          {selected && (
            <>
              <span className="pill pill-solved">solved</span>
              <span className="pill pill-available">available</span>
              <span className="pill pill-failed">failed</span>
              <span className="pill">locked</span>
            </>
          )}
        </div>
        <div className="graph-box">
          {graphHunt ? (
            <HuntGraph hunt={graphHunt} positions={NO_POSITIONS} selectedStep={null} statuses={statuses} editable={false} compact label={selected ? `Hunt graph showing where ${selected} is` : 'Hunt graph'} />
          ) : (
            <p className="muted pad">The hunt graph appears here.</p>
          )}
        </div>
      </div>
      <div className="debug-grid">
        <div className="panel table-panel">
          <ParticipantFilters filter={filter} steps={stepList} total={matchCount} onChange={(f) => setParticipantFilter(runId, f)} />
          <ParticipantsTable runId={runId} atSeq={tableSeq} selected={selected} onSelect={setSelected} filter={filter} onTotal={setMatchCount} />
        </div>
        <div className="panel inspector-panel">
          <Inspector
            notJoined={selected && notJoined ? { id: selected, joinSeq: join!.seq, onGo: (seq) => seek(seq) } : null}
            detail={selected && !notJoined ? detail : null}
            events={history && history.p === selected && history.seq === detailSeq ? history.events : null}
            atSeq={detailSeq}
            currentSeq={atSeq}
            onSeek={seek}
          />
        </div>
      </div>
    </>
  );
}

/** Takes an event number (or "#123") and goes there on Enter or when the field is left. */
function EventBox({ atSeq, total, onSeek }: { atSeq: number; total: number; onSeek(seq: number): void }) {
  const [text, setText] = useState<string | null>(null);
  const bad = text !== null && parseEventInput(text) === null;
  const commit = () => {
    if (text === null) return;
    const n = parseEventInput(text);
    if (n !== null) onSeek(Math.min(total, n));
    setText(null);
  };
  return (
    <input
      aria-label="Go to event number"
      inputMode="numeric"
      aria-invalid={bad || undefined}
      title="An event number, such as 1200 or #1200; Enter to go"
      value={text ?? String(atSeq)}
      onChange={(e) => {
        const n = parseEventInput(e.target.value);
        if (n !== null) {
          onSeek(Math.min(total, n));
          setText(null);
        } else setText(e.target.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setText(null);
      }}
      onBlur={commit}
    />
  );
}
