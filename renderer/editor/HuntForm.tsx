// The hunt's own settings, shown when no step or place is selected.
import { useStore } from '../state/store';
import { editHunt, editor, select } from '../state/editor';
import { asObject, isHunt2, locationViews, setHuntField, stepViews, upgradeToHunt2 } from '../hunt/draft';
import { NumberField, SelectField, TextArea, TextField } from '../components/fields';
import { GroupsField } from './GroupsField';
import { issueTarget } from '../hunt/problems';
import { fieldsWithIssues } from './issuesFor';

export function HuntForm() {
  const hunt = useStore(editor, (s) => s.history.present.hunt);
  const report = useStore(editor, (s) => s.report);
  const h = asObject(hunt);
  const bad = fieldsWithIssues([...report.errors, ...report.warnings], 'hunt', null, hunt);
  const set = (field: string, value: unknown) => editHunt(setHuntField(hunt, field, value), `hunt-${field}`);
  const steps = stepViews(hunt);
  const locations = locationViews(hunt);
  const v2 = isHunt2(hunt);
  const groupErrors = new Map<string, string>();
  for (const i of [...report.errors, ...report.warnings]) {
    const parts = i.path.split('/').filter(Boolean);
    if (parts[0] === 'groups' && parts[1] !== undefined && issueTarget(i.path).area === 'hunt' && !groupErrors.has(`groups/${parts[1]}`)) groupErrors.set(`groups/${parts[1]}`, i.message);
  }

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
      <div className="format-row" id="hunt-field-format" tabIndex={-1}>
        <span>
          Format: <strong>{v2 ? 'hunt/2' : typeof h.format === 'string' ? h.format : '(none)'}</strong>
        </span>
        {!v2 && (
          <button type="button" onClick={() => editHunt(upgradeToHunt2(hunt))} title="Adds branches, bonus steps, a finish step, choices, judged steps, opening hours and rotations. Everything in the hunt keeps its meaning.">
            Upgrade to hunt/2
          </button>
        )}
      </div>
      {!v2 && <small className="muted">hunt/2 adds branches, bonus steps, a finish step, multiple choice, judged steps, opening hours and rotations; the hunt keeps its exact meaning.</small>}
      {v2 && (
        <>
          <SelectField id="hunt-field-finishStep" label="Finish step" value={typeof h.finishStep === 'string' ? h.finishStep : ''} invalid={bad.has('finishStep')} hint={bad.get('finishStep') ?? 'Without one, a participant finishes when every step that is not optional is done.'} onChange={(v) => set('finishStep', v === '' ? undefined : v)}>
            <option value="">(none: every required step)</option>
            {typeof h.finishStep === 'string' && !steps.some((s) => s.id === h.finishStep) && <option value={h.finishStep}>{`${h.finishStep} (no such step)`}</option>}
            {steps
              .filter((s) => s.id)
              .map((s) => (
                <option key={s.index} value={s.id}>
                  {s.title || s.id}
                </option>
              ))}
          </SelectField>
          <GroupsField hunt={hunt} steps={steps} errors={groupErrors} />
        </>
      )}
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
