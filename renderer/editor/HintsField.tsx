// A step's hints: each with its text and its penalty, both with a visible label.
import { asObject } from '../hunt/draft';
import { parseNumberInput } from '../components/fields';

export function HintsField({ hints, error, onChange }: { hints: unknown; error?: string; onChange(next: unknown[] | undefined): void }) {
  const list = Array.isArray(hints) ? hints.map(asObject) : [];
  const set = (i: number, field: string, value: unknown) => onChange(list.map((x, j) => (j === i ? { ...x, [field]: value } : x)));
  return (
    <fieldset className="field">
      <legend id="step-field-hints" tabIndex={-1}>
        Hints
      </legend>
      {list.map((h, i) => (
        <div key={i} className="hint-row">
          <label className="stacked">
            <span>Hint {i + 1}</span>
            <input value={typeof h.text === 'string' ? h.text : ''} onChange={(e) => set(i, 'text', e.target.value)} />
          </label>
          <label className="stacked">
            <span>Penalty (points)</span>
            <input className="narrow" inputMode="numeric" value={h.penalty === undefined ? '' : String(h.penalty)} onChange={(e) => set(i, 'penalty', parseNumberInput(e.target.value) ?? '')} />
          </label>
          <button type="button" aria-label={`Remove hint ${i + 1}`} onClick={() => onChange(list.length > 1 ? list.filter((_, j) => j !== i) : undefined)}>
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...list, { text: '', penalty: 10 }])}>
        Add hint
      </button>
      <small>A hint's penalty is taken off the step's points when it is solved.</small>
      {error && <small className="error-text">{error}</small>}
    </fieldset>
  );
}
