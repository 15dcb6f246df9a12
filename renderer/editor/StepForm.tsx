// The form for the selected step, with the fields its kind has (spec §1).
import { useStore } from '../state/store';
import { editHunt, editor } from '../state/editor';
import {
  asObject,
  isHunt2,
  kindsFor,
  locationViews,
  rawSteps,
  renameStep,
  setHuntField,
  setStepField,
  setStepKind,
  STEP_KINDS,
  stepViews,
  type StepKind,
} from '../hunt/draft';
import { NumberField, SelectField, TextArea, TextField } from '../components/fields';
import { fieldsWithIssues } from './issuesFor';
import { KIND_LABEL } from './kindLabels';
import { RequirementsField } from './RequirementsField';
import { ChoicesField } from './ChoicesField';
import { HintsField } from './HintsField';

export function StepForm({ index, onDelete }: { index: number; onDelete(id: string): void }) {
  const hunt = useStore(editor, (s) => s.history.present.hunt);
  const report = useStore(editor, (s) => s.report);
  const step = asObject(rawSteps(hunt)[index]);
  const steps = stepViews(hunt);
  const locations = locationViews(hunt);
  const bad = fieldsWithIssues([...report.errors, ...report.warnings], 'step', index, hunt);
  const set = (field: string, value: unknown) => editHunt(setStepField(hunt, index, field, value), `step-${index}-${field}`);
  const kind = typeof step.kind === 'string' ? step.kind : '';
  const v2 = isHunt2(hunt);
  const isFinish = asObject(hunt).finishStep === step.id && typeof step.id === 'string';
  const answers = Array.isArray(step.answers) ? step.answers.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))) : [];
  const id = typeof step.id === 'string' ? step.id : '';

  return (
    <section className="form" aria-labelledby="step-form-title">
      <div className="form-head">
        <h2 id="step-form-title">Step {index + 1}</h2>
        <button
          type="button"
          className="danger"
          onClick={() => onDelete(id)}
        >
          Delete step
        </button>
      </div>
      <TextField id="step-field-id" label="Id" mono value={step.id} invalid={bad.has('id')} hint={bad.get('id') ?? 'Renaming updates the steps that require it.'} onChange={(v) => editHunt(renameStep(hunt, index, v), `step-${index}-id`)} />
      <TextField id="step-field-title" label="Title" value={step.title} invalid={bad.has('title')} hint={bad.get('title')} onChange={(v) => set('title', v)} />
      <SelectField id="step-field-kind" label="Kind" value={kind} invalid={bad.has('kind')} hint={bad.get('kind')} onChange={(v) => editHunt(setStepKind(hunt, index, v as StepKind))}>
        {!kindsFor(hunt).includes(kind as StepKind) && <option value={kind}>{STEP_KINDS.includes(kind as StepKind) ? KIND_LABEL[kind as StepKind] : kind || '(none)'}</option>}
        {kindsFor(hunt).map((k) => (
          <option key={k} value={k}>
            {KIND_LABEL[k]}
          </option>
        ))}
      </SelectField>

      {kind === 'answer' && (
        <>
          <TextArea id="step-field-prompt" label="Prompt" value={typeof step.prompt === 'string' ? step.prompt : ''} invalid={bad.has('prompt')} hint={bad.get('prompt')} onChange={(v) => set('prompt', v)} />
          <TextArea
            id="step-field-answers"
            label="Accepted answers (one a line)"
            rows={3}
            value={answers.join('\n')}
            invalid={bad.has('answers')}
            hint={bad.get('answers') ?? 'Compared ignoring case, accents and punctuation.'}
            onChange={(v) => set('answers', v.split('\n'))}
          />
        </>
      )}
      {kind === 'code' && (
        <TextField id="step-field-code" label="Code" mono value={step.code} invalid={bad.has('code')} hint={bad.get('code') ?? 'Case-sensitive; spaces around it are ignored.'} onChange={(v) => set('code', v)} />
      )}
      {(kind === 'choice' || kind === 'judged') && (
        <TextArea id="step-field-prompt" label={kind === 'judged' ? 'What to submit (prompt)' : 'Question (prompt)'} value={typeof step.prompt === 'string' ? step.prompt : ''} invalid={bad.has('prompt')} hint={bad.get('prompt') ?? (kind === 'judged' ? 'An organiser accepts or rejects each photo, video or text.' : undefined)} onChange={(v) => set('prompt', v)} />
      )}
      {kind === 'choice' && <ChoicesField step={step} error={bad.get('choices') ?? bad.get('correct')} onChange={(patch) => editHunt(Object.entries(patch).reduce<unknown>((h, [f, v]) => setStepField(h, index, f, v), hunt), `step-${index}-choices`)} />}
      {(kind === 'answer' || kind === 'code' || kind === 'choice' || kind === 'judged') && (
        <NumberField id="step-field-maxAttempts" label="Max attempts" placeholder="unlimited" value={step.maxAttempts} invalid={bad.has('maxAttempts')} hint={bad.get('maxAttempts')} onChange={(v) => set('maxAttempts', v)} />
      )}
      {kind === 'location' && (
        <SelectField id="step-field-location" label="Location" value={typeof step.location === 'string' ? step.location : ''} invalid={bad.has('location')} hint={bad.get('location') ?? 'Add places on the venue plane.'} onChange={(v) => set('location', v)}>
          {!locations.some((l) => l.id === step.location) && <option value={typeof step.location === 'string' ? step.location : ''}>{typeof step.location === 'string' && step.location ? `${step.location} (missing)` : '(choose a place)'}</option>}
          {locations.map((l) => (
            <option key={l.index} value={l.id}>
              {l.name ? `${l.name} (${l.id})` : l.id}
            </option>
          ))}
        </SelectField>
      )}

      <div className="row2">
        <NumberField id="step-field-points" label="Points" placeholder="100" value={step.points} invalid={bad.has('points')} hint={bad.get('points')} onChange={(v) => set('points', v)} />
        <NumberField id="step-field-timeLimitSec" label="Time limit (s)" placeholder="none" value={step.timeLimitSec} invalid={bad.has('timeLimitSec')} hint={bad.get('timeLimitSec')} onChange={(v) => set('timeLimitSec', v)} />
      </div>

      {v2 && (
        <>
          <div className="row2">
            <NumberField id="step-field-opensAtSec" label="Opens at (s into the session)" placeholder="from the start" value={step.opensAtSec} invalid={bad.has('opensAtSec')} hint={bad.get('opensAtSec')} onChange={(v) => set('opensAtSec', v)} />
            <NumberField id="step-field-closesAtSec" label="Closes at (s)" placeholder="never" value={step.closesAtSec} invalid={bad.has('closesAtSec')} hint={bad.get('closesAtSec') ?? 'Not done by then: it fails.'} onChange={(v) => set('closesAtSec', v)} />
          </div>
          <label className="check">
            <input id="step-field-optional" type="checkbox" checked={step.optional === true} onChange={(e) => set('optional', e.target.checked ? true : undefined)} />
            Optional (a bonus step, not needed to finish)
          </label>
          <label className="check">
            <input
              id="step-field-finish"
              type="checkbox"
              checked={isFinish}
              disabled={!id}
              onChange={(e) => editHunt(setHuntField(hunt, 'finishStep', e.target.checked ? id : undefined))}
            />
            Finish step (the hunt ends when this step is done)
          </label>
        </>
      )}

      <RequirementsField requires={step.requires} steps={steps} self={index} v2={v2} error={bad.get('requires')} onChange={(next) => set('requires', next)} />

      <HintsField hints={step.hints} error={bad.get('hints')} onChange={(next) => set('hints', next)} />
    </section>
  );
}
