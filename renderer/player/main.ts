// The players' page: join with the code and a team name, then the team's steps with
// their prompts, hints, time left and score; every verdict at once; the organiser's
// messages. Everything shown that came from a player or the organiser is set as text
// (textContent), never as HTML.
import type { OrganiserMessage, PlayerEvent, PlayerStep, ServerMessage, TeamView } from '../../api/liveProtocol';
import { Connection } from './connection';
import { watchPositions } from './gps';
import { Outbox } from './outbox';
import { resizePhoto, uploadPhoto } from './photo';
import { scanQr } from './scanner';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const outbox = new Outbox();
let view: TeamView | null = null;
let viewAt = 0;
let ended = false;
const messages: OrganiserMessage[] = [];

const REASONS: Record<string, string> = {
  'step-not-available': 'That step is not open (any more).',
  'participant-not-active': 'Your team is no longer playing.',
  'no-hint-left': 'No hint left for that step.',
  'wrong-kind': 'That does not fit this step.',
  'bad-choice': 'That is not one of the choices.',
  'unknown-type': 'The host does not know this kind of action yet.',
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function showVerdict(text: string, good: boolean | null): void {
  const v = $('verdict');
  v.textContent = text;
  v.className = `verdict${good === true ? ' good' : good === false ? ' bad' : ''}`;
  v.hidden = false;
}

function clock(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function act(event: PlayerEvent): void {
  const q = outbox.add(event);
  conn.send(q);
  renderBar();
  if (!conn.online) showVerdict('Offline: kept on this phone, sent when the connection is back.', null);
}

function stepCard(st: PlayerStep): HTMLLIElement {
  const li = el('li', undefined, `step ${st.status}`);
  li.dataset.step = st.id;
  li.append(el('h2', st.title));
  const status = st.status === 'solved' ? `Solved: ${st.score} of ${st.points} points` : st.status === 'failed' ? 'Failed' : st.status === 'pending' ? 'Waiting for the judges' : `${st.points} points`;
  li.append(el('div', status + (st.closesIn !== null ? ` · closes in ${clock(st.closesIn - (Date.now() - viewAt) / 1000)}` : ''), 'meta'));
  if (st.prompt) li.append(el('p', st.prompt));
  for (const h of st.hints) li.append(el('div', `Hint: ${h}`, 'hint'));
  if (st.status !== 'available' || ended) return li;
  const row = el('div', undefined, 'row');
  if (st.kind === 'answer' || st.kind === 'code') {
    const input = el('input');
    input.placeholder = st.kind === 'answer' ? 'Your answer' : 'The code';
    input.autocomplete = 'off';
    const ok = el('button', 'Send');
    ok.onclick = () => {
      const text = input.value.trim();
      if (!text) return;
      act(st.kind === 'answer' ? { type: 'answer', step: st.id, text } : { type: 'scan', step: st.id, code: text });
      input.value = '';
    };
    row.append(input, ok);
    if (st.kind === 'code') {
      const scan = el('button', 'Scan QR', 'secondary');
      scan.onclick = () => void scanInto(st.id);
      row.append(scan);
    }
  } else if (st.kind === 'location') {
    row.append(el('span', 'Go there: your position is sent while this page is open.', 'note'));
  } else if (st.kind === 'choice' && st.choices) {
    const box = el('div', undefined, 'choices');
    st.choices.forEach((c, i) => {
      const b = el('button', c);
      b.onclick = () => act({ type: 'choose', step: st.id, choice: i });
      box.append(b);
    });
    li.append(box);
  } else if (st.kind === 'judged') {
    const text = el('textarea');
    text.placeholder = 'Your text';
    const sendText = el('button', 'Send text');
    sendText.onclick = () => {
      if (text.value.trim()) act({ type: 'submit', step: st.id, ref: text.value.trim() });
    };
    const file = el('input');
    file.type = 'file';
    file.accept = 'image/*';
    file.setAttribute('capture', 'environment');
    file.setAttribute('aria-label', 'Photo');
    file.onchange = () => void sendPhoto(st.id, file);
    li.append(text);
    row.append(sendText, file);
  }
  if (st.hintsLeft > 0) {
    const hint = el('button', `Hint (${st.hintsLeft} left)`, 'secondary');
    hint.onclick = () => act({ type: 'hint', step: st.id });
    row.append(hint);
  }
  li.append(row);
  return li;
}

async function sendPhoto(step: string, input: HTMLInputElement): Promise<void> {
  const f = input.files?.[0];
  if (!f || !outbox.session) return;
  showVerdict('Sending the photo…', null);
  try {
    const ref = await uploadPhoto(outbox.session.token, await resizePhoto(f));
    act({ type: 'submit', step, ref });
  } catch (err) {
    showVerdict(`The photo could not be sent: ${(err as Error).message}`, false);
  }
}

async function scanInto(step: string): Promise<void> {
  const box = $('scanner');
  const stop = new AbortController();
  box.hidden = false;
  $('scanner-close').onclick = () => stop.abort();
  try {
    const code = await scanQr($<HTMLVideoElement>('scanner-video'), stop.signal);
    if (code) act({ type: 'scan', step, code });
  } catch (err) {
    showVerdict(`No camera: ${(err as Error).message}. Type the code instead.`, false);
  } finally {
    box.hidden = true;
  }
}

function renderBar(): void {
  const s = outbox.session;
  $('bar').hidden = !s;
  if (!s) return;
  $('team-name').textContent = s.teamName;
  const c = $('conn');
  c.textContent = conn.online ? 'online' : 'offline';
  c.className = conn.online ? 'conn' : 'conn off';
  $('score').textContent = view ? `Score ${view.score}` : '';
  const left = view?.timeLeft ?? null;
  $('time-left').textContent = left === null || view?.status !== 'active' ? '' : `Time left ${clock(left - (Date.now() - viewAt) / 1000)}`;
  const waiting = outbox.pending().length;
  const p = $('pending');
  p.hidden = waiting === 0;
  p.textContent = `${waiting} waiting to be sent`;
}

function renderSteps(): void {
  const list = $('steps');
  list.replaceChildren(...(view?.steps ?? []).filter((s) => s.status !== 'locked').map(stepCard));
  $('ended').hidden = !ended && view?.status !== 'finished' && view?.status !== 'timed_out';
  if (view?.status === 'finished') $('ended').textContent = `Finished! Your score: ${view.score}.`;
  else if (view?.status === 'timed_out') $('ended').textContent = `Time is up. Your score: ${view.score}.`;
}

function renderMessages(): void {
  $('messages').replaceChildren(
    ...messages
      .slice(-3)
      .reverse()
      .map((m) => {
        const d = el('div', undefined, 'message');
        d.append(el('small', m.to === null ? 'From the organisers, to everyone' : 'From the organisers, to your team'), document.createTextNode(m.text));
        return d;
      }),
  );
}

function setView(v: TeamView | null): void {
  if (!v) return;
  view = v;
  viewAt = Date.now();
  renderSteps();
  renderBar();
}

function verdictText(m: Extract<ServerMessage, { type: 'ack' }>, event: PlayerEvent | undefined): [string, boolean | null] {
  if (!event || event.type === 'position') return ['', null];
  if (m.rejected) return [REASONS[m.rejected] ?? `Not taken: ${m.rejected}`, false];
  const step = 'step' in event ? m.view?.steps.find((s) => s.id === event.step) : undefined;
  if (event.type === 'hint') return ['Hint taken.', null];
  if (event.type === 'submit') return ['Sent to the judges.', null];
  if (step?.status === 'solved') return [`Correct! +${step.score} points`, true];
  if (step?.status === 'failed') return ['Not right, and no attempts left.', false];
  return ['Not right. Try again.', false];
}

function onMessage(m: ServerMessage): void {
  switch (m.type) {
    case 'welcome':
      messages.splice(0, messages.length, ...m.messages);
      renderMessages();
      setView(m.view);
      return;
    case 'ack': {
      const event = outbox.pending().find((q) => q.n === m.n)?.event;
      outbox.done(m.n);
      const [text, good] = verdictText(m, event);
      if (text) showVerdict(text, good);
      setView(m.view);
      return;
    }
    case 'refused':
      if (m.n !== null && !m.retry) {
        outbox.done(m.n);
        showVerdict(`Not taken: ${m.reason}`, false);
      } else if (m.n !== null) {
        const q = outbox.pending().find((x) => x.n === m.n);
        if (q) setTimeout(() => conn.send(q), 2000);
      }
      renderBar();
      return;
    case 'view':
      setView(m.view);
      return;
    case 'message':
      messages.push(m.message);
      renderMessages();
      return;
    case 'ended':
      ended = true;
      renderSteps();
      return;
  }
}

const conn = new Connection(outbox, onMessage, () => renderBar());

async function join(e: SubmitEvent): Promise<void> {
  e.preventDefault();
  const err = $('join-error');
  err.textContent = '';
  const code = $<HTMLInputElement>('join-code').value;
  const team = $<HTMLInputElement>('join-team').value;
  try {
    const res = await fetch('/play/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, team }) });
    const body = (await res.json()) as { token?: string; device?: string; team?: string; teamName?: string; message?: string };
    if (!res.ok || !body.token) throw new Error(body.message ?? `joining failed (${res.status})`);
    outbox.setSession({ token: body.token, device: body.device!, team: body.team!, teamName: body.teamName! });
    startPlaying();
  } catch (x) {
    err.textContent = (x as Error).message;
  }
}

function startPlaying(): void {
  $('join').hidden = true;
  $('play').hidden = false;
  renderBar();
  conn.start();
  const gpsNote = $('gps-note');
  watchPositions(
    (p) => {
      gpsNote.hidden = true;
      act({ type: 'position', lat: p.lat, lon: p.lon });
    },
    (message) => {
      gpsNote.textContent = message;
      gpsNote.hidden = false;
    },
  );
  setInterval(renderBar, 1000);
}

const fromLink = /[#&]code=([A-Za-z0-9]+)/.exec(location.hash)?.[1];
if (fromLink) $<HTMLInputElement>('join-code').value = fromLink;
$<HTMLFormElement>('join-form').addEventListener('submit', (e) => void join(e));
if (outbox.session) startPlaying();
else $('join').hidden = false;
