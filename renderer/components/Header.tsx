// The studio header: hunt title with the unsaved marker, file and history commands.
import { useStore } from '../state/store';
import { editor, isDirty, redo, undo } from '../state/editor';
import { canRedo, canUndo } from '../state/history';
import { newHunt, openFromDisk, save, saveAs } from '../state/files';
import { appInfo, screen } from '../state/app';
import { ExamplesButton } from '../editor/ExamplesGallery';
import { OpenHuntDialog } from '../editor/OpenHuntDialog';

export function Header() {
  const title = useStore(editor, (s) => {
    const t = (s.history.present.hunt as { title?: unknown } | null)?.title;
    return typeof t === 'string' && t.trim() ? t : 'Untitled hunt';
  });
  const dirty = useStore(editor, isDirty);
  const path = useStore(editor, (s) => s.path);
  const undoable = useStore(editor, (s) => canUndo(s.history));
  const redoable = useStore(editor, (s) => canRedo(s.history));
  const host = useStore(appInfo, (i) => i?.host ?? 'web');

  return (
    <header className="header">
      <div className="brand" aria-hidden="true">◆ Hunt Studio</div>
      <div className="doc-title">
        <h1 title={path ?? 'Not saved to a file yet'}>
          {title}
          {dirty && (
            <span className="dirty" role="img" aria-label="Unsaved changes" title="Unsaved changes">
              ●
            </span>
          )}
        </h1>
        <span className="doc-path">{path ?? 'not saved yet'}</span>
      </div>
      <div className="toolbar" role="toolbar" aria-label="File and history">
        <button type="button" onClick={() => void newHunt().then((ok) => ok && screen.set('editor'))}>New</button>
        <button type="button" onClick={() => void openFromDisk().then((ok) => ok && screen.set('editor'))} aria-keyshortcuts="Control+O" title="Open a hunt file (Ctrl+O)">Open…</button>
        <ExamplesButton />
        <button type="button" onClick={() => void save()} aria-keyshortcuts="Control+S" title="Save (Ctrl+S)">Save</button>
        <button type="button" onClick={() => void saveAs()} aria-keyshortcuts="Control+Shift+S" title="Save as (Ctrl+Shift+S)">Save as…</button>
        <span className="sep" aria-hidden="true" />
        <button type="button" onClick={undo} disabled={!undoable} aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">Undo</button>
        <button type="button" onClick={redo} disabled={!redoable} aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)">Redo</button>
        <span className="host-badge" title="Where the studio runs">{host === 'electron' ? 'Desktop' : 'Web host'}</span>
      </div>
      <OpenHuntDialog />
    </header>
  );
}
