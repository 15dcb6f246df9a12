// A message to everyone or to one team: shown on the phones at once, kept as a line of the log.
import { useState } from 'react';
import { fmtDuration } from '../lib/format';
import { intervene } from './interventions';
import { TeamSelect } from './ActivityFeed';
import type { ConsoleState } from '../../api/liveConsole';

const MAX_TEXT = 500;

export function MessageForm({ state, to, onTo, onChanged }: { state: ConsoleState; to: string; onTo(team: string): void; onChanged(): void }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const names = new Map(state.teams.map((t) => [t.team, t.name]));
  const ok = text.trim().length > 0 && text.length <= MAX_TEXT;
  return (
    <section className="panel messages" aria-labelledby="msg-title">
      <h2 id="msg-title">Message</h2>
      <form
        className="form-tight"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!ok) return;
          setBusy(true);
          const sent = await intervene('console.message', to ? { team: to, text: text.trim() } : { text: text.trim() }, `Message to ${to ? (names.get(to) ?? to) : 'everyone'}`);
          setBusy(false);
          if (sent) setText('');
          onChanged();
        }}
      >
        <TeamSelect teams={state.teams} value={to} onChange={onTo} allLabel="Everyone" label="Message to" />
        <textarea aria-label="Message text" rows={2} maxLength={MAX_TEXT} value={text} placeholder="Shown on the phones at once" onChange={(e) => setText(e.target.value)} />
        <button type="submit" disabled={busy || !ok}>
          Send to {to ? (names.get(to) ?? to) : 'everyone'}
        </button>
      </form>
      {state.messages.length > 0 && (
        <ul className="plain-list sent-messages" aria-label="Messages sent">
          {state.messages
            .slice(-5)
            .reverse()
            .map((m, i) => (
              <li key={`${m.t}|${i}`} className="small">
                <span className="mono muted">{fmtDuration(m.t)}</span> <strong>{m.to === null ? 'everyone' : (names.get(m.to) ?? m.to)}</strong>: {m.text}
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}
