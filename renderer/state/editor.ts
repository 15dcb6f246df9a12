// The hunt being edited: its undo history, where it lives on disk, the last
// validation report and what is selected. Every screen reads the open hunt from here.
import type { HuntDocument, ValidationReport } from '../../api/contract';
import { api } from '../api';
import { createHistory, record, redo as historyRedo, undo as historyUndo, type History } from './history';
import { createStore } from './store';
import { notifyError } from './notices';
import { pinAll, type GraphPoint } from '../hunt/layout';
import { stepViews } from '../hunt/draft';

/** What undo/redo moves through: the hunt and the designer's node positions (kept by step id). */
export type EditorDoc = { hunt: unknown; positions: Record<string, GraphPoint> };

export type Selection = { area: 'hunt' } | { area: 'step'; index: number } | { area: 'location'; index: number };

export type EditorState = {
  history: History<EditorDoc>;
  path: string | null;
  /** JSON of the hunt as last opened or saved: the document is dirty when it differs. */
  savedJson: string;
  report: ValidationReport;
  /** The hunt the report belongs to (the report lags typing by a moment). */
  reportFor: unknown;
  selection: Selection;
  /** A field to focus after a problem was clicked; the nonce makes repeated clicks refocus. */
  focus: { domId: string; nonce: number } | null;
};

const EMPTY_REPORT: ValidationReport = { valid: true, errors: [], warnings: [] };

export const editor = createStore<EditorState>({
  history: createHistory<EditorDoc>({ hunt: null, positions: {} }),
  path: null,
  savedJson: 'null',
  report: EMPTY_REPORT,
  reportFor: null,
  selection: { area: 'hunt' },
  focus: null,
});

export const currentHunt = (): unknown => editor.get().history.present.hunt;
export const isDirty = (s: EditorState): boolean => JSON.stringify(s.history.present.hunt) !== s.savedJson;

const POSITIONS_KEY = (id: string) => `studio.positions.${id}`;

function huntId(hunt: unknown): string | null {
  const id = (hunt as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id !== '' ? id : null;
}

/** Node positions are not part of the hunt format, so they are remembered per hunt id in the browser. */
function loadPositions(hunt: unknown): Record<string, GraphPoint> {
  const id = huntId(hunt);
  if (!id) return {};
  try {
    const text = localStorage.getItem(POSITIONS_KEY(id));
    return text ? (JSON.parse(text) as Record<string, GraphPoint>) : {};
  } catch {
    return {};
  }
}

function savePositions(doc: EditorDoc): void {
  const id = huntId(doc.hunt);
  if (!id) return;
  try {
    localStorage.setItem(POSITIONS_KEY(id), JSON.stringify(doc.positions));
  } catch {
    // Storage full or disabled: positions are a convenience, the hunt is what matters.
  }
}

/**
 * The positions after an edit from `before` to `hunt`: a step whose id changed in place
 * (renamed in the form) keeps its spot, and a step with no spot yet gets one, so no
 * step ever moves unless the designer drags it or asks for "Tidy layout".
 */
export function positionsAfterEdit(before: unknown, hunt: unknown, positions: Record<string, GraphPoint>): Record<string, GraphPoint> {
  const old = stepViews(before);
  const now = stepViews(hunt);
  let next = positions;
  if (old.length === now.length)
    for (const s of now) {
      const was = old[s.index].id;
      if (was !== s.id && s.id && next[was] && !next[s.id]) next = { ...next, [s.id]: next[was] };
    }
  const pinned = pinAll(now, next);
  return Object.keys(pinned).length === Object.keys(positions).length && next === positions ? positions : pinned;
}

/** Replaces the open document (after open, new, example or save). */
export function loadDocument(doc: HuntDocument): void {
  const positions = pinAll(stepViews(doc.hunt), loadPositions(doc.hunt));
  editor.set((s) => ({
    ...s,
    history: createHistory({ hunt: doc.hunt, positions }),
    path: doc.path,
    savedJson: JSON.stringify(doc.hunt),
    report: doc.report,
    reportFor: doc.hunt,
    selection: { area: 'hunt' },
    focus: null,
  }));
}

/** After a save: same history, new path and saved state. */
export function markSaved(doc: HuntDocument): void {
  editor.set((s) => ({ ...s, path: doc.path, savedJson: JSON.stringify(doc.hunt), report: doc.report, reportFor: doc.hunt }));
}

/** Applies an edit to the hunt. `key` coalesces typing in one field into one undo step. */
export function editHunt(next: unknown, key: string | null = null): void {
  const { hunt, positions } = editor.get().history.present;
  const nextPositions = positionsAfterEdit(hunt, next, positions);
  editor.set((s) => ({ ...s, history: record(s.history, { hunt: next, positions: nextPositions }, key) }));
  if (nextPositions !== positions) savePositions(editor.get().history.present);
  scheduleValidation();
}

export function editPositions(positions: Record<string, GraphPoint>): void {
  editor.set((s) => ({ ...s, history: record(s.history, { ...s.history.present, positions }) }));
  savePositions(editor.get().history.present);
}

export function editBoth(doc: EditorDoc, key: string | null = null): void {
  editor.set((s) => ({ ...s, history: record(s.history, doc, key) }));
  savePositions(doc);
  scheduleValidation();
}

export function undo(): void {
  editor.set((s) => ({ ...s, history: historyUndo(s.history) }));
  clampSelection();
  scheduleValidation();
}

export function redo(): void {
  editor.set((s) => ({ ...s, history: historyRedo(s.history) }));
  clampSelection();
  scheduleValidation();
}

export function select(selection: Selection, focusDomId: string | null = null): void {
  editor.set((s) => ({ ...s, selection, focus: focusDomId ? { domId: focusDomId, nonce: (s.focus?.nonce ?? 0) + 1 } : s.focus }));
}

/** After undo removes a step, the selection must not point past the end. */
function clampSelection(): void {
  const s = editor.get();
  const hunt = s.history.present.hunt as { steps?: unknown; locations?: unknown } | null;
  const len = (v: unknown) => (Array.isArray(v) ? v.length : 0);
  const sel = s.selection;
  if (sel.area === 'step' && sel.index >= len(hunt?.steps)) select({ area: 'hunt' });
  if (sel.area === 'location' && sel.index >= len(hunt?.locations)) select({ area: 'hunt' });
}

let validationTimer: ReturnType<typeof setTimeout> | null = null;
let validationSeq = 0;

/** Validates the hunt a moment after the last edit; a stale answer never overwrites a newer one. */
export function scheduleValidation(delayMs = 150): void {
  if (validationTimer) clearTimeout(validationTimer);
  validationTimer = setTimeout(() => void validateNow().catch((err) => notifyError(err, 'Checking the hunt')), delayMs);
}

export async function validateNow(): Promise<ValidationReport> {
  const seq = ++validationSeq;
  const hunt = currentHunt();
  const report = await api().call('hunts.validate', { hunt });
  if (seq === validationSeq) editor.set((s) => ({ ...s, report, reportFor: hunt }));
  return report;
}
