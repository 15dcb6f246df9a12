// A step's requirements as chips, one per item (hunt/2 §1), with a search to add more.
// Every item stays as written; the chips only edit what the designer touches.
import type { StepView } from '../hunt/draft';
import { anyOfCount, anyOfIds, itemKind, requirementList, singleId, singleItem } from '../hunt/requirements';
import { parseNumberInput } from '../components/fields';
import { StepPicker } from './StepPicker';

type Props = {
  requires: unknown;
  steps: StepView[];
  /** The step being edited (it cannot require itself). */
  self: number;
  v2: boolean;
  error?: string;
  onChange(next: unknown[] | undefined): void;
};

export function RequirementsField({ requires, steps, self, v2, error, onChange }: Props) {
  const items = requirementList(requires);
  const others = steps.filter((s) => s.index !== self);
  const nameOf = (id: string) => {
    const s = steps.find((x) => x.id === id && x.index !== self);
    return s ? s.title || s.id : `${id} (no such step)`;
  };
  const exists = (id: string) => others.some((s) => s.id === id);
  const set = (next: unknown[]) => onChange(next.length ? next : undefined);
  const replace = (i: number, item: unknown) => set(items.map((x, j) => (j === i ? item : x)));
  const remove = (i: number) => set(items.filter((_, j) => j !== i));
  const named = new Set(items.map(singleId).filter((x): x is string => x !== null));

  return (
    <fieldset className="field requirements" aria-invalid={error ? true : undefined} aria-describedby="step-requires-help">
      <legend id="step-field-requires" tabIndex={-1}>
        Requires
      </legend>
      <small id="step-requires-help">
        {v2 ? 'All of these must hold before the step opens.' : 'The step opens once all of these are done (solved or failed).'}
      </small>
      {items.length === 0 && <p className="muted small">Nothing: the step is open from the start.</p>}
      <ul className="chips" aria-label="Requirements">
        {items.map((item, i) => {
          const kind = itemKind(item);
          if (kind === 'done' || kind === 'solved' || kind === 'failed') {
            const id = singleId(item)!;
            return (
              <li key={i} className={`chip chip-${kind} ${exists(id) ? '' : 'missing'}`}>
                {v2 ? (
                  <select aria-label={`How ${nameOf(id)} must end`} value={kind} onChange={(e) => replace(i, singleItem(e.target.value as 'done' | 'solved' | 'failed', id))}>
                    <option value="done">done</option>
                    <option value="solved">solved</option>
                    <option value="failed">failed</option>
                  </select>
                ) : null}
                <span className="chip-name">{nameOf(id)}</span>
                <button type="button" className="chip-x" aria-label={`Remove requirement ${nameOf(id)}`} onClick={() => remove(i)}>
                  ×
                </button>
              </li>
            );
          }
          if (kind === 'anyOf') {
            const ids = anyOfIds(item);
            const o = item as Record<string, unknown>;
            return (
              <li key={i} className="chip-group">
                <div className="chip-group-head">
                  <label>
                    At least{' '}
                    <input
                      className="narrow"
                      inputMode="numeric"
                      aria-label={`How many of requirement ${i + 1} must be done`}
                      value={o.count === undefined ? '' : String(o.count)}
                      placeholder="1"
                      onChange={(e) => {
                        const n = parseNumberInput(e.target.value);
                        const next = { ...o };
                        if (n === undefined) delete next.count;
                        else next.count = n;
                        replace(i, next);
                      }}
                    />{' '}
                    of these done:
                  </label>
                  <button type="button" className="chip-x" aria-label={`Remove requirement ${i + 1} (any of)`} onClick={() => remove(i)}>
                    ×
                  </button>
                </div>
                <ul className="chips">
                  {ids.map((id, k) => (
                    <li key={k} className={`chip chip-anyOf ${exists(id) ? '' : 'missing'}`}>
                      <span className="chip-name">{nameOf(id)}</span>
                      <button
                        type="button"
                        className="chip-x"
                        aria-label={`Remove ${nameOf(id)} from requirement ${i + 1}`}
                        onClick={() => {
                          const rest = (o.anyOf as unknown[]).filter((x) => x !== id);
                          const next: Record<string, unknown> = { ...o, anyOf: rest };
                          if (typeof o.count === 'number' && o.count > rest.length && rest.length > 0) next.count = rest.length;
                          replace(i, next);
                        }}
                      >
                        ×
                      </button>
                    </li>
                  ))}
                </ul>
                <StepPicker label={`Add a step to requirement ${i + 1} (any of)`} steps={others.filter((s) => !ids.includes(s.id))} onPick={(id) => replace(i, { ...o, anyOf: [...(Array.isArray(o.anyOf) ? o.anyOf : []), id] })} />
                <small className="muted">{`${anyOfCount(item)} of ${ids.length} needed`}</small>
              </li>
            );
          }
          if (kind === 'score') {
            const o = item as Record<string, unknown>;
            return (
              <li key={i} className="chip chip-score">
                <label>
                  Score at least{' '}
                  <input className="narrow" inputMode="numeric" aria-label={`Minimum score of requirement ${i + 1}`} value={String(o.score ?? '')} onChange={(e) => replace(i, { ...o, score: parseNumberInput(e.target.value) ?? '' })} />
                </label>
                <button type="button" className="chip-x" aria-label={`Remove requirement ${i + 1} (score)`} onClick={() => remove(i)}>
                  ×
                </button>
              </li>
            );
          }
          return (
            <li key={i} className="chip missing">
              <span className="chip-name">{`Requirement ${i + 1} cannot be shown: ${JSON.stringify(item)}`}</span>
              <button type="button" className="chip-x" aria-label={`Remove requirement ${i + 1}`} onClick={() => remove(i)}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <StepPicker id="step-requires-search" label="Add a required step" steps={others.filter((s) => !named.has(s.id))} onPick={(id) => set([...items, id])} />
      {v2 && (
        <div className="row-buttons">
          <button type="button" onClick={() => set([...items, { anyOf: [], count: 1 }])}>
            + Any of several
          </button>
          <button type="button" onClick={() => set([...items, { score: 0 }])}>
            + Minimum score
          </button>
        </div>
      )}
      {error && <small className="error-text">{error}</small>}
    </fieldset>
  );
}
