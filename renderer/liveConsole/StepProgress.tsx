// Per-step progress: of all teams, how many have each step open, waiting for judgement,
// solved or failed; a stacked bar and the counts, compact enough for the side column.
import type { ConsoleState } from '../../api/liveConsole';

const PARTS = [
  ['solved', 'solved'],
  ['pending', 'to judge'],
  ['failed', 'failed'],
  ['available', 'open'],
] as const;

export function StepProgress({ state }: { state: ConsoleState }) {
  const teams = Math.max(1, state.teams.length);
  return (
    <section className="panel step-progress" aria-labelledby="steps-title">
      <h2 id="steps-title">Steps</h2>
      <ul className="plain-list" aria-labelledby="steps-title">
        {state.steps.map((s) => (
          <li key={s.id} data-step={s.id} className="sp-step">
            <div className="sp-title" title={`${s.title} (${s.kind})`}>
              {s.title}
            </div>
            <div className="sp-bar" aria-hidden="true">
              {PARTS.map(([k]) => (
                <span key={k} className={`sp-${k}`} style={{ width: `${(100 * s[k]) / teams}%` }} />
              ))}
            </div>
            <div className="sp-nums small muted">
              {PARTS.filter(([k]) => k !== 'pending' || s.kind === 'judged')
                .map(([k, label]) => `${s[k]} ${label}`)
                .join(' · ')}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
