// The activity feed: the run's latest log lines, newest first, filtered (by the host) by
// team, step and rejections. Virtualised; names and lines from players are shown as text.
import { memo, useCallback, useMemo } from 'react';
import { fmtDuration } from '../lib/format';
import { VirtualList } from './VirtualList';
import { EVERYONE, type Activity, type ActivityFilter, type ConsoleState } from '../../api/liveConsole';

const ROW = 26;

type Props = {
  activity: Activity[];
  teams: ConsoleState['teams'];
  steps: ConsoleState['steps'];
  filter: ActivityFilter;
  onFilter(f: ActivityFilter): void;
};

export function ActivityFeed({ activity, teams, steps, filter, onFilter }: Props) {
  const names = useMemo(() => new Map(teams.map((t) => [t.team, t.name])), [teams]);
  // Stable while the filter is: the team choice (2,000 options) then skips the polls' renders.
  const onTeam = useCallback((team: string) => onFilter({ ...filter, team: team || undefined }), [filter, onFilter]);
  return (
    <section className="panel activity" aria-labelledby="activity-title">
      <div className="form-head">
        <h2 id="activity-title">Activity</h2>
        <div className="activity-filters">
          <TeamSelect teams={teams} value={filter.team ?? ''} onChange={onTeam} />
          <select aria-label="Step" value={filter.step ?? ''} onChange={(e) => onFilter({ ...filter, step: e.target.value || undefined })}>
            <option value="">All steps</option>
            {steps.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
          <label className="check">
            <input type="checkbox" checked={filter.rejectedOnly === true} onChange={(e) => onFilter({ ...filter, rejectedOnly: e.target.checked || undefined })} />
            Rejections
          </label>
        </div>
      </div>
      <VirtualList
        items={activity}
        rowHeight={ROW}
        label="Activity, newest first"
        keyOf={(a) => String(a.seq)}
        className="activity-list"
        empty={<p className="muted pad">No activity{filter.team || filter.step || filter.rejectedOnly ? ' matches the filter' : ' yet'}.</p>}
        row={(a) => (
          <div className={`act-row${a.rejected ? ' is-rejected' : ''}`} title={a.line} data-type={a.type}>
            <span className="mono muted">{fmtDuration(a.t)}</span>
            <span className={a.p === EVERYONE ? 'act-team muted' : 'act-team'}>{a.p === EVERYONE ? 'everyone' : (names.get(a.p) ?? a.p)}</span>
            <span>{a.type}</span>
            <span className="muted act-step">{a.step ? (steps.find((s) => s.id === a.step)?.title ?? a.step) : ''}</span>
            <span className={a.rejected ? 'pill pill-failed' : 'pill pill-solved'}>{a.rejected ?? 'applied'}</span>
          </div>
        )}
      />
    </section>
  );
}

/** A choice of team (or all); memoised on the team list so 2,000 options are not rebuilt on every poll (give it a stable onChange). */
export const TeamSelect = memo(
  function TeamSelect({ teams, value, onChange, allLabel = 'All teams', label = 'Team' }: { teams: ConsoleState['teams']; value: string; onChange(team: string): void; allLabel?: string; label?: string }) {
    const sorted = useMemo(() => [...teams].sort((a, b) => a.name.localeCompare(b.name)), [teams]);
    return (
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allLabel}</option>
        {sorted.map((t) => (
          <option key={t.team} value={t.team}>
            {t.name}
          </option>
        ))}
      </select>
    );
  },
  (a, b) => a.value === b.value && a.onChange === b.onChange && a.allLabel === b.allLabel && a.label === b.label && sameTeams(a.teams, b.teams),
);

function sameTeams(a: ConsoleState['teams'], b: ConsoleState['teams']): boolean {
  if (a.length !== b.length) return false;
  const ids = new Set(a.map((t) => `${t.team}|${t.name}`));
  return b.every((t) => ids.has(`${t.team}|${t.name}`));
}
