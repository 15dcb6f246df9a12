// The examples gallery: the hunts that ship with the studio, to learn from or start from.
import { useEffect, useState } from 'react';
import { ModalDialog } from '../components/ModalDialog';
import type { ExampleSummary } from '../../api/contract';
import { api } from '../api';
import { openExample } from '../state/files';
import { screen } from '../state/app';
import { notifyError } from '../state/notices';

export function ExamplesButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Examples…
      </button>
      {open && <ExamplesGallery onClose={() => setOpen(false)} />}
    </>
  );
}

function ExamplesGallery({ onClose }: { onClose(): void }) {
  const [examples, setExamples] = useState<ExampleSummary[] | null>(null);
  useEffect(() => {
    api()
      .call('hunts.examples', {})
      .then(setExamples)
      .catch((err) => {
        notifyError(err, 'Listing the examples');
        setExamples([]);
      });
  }, []);
  return (
    <ModalDialog className="gallery" labelledBy="gallery-title" onClose={onClose}>
      <div className="form-head">
        <h2 id="gallery-title">Examples</h2>
        <button type="button" aria-label="Close the examples" onClick={onClose}>
          ×
        </button>
      </div>
      {examples === null ? (
        <p aria-busy="true">Loading…</p>
      ) : examples.length === 0 ? (
        <p className="muted">No examples are installed.</p>
      ) : (
        <ul className="cards">
          {examples.map((ex) => (
            <li key={ex.name} className="card">
              <h3>{ex.title}</h3>
              <p className="muted small">
                <code>{ex.id}</code> · {ex.steps} steps
              </p>
              <p>{ex.description}</p>
              <button
                type="button"
                className="primary"
                aria-label={`Open example ${ex.title}`}
                onClick={async () => {
                  onClose();
                  try {
                    if (await openExample(ex.name)) screen.set('editor');
                  } catch (err) {
                    notifyError(err, 'Opening the example');
                  }
                }}
              >
                Open
              </button>
            </li>
          ))}
        </ul>
      )}
    </ModalDialog>
  );
}
