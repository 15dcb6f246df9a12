// The form for the selected step, with the fields its kind has (spec §1).
import { useStore } from '../state/store';
import { editHunt, editor, select } from '../state/editor';
import {
  asObject,
  deleteStep,
  locationViews,
  rawSteps,
  renameStep,
  setStepField,
  setStepKind,
  STEP_KINDS,
  stepViews,
  type StepKind,
} from '../hunt/draft';
import { NumberField, SelectField, TextArea, TextField } from '../components/fields';
import { fieldsWithIssues } from './issuesFor';

const KIND_LABEL: Record<StepKind, string> = { answer: 'Answer a question', code: 'Scan a code', location: 'Reach a location' };

export function StepForm({ index }: { index: number }) {
  const hunt = useStore(editor, (s) => s.history.present.hunt);
  const report = useStore(editor, (s) => s.report);
  const step = asObject(rawSteps(hunt)[index]);
  const steps = stepViews(hunt);
  const locations = locationViews(hunt);
  const bad = fieldsWithIssues([...report.errors, ...report.warnings], 'step', index);
  const set = (field: string, value: unknown) => editHunt(setStepField(hunt, index, field, value), `step-${index}-${field}`);
  const kind = typeof step.kind === 'string' ? step.kind : '';
  const requires = Array.isArray(step.requires) ? step.requires.filter((r): r is string => typeof r === 'string') : [];
  const hints = Array.isArray(step.hints) ? step.hints.map(asObject) : [];
  const answers = Array.isArray(step.answers) ? step.answers.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))) : [];
  const id = typeof step.id === 'string' ? step.id : '';

  return (
    <section className="form" aria-labelledby="step-form-title">
      <div className="form-head">
        <h2 id="step-form-title">Step {index + 1}</h2>
        <button
          type="button"
          className="danger"
          onClick={() => {
            editHunt(deleteStep(hunt, id));
            select({ area: 'hunt' });
          }}
        >
          Delete step
        </button>
      </div>
      <TextField id="step-field-id" label="Id" mono value={step.id} invalid={bad.has('id')} hint={bad.get('id') ?? 'Renaming updates the steps that require it.'} onChange={(v) => editHunt(renameStep(hunt, index, v), `step-${index}-id`)} />
      <TextField id="step-field-title" label="Title" value={step.title} invalid={bad.has('title')} hint={bad.get('title')} onChange={(v) => set('title', v)} />
      <SelectField id="step-field-kind" label="Kind" value={kind} invalid={bad.has('kind')} hint={bad.get('kind')} onChange={(v) => editHunt(setStepKind(hunt, index, v as StepKind))}>
        {!STEP_KINDS.includes(kind as StepKind) && <option value={kind}>{kind || '(none)'}</option>}
        {STEP_KINDS.map((k) => (
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
      {(kind === 'answer' || kind === 'code') && (
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

      <fieldset className="field" aria-invalid={bad.has('requires') || undefined}>
        <legend id="step-field-requires" tabIndex={-1}>Requires</legend>
        {steps.filter((s) => s.index !== index).length === 0 && <small>No other steps yet.</small>}
        <div className="checks">
          {steps
            .filter((s) => s.index !== index && s.id)
            .map((s) => (
              <label key={s.index} className="check">
                <input
                  type="checkbox"
                  checked={requires.includes(s.id)}
                  onChange={(e) => {
                    const next = e.target.checked ? [...requires, s.id] : requires.filter((r) => r !== s.id);
                    set('requires', next.length ? next : undefined);
                  }}
                />
                {s.title || s.id}
              </label>
            ))}
          {requires
            .filter((r) => !steps.some((s) => s.id === r && s.index !== index))
            .map((r) => (
              <label key={`missing-${r}`} className="check missing">
                <input type="checkbox" checked onChange={() => set('requires', requires.filter((x) => x !== r).length ? requires.filter((x) => x !== r) : undefined)} />
                {r} (no such step)
              </label>
            ))}
        </div>
        {bad.get('requires') && <small className="error-text">{bad.get('requires')}</small>}
      </fieldset>

      <fieldset className="field">
        <legend id="step-field-hints" tabIndex={-1}>Hints</legend>
        {hints.map((h, i) => (
          <div key={i} className="hint-row">
            <input
              aria-label={`Hint ${i + 1} text`}
              value={typeof h.text === 'string' ? h.text : ''}
              onChange={(e) => set('hints', hints.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))}
            />
            <input
              aria-label={`Hint ${i + 1} penalty`}
              className="narrow"
              inputMode="numeric"
              value={h.penalty === undefined ? '' : String(h.penalty)}
              onChange={(e) => {
                const n = Number(e.target.value);
                set('hints', hints.map((x, j) => (j === i ? { ...x, penalty: e.target.value.trim() !== '' && Number.isFinite(n) ? n : e.target.value } : x)));
              }}
            />
            <button type="button" aria-label={`Remove hint ${i + 1}`} onClick={() => set('hints', hints.length > 1 ? hints.filter((_, j) => j !== i) : undefined)}>
              ×
            </button>
          </div>
        ))}
        <button type="button" onClick={() => set('hints', [...hints, { text: '', penalty: 10 }])}>
          Add hint
        </button>
        {bad.get('hints') && <small className="error-text">{bad.get('hints')}</small>}
      </fieldset>
    </section>
  );
}
