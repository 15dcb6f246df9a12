// The profile mix as a form: each built-in profile with a checkbox, its share in percent
// (the shares must add up to 100: *Balance* makes them) and its main parameters, always
// summarised and editable on demand. The text (a preset list or a profiles file) stays
// available as the advanced option; text typed there is used as it is.
import { useEffect, useState } from 'react';
import type { ProfilePreset } from '../../api/contract';
import { api } from '../api';
import { createStore, useStore } from '../state/store';
import { notifyError } from '../state/notices';
import { TextArea } from '../components/fields';
import { pickTextFile } from '../lib/download';
import { balance, BRANCH_CHOICES, defaultMix, MIX_PARAMS, mixProblem, mixSummary, mixText, shareTotal, type BranchChoice, type MixParam, type MixRow } from './profileMix';

type MixState = { presets: ProfilePreset[] | null; rows: MixRow[]; advanced: boolean };
const mix = createStore<MixState>({ presets: null, rows: [], advanced: false });

/** Calls onChange with the setting's text and whether it can run (the form's own problem, if any). */
export function ProfileMixForm({ text, onChange, onProblem }: { text: string; onChange(text: string): void; onProblem(problem: string | null): void }) {
  const state = useStore(mix, (m) => m);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    if (state.presets) return;
    api()
      .call('runs.profilePresets', {})
      .then((presets) => mix.set((m) => ({ ...m, presets, rows: defaultMix(presets) })))
      .catch((err) => notifyError(err, 'Reading the profile presets'));
  }, [state.presets]);
  const problem = state.advanced ? null : mixProblem(state.rows);
  useEffect(() => onProblem(state.presets ? problem : null), [problem, state.presets, onProblem]);

  const update = (rows: MixRow[]) => {
    mix.set((m) => ({ ...m, rows }));
    if (state.presets && !mixProblem(rows)) onChange(mixText(rows, state.presets));
  };
  const setRow = (name: string, change: Partial<MixRow>) => update(state.rows.map((r) => (r.name === name ? { ...r, ...change } : r)));
  const total = shareTotal(state.rows);

  return (
    <fieldset className="field">
      <legend>Profile mix</legend>
      <div className="actions">
        <label className="check">
          <input
            type="checkbox"
            checked={state.advanced}
            onChange={(e) => {
              mix.set((m) => ({ ...m, advanced: e.target.checked }));
              if (!e.target.checked && state.presets) onChange(mixText(state.rows, state.presets));
            }}
          />
          Edit as text (advanced)
        </label>
      </div>
      {state.advanced ? (
        <>
          <TextArea
            id="sim-profiles"
            label="Profile mix as text"
            rows={4}
            mono
            value={text}
            hint="Empty for the default mix; presets with shares (casual:0.7,families:0.3); or a profiles file's text."
            onChange={onChange}
          />
          <div className="actions">
            <button
              type="button"
              onClick={async () => {
                const f = await pickTextFile('.json,application/json');
                if (f) onChange(f.text);
              }}
            >
              Load profiles file…
            </button>
          </div>
        </>
      ) : !state.presets ? (
        <p className="muted small" aria-busy="true">Reading the profiles…</p>
      ) : (
        <div className="profile-mix" role="group" aria-label="Profiles taking part">
          {state.rows.map((r) => {
            const preset = state.presets!.find((p) => p.name === r.name)!;
            return (
              <div key={r.name}>
                <div className="profile-row">
                  <input type="checkbox" id={`mix-on-${r.name}`} checked={r.on} onChange={(e) => setRow(r.name, { on: e.target.checked })} />
                  <label htmlFor={`mix-on-${r.name}`} title={preset.description}>
                    {r.name}
                  </label>
                  <input
                    aria-label={`Share of ${r.name} in percent`}
                    inputMode="numeric"
                    disabled={!r.on}
                    value={Number.isFinite(r.sharePct) ? String(r.sharePct) : ''}
                    onChange={(e) => setRow(r.name, { sharePct: e.target.value.trim() === '' ? NaN : Number(e.target.value) })}
                  />
                </div>
                {r.on && (
                  <div className="muted small" style={{ paddingLeft: 22 }}>
                    {mixSummary(r)}{' '}
                    <button type="button" className="link small" aria-expanded={open === r.name} onClick={() => setOpen(open === r.name ? null : r.name)}>
                      {open === r.name ? 'Done' : `Edit ${r.name}`}
                    </button>
                  </div>
                )}
                {r.on && open === r.name && (
                  <div className="profile-params">
                    {MIX_PARAMS.filter((m) => !m.hunt2).map((m) => (
                      <ParamField key={m.key} param={m} row={r} onChange={(params) => setRow(r.name, { params })} />
                    ))}
                    <fieldset className="profile-params-v2">
                      <legend>hunt/2 hunts only</legend>
                      {MIX_PARAMS.filter((m) => m.hunt2).map((m) => (
                        <ParamField key={m.key} param={m} row={r} onChange={(params) => setRow(r.name, { params })} />
                      ))}
                      <label className="wide">
                        Works on next
                        <select value={r.branch} onChange={(e) => setRow(r.name, { branch: e.target.value as BranchChoice })}>
                          {BRANCH_CHOICES.map((b) => (
                            <option key={b.value} value={b.value}>
                              {b.label}
                            </option>
                          ))}
                        </select>
                      </label>
                      <label className="check">
                        <input type="checkbox" checked={r.shortcut} onChange={(e) => setRow(r.name, { shortcut: e.target.checked })} /> Skips steps that can no longer open anything
                      </label>
                    </fieldset>
                  </div>
                )}
              </div>
            );
          })}
          <div className="actions">
            <span className={`share-total${Math.abs(total - 100) > 0.001 ? ' bad' : ''}`} data-testid="share-total">
              Total {Number.isFinite(total) ? total : '–'}%
            </span>
            <span className="grow" />
            <button type="button" className="small-button" onClick={() => update(balance(state.rows))}>
              Balance to 100%
            </button>
            <button type="button" className="small-button" onClick={() => update(defaultMix(state.presets!))}>
              Reset
            </button>
          </div>
          {problem && (
            <p className="error-text small" role="alert">
              {problem}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}

/** One parameter's field: blank is "not a number yet", or "no limit" for an optional one. */
function ParamField({ param: m, row: r, onChange }: { param: MixParam; row: MixRow; onChange(params: MixRow['params']): void }) {
  const v = r.params[m.key];
  return (
    <label>
      {m.label} ({m.unit})
      <input
        inputMode="decimal"
        placeholder={m.blank}
        value={v !== null && Number.isFinite(v) ? String(v) : ''}
        onChange={(e) => onChange({ ...r.params, [m.key]: e.target.value.trim() === '' ? (m.optional ? null : NaN) : Number(e.target.value) })}
      />
    </label>
  );
}
