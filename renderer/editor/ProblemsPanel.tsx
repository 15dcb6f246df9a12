// The validator's live report. Clicking a problem selects the step or place it is
// about and focuses the field it names.
import { useStore } from '../state/store';
import { editor, select } from '../state/editor';
import { fieldDomId, issueTarget } from '../hunt/problems';
import type { Issue } from '../../api/contract';

function goTo(issue: Issue) {
  const t = issueTarget(issue.path);
  if (t.area === 'step') select({ area: 'step', index: t.index }, fieldDomId(t));
  else if (t.area === 'location') select({ area: 'location', index: t.index }, fieldDomId(t));
  else select({ area: 'hunt' }, fieldDomId(t));
}

export function ProblemsPanel() {
  const report = useStore(editor, (s) => s.report);
  const stale = useStore(editor, (s) => s.reportFor !== s.history.present.hunt);
  const all = [...report.errors.map((i) => ({ ...i, severity: 'error' as const })), ...report.warnings.map((i) => ({ ...i, severity: 'warning' as const }))];
  return (
    <section className="problems" aria-labelledby="problems-title" aria-busy={stale}>
      <h2 id="problems-title">
        Problems
        <span className={`count ${report.errors.length ? 'count-error' : ''}`}>{report.errors.length} errors</span>
        <span className={`count ${report.warnings.length ? 'count-warning' : ''}`}>{report.warnings.length} warnings</span>
        {stale && <span className="muted small"> checking…</span>}
      </h2>
      {all.length === 0 ? (
        <p className="muted ok">No problems: the hunt is ready to simulate.</p>
      ) : (
        <ul className="problem-list">
          {all.map((i, n) => (
            <li key={`${i.severity}-${i.code}-${i.path}-${n}`}>
              <button type="button" className={`problem problem-${i.severity}`} onClick={() => goTo(i)}>
                <span className="sev" aria-hidden="true">{i.severity === 'error' ? '✖' : '▲'}</span>
                <span className="visually-hidden">{i.severity}: </span>
                <span className="msg">{i.message}</span>
                <code className="path">{i.path || '/'}</code>
                <code className="code">{i.code}</code>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
