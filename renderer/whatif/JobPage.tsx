// The frame every What if tab shares: the settings form with what keeps it from starting
// and its start button, and beside it the job's progress, Cancel and error above the
// tab's own view of the result (or, before the first job, a line saying what to do).
import type { ReactNode } from 'react';
import { SettingsForm } from '../components/SettingsForm';
import { isRunning, type JobStore, type JobView } from './jobs';
import { JobStatus } from './JobStatus';

type Props = {
  /** What the job is, as its progress bar names it ("Comparison", "Sweep"). */
  what: string;
  /** The settings column's label. */
  settingsLabel: string;
  title: string;
  /** The start button's label. */
  action: string;
  /** Why the settings cannot start a job now, or null. */
  problem: string | null;
  view: JobView;
  store: Pick<JobStore, 'cancel'>;
  /** Starts a job; it checks the settings itself (Enter in a field submits too). */
  onStart(): void;
  settings: ReactNode;
  /** Shown above the progress once a job exists (Compare names the designs it compared). */
  heading?: ReactNode;
  /** Shown while no job has been started or is starting. */
  idleHint: string;
  /** The results area's label. */
  resultsLabel: string;
  children: ReactNode;
};

export function JobPage({ what, settingsLabel, title, action, problem, view, store, onStart, settings, heading, idleHint, resultsLabel, children }: Props) {
  const idle = !view.job && !view.starting;
  return (
    <div className="page-split">
      <SettingsForm label={settingsLabel} title={title} onSubmit={onStart}>
        {settings}
        {problem && <p className="error-text small">{problem}</p>}
        <div className="actions">
          <button type="submit" className="primary" disabled={!!problem || isRunning(view)}>
            {action}
          </button>
        </div>
      </SettingsForm>
      <section className="body" aria-label={resultsLabel}>
        {!idle && heading}
        <JobStatus view={view} store={store} what={what} />
        {idle ? <p className="muted">{idleHint}</p> : children}
      </section>
    </div>
  );
}
