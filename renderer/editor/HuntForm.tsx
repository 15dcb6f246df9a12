// The hunt's own settings, shown when no step or place is selected.
import { useStore } from '../state/store';
import { editHunt, editor, select } from '../state/editor';
import { asObject, locationViews, setHuntField, stepViews } from '../hunt/draft';
import { NumberField, TextArea, TextField } from '../components/fields';
import { fieldsWithIssues } from './issuesFor';

export function HuntForm() {
  const hunt = useStore(editor, (s) => s.history.present.hunt);
  const report = useStore(editor, (s) => s.report);
  const h = asObject(hunt);
  const bad = fieldsWithIssues([...report.errors, ...report.warnings], 'hunt', null);
  const set = (field: string, value: unknown) => editHunt(setHuntField(hunt, field, value), `hunt-${field}`);
  const steps = stepViews(hunt);
  const locations = locationViews(hunt);

  return (
    <section className="form" aria-labelledby="hunt-form-title">
      <div className="form-head">
        <h2 id="hunt-form-title">Hunt settings</h2>
      </div>
      <TextField id="hunt-field-title" label="Title" value={h.title} invalid={bad.has('title')} hint={bad.get('title')} onChange={(v) => set('title', v)} />
      <TextField id="hunt-field-id" label="Id" mono value={h.id} invalid={bad.has('id')} hint={bad.get('id') ?? 'Lower-case letters, digits and dashes.'} onChange={(v) => set('id', v)} />
      <TextArea id="hunt-field-description" label="Description" value={typeof h.description === 'string' ? h.description : ''} invalid={bad.has('description')} hint={bad.get('description')} onChange={(v) => set('description', v === '' ? undefined : v)} />
      <div className="row2">
        <NumberField id="hunt-field-timeLimitSec" label="Time limit (s)" placeholder="none" value={h.timeLimitSec} invalid={bad.has('timeLimitSec')} hint={bad.get('timeLimitSec')} onChange={(v) => set('timeLimitSec', v)} />
        <NumberField id="hunt-field-wrongAnswerPenalty" label="Wrong answer penalty" placeholder="0" value={h.wrongAnswerPenalty} invalid={bad.has('wrongAnswerPenalty')} hint={bad.get('wrongAnswerPenalty')} onChange={(v) => set('wrongAnswerPenalty', v)} />
      </div>
      <h3>Steps ({steps.length})</h3>
      <ul className="plain-list">
        {steps.map((s) => (
          <li key={s.index}>
            <button type="button" className="link" onClick={() => select({ area: 'step', index: s.index })}>
              {s.title || s.id || `Step ${s.index + 1}`}
            </button>
            <span className="muted"> {s.kind}</span>
          </li>
        ))}
      </ul>
      <h3 id="hunt-field-locations" tabIndex={-1}>Places ({locations.length})</h3>
      <ul className="plain-list">
        {locations.map((l) => (
          <li key={l.index}>
            <button type="button" className="link" onClick={() => select({ area: 'location', index: l.index })}>
              {l.name || l.id}
            </button>
            <span className="muted"> r = {l.radiusM} m</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
