// A multiple-choice step's choices, each with a "correct" box (spec v2: `choices`, `correct` indices).
type Props = {
  step: Record<string, unknown>;
  error?: string;
  /** Several fields at once: removing a choice changes both lists in one edit. */
  onChange(patch: { choices?: unknown; correct?: unknown }): void;
};

export function ChoicesField({ step, error, onChange }: Props) {
  const choices = Array.isArray(step.choices) ? step.choices.map((c) => (typeof c === 'string' ? c : JSON.stringify(c))) : [];
  const correct = Array.isArray(step.correct) ? step.correct.filter((c): c is number => typeof c === 'number') : [];
  const sorted = (next: number[]) => [...new Set(next)].sort((a, b) => a - b);
  return (
    <fieldset className="field" aria-invalid={error ? true : undefined}>
      <legend id="step-field-choices" tabIndex={-1}>
        Choices
      </legend>
      {choices.map((c, i) => (
        <div key={i} className="choice-row">
          <label className="check" title="A participant who picks this choice solves the step">
            <input type="checkbox" checked={correct.includes(i)} onChange={(e) => onChange({ correct: sorted(e.target.checked ? [...correct, i] : correct.filter((x) => x !== i)) })} />
            correct
          </label>
          <input aria-label={`Choice ${i + 1}`} value={c} onChange={(e) => onChange({ choices: choices.map((x, j) => (j === i ? e.target.value : x)) })} />
          <button
            type="button"
            aria-label={`Remove choice ${i + 1}`}
            onClick={() => {
              // Removing a choice moves the later ones up: their "correct" indices follow.
              onChange({ choices: choices.filter((_, j) => j !== i), correct: sorted(correct.filter((x) => x !== i).map((x) => (x > i ? x - 1 : x))) });
            }}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange({ choices: [...choices, ''] })}>
        Add choice
      </button>
      <small id="step-field-correct" tabIndex={-1}>Tick every choice that counts as right; any other is a wrong attempt.</small>
      {error && <small className="error-text">{error}</small>}
    </fieldset>
  );
}
