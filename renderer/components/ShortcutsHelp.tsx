// The list of keyboard shortcuts, opened with "?" or the button in the navigation bar.
import { useEffect, useState } from 'react';
import { ModalDialog } from './ModalDialog';
import { isTyping } from '../lib/keys';

export const SHORTCUTS: { keys: string; what: string; where: string }[] = [
  { keys: 'Alt+1 … Alt+7', what: 'Editor, Simulate, Runs & Debugger, Replay & QA, Playtest, What if, Live console', where: 'everywhere' },
  { keys: 'Ctrl+O', what: 'Open a hunt file', where: 'everywhere' },
  { keys: 'Ctrl+S / Ctrl+Shift+S', what: 'Save / Save as', where: 'everywhere' },
  { keys: 'Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y)', what: 'Undo / Redo (outside text fields)', where: 'everywhere' },
  { keys: 'Delete / Backspace', what: 'Delete the selected step or connection', where: 'Editor graph' },
  { keys: '← / →', what: 'Step one event back / forward', where: 'Debugger' },
  { keys: 'Shift+← / Shift+→', what: 'Scrub 1% of the run', where: 'Debugger' },
  { keys: 'Page Up / Page Down', what: 'Scrub 10% of the run', where: 'Debugger' },
  { keys: 'Home / End', what: 'First / last event', where: 'Debugger' },
  { keys: 'R / Shift+R', what: 'Next / previous rejected event', where: 'Debugger' },
  { keys: 'P / Shift+P', what: "Next / previous event of the inspected participant", where: 'Debugger' },
  { keys: '?', what: 'This list', where: 'everywhere' },
];

export function ShortcutsButton() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '?' && !isTyping(e.target) && !document.querySelector('dialog[open]')) setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <button type="button" className="nav-item nav-help" aria-haspopup="dialog" aria-keyshortcuts="?" onClick={() => setOpen(true)}>
        Keyboard shortcuts
      </button>
      {open && <ShortcutsDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <ModalDialog labelledBy="shortcuts-title" onClose={onClose}>
      <div className="form-head">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <button type="button" aria-label="Close the shortcuts" onClick={onClose} autoFocus>
          ×
        </button>
      </div>
      <table className="data">
        <thead>
          <tr>
            <th>Keys</th>
            <th>Does</th>
            <th>Where</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td style={{ whiteSpace: 'normal' }}>{s.what}</td>
              <td>{s.where}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ModalDialog>
  );
}
