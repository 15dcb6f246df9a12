// Labelled form fields for values that may be invalid while the designer types:
// a number field keeps text it cannot parse, so the validator can name the problem.
import type { ReactNode } from 'react';

type Common = { id: string; label: string; hint?: string; invalid?: boolean };

export function TextField(props: Common & { value: unknown; onChange(v: string): void; placeholder?: string; mono?: boolean }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        className={props.mono ? 'mono' : undefined}
        value={typeof props.value === 'string' ? props.value : props.value === undefined ? '' : JSON.stringify(props.value)}
        placeholder={props.placeholder}
        aria-invalid={props.invalid || undefined}
        spellCheck={false}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint && <small>{props.hint}</small>}
    </div>
  );
}

/** Parses a number field: empty removes the (optional) field, text that is not a number is kept as typed. */
export function parseNumberInput(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : text;
}

export function NumberField(props: Common & { value: unknown; onChange(v: number | string | undefined): void; placeholder?: string }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        inputMode="decimal"
        value={props.value === undefined || props.value === null ? '' : String(props.value)}
        placeholder={props.placeholder}
        aria-invalid={props.invalid || undefined}
        onChange={(e) => props.onChange(parseNumberInput(e.target.value))}
      />
      {props.hint && <small>{props.hint}</small>}
    </div>
  );
}

export function TextArea(props: Common & { value: string; onChange(v: string): void; rows?: number; mono?: boolean }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        className={props.mono ? 'mono' : undefined}
        rows={props.rows ?? 3}
        value={props.value}
        aria-invalid={props.invalid || undefined}
        spellCheck={false}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint && <small>{props.hint}</small>}
    </div>
  );
}

export function SelectField(props: Common & { value: string; onChange(v: string): void; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} aria-invalid={props.invalid || undefined} onChange={(e) => props.onChange(e.target.value)}>
        {props.children}
      </select>
      {props.hint && <small>{props.hint}</small>}
    </div>
  );
}
