// The web host's Open dialog: recent hunts and the hunt files in the host's data folder
// (and its sub-folders), or a path typed in. The hunt is opened from its path on the
// host, so Save writes back to the same file.
import { useEffect, useState } from 'react';
import { ModalDialog } from '../components/ModalDialog';
import type { FolderListing } from '../../api/contract';
import { api } from '../api';
import { useStore } from '../state/store';
import { filePicker } from '../state/filePicker';
import { notifyError } from '../state/notices';

const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p;

export function OpenHuntDialog() {
  const request = useStore(filePicker, (r) => r);
  return request ? <Picker onDone={request.resolve} /> : null;
}

function Picker({ onDone }: { onDone(path: string | null): void }) {
  const [recent, setRecent] = useState<string[] | null>(null);
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [typed, setTyped] = useState('');
  const browse = (dir?: string) =>
    api()
      .call('hunts.browse', dir === undefined ? {} : { dir })
      .then(setListing)
      .catch((err) => notifyError(err, 'Listing the folder'));
  useEffect(() => {
    api()
      .call('hunts.recent', {})
      .then(setRecent)
      .catch(() => setRecent([]));
    void browse();
  }, []);
  const rel = listing && listing.dir !== listing.root ? listing.dir.slice(listing.root.length).replace(/^[\\/]/, '') : '';
  return (
    <ModalDialog className="open-dialog" labelledBy="open-title" onClose={() => onDone(null)}>
      <h2 id="open-title">Open a hunt</h2>
      <p className="muted small">Files on the machine running the studio. Save writes back to the file you open.</p>
      <section aria-labelledby="open-recent-title">
        <h3 id="open-recent-title">Recent</h3>
        {recent === null ? (
          <p aria-busy="true">Loading…</p>
        ) : recent.length === 0 ? (
          <p className="muted small">No hunt opened or saved yet.</p>
        ) : (
          <ul className="file-list">
            {recent.map((p) => (
              <li key={p}>
                <button type="button" className="file" onClick={() => onDone(p)} title={p}>
                  <span className="file-name">{baseName(p)}</span> <span className="muted small">{p}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="open-folder-title">
        <h3 id="open-folder-title">
          Data folder{rel ? ` › ${rel}` : ''}
        </h3>
        {listing === null ? (
          <p aria-busy="true">Loading…</p>
        ) : (
          <ul className="file-list" aria-label={`Files in ${listing.dir}`}>
            {listing.parent && (
              <li>
                <button type="button" className="file" onClick={() => void browse(listing.parent!)}>
                  ↑ Up one folder
                </button>
              </li>
            )}
            {listing.entries.map((e) => (
              <li key={e.path}>
                <button type="button" className="file" onClick={() => (e.kind === 'folder' ? void browse(e.path) : onDone(e.path))} title={e.path}>
                  <span aria-hidden="true">{e.kind === 'folder' ? '📁' : '◆'}</span> <span className="file-name">{e.name}</span>
                  {e.kind === 'hunt' && <span className="muted small"> {new Date(e.modifiedAt).toLocaleString()}</span>}
                </button>
              </li>
            ))}
            {listing.entries.length === 0 && <li className="muted small">No hunt files here yet ({listing.dir}).</li>}
          </ul>
        )}
      </section>
      <form
        className="open-path"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed.trim()) onDone(typed.trim());
        }}
      >
        <label className="field grow">
          <span>Or a path on the host</span>
          <input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={listing ? `${listing.root}/my-hunt.hunt.json` : ''} spellCheck={false} />
        </label>
        <button type="submit" disabled={!typed.trim()}>
          Open path
        </button>
      </form>
      <div className="dialog-actions">
        <span className="grow" />
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </ModalDialog>
  );
}
