// The validator's live report, in the editor's words. Clicking a problem selects the
// step or place it is about and focuses the field it names; a problem with a suggested
// fix offers it as a button.
import { useStore } from '../state/store';
import { editHunt, editor, select } from '../state/editor';
import { fieldDomId, issueTarget } from '../hunt/problems';
import { describeIssue } from '../hunt/issueText';
import type { Issue } from '../../api/contract';

/** A loop is fixed by removing a requirement, so its problem leads to Requires, not Title. */
function targetOf(issue: Issue) {
  const t = issueTarget(issue.path);
  if (issue.code === 'cycle' && t.area === 'step') return { ...t, field: 'requires' };
  return t;
}

function goTo(issue: Issue) {
  const t = targetOf(issue);
  if (t.area === 'step') select({ area: 'step', index: t.index }, fieldDomId(t));
  else if (t.area === 'location') select({ area: 'location', index: t.index }, fieldDomId(t));
  else select({ area: 'hunt' }, fieldDomId(t));
}

export function ProblemsPanel() {
  const report = useStore(editor, (s) => s.report);
  const hunt = useStore(editor, (s) => s.history.present.hunt);
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
          {all.map((i, n) => {
            const d = describeIssue(i, hunt);
            return (
              <li key={`${i.severity}-${i.code}-${i.path}-${n}`} className="problem-row">
                <button type="button" className={`problem problem-${i.severity}`} onClick={() => goTo(i)} title={`${i.message} (${i.code} at ${i.path || '/'})`}>
                  <span className="sev" aria-hidden="true">{i.severity === 'error' ? '✖' : '▲'}</span>
                  <span className="visually-hidden">{i.severity}: </span>
                  <span className="msg">{d.text}</span>
                  <span className="where">{d.where}</span>
                </button>
                {d.fix && (
                  <button type="button" className="fix" onClick={() => editHunt(d.fix!.apply(editor.get().history.present.hunt))}>
                    {d.fix.label}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
